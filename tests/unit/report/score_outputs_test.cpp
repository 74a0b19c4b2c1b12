#include <ita/report/score_outputs.hpp>
#include <ita/service/score_files.hpp>

#include <gtest/gtest.h>

#include <sstream>

using namespace ita;

namespace {
service::ScoreRun seed002() {
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.published = std::string(ITA_SOURCE_DIR) + "/tests/golden/2565/seed002_indicators/published.csv";
    auto run = service::score_files(request);
    EXPECT_TRUE(run);
    return std::move(*run);
}
}  // namespace

TEST(ScoreOutputs, JsonKeepsNumbersUnroundedAndAbsentAsNull) {
    const auto run = seed002();
    std::ostringstream out;
    report::write_scores_json(out, run.methodology, run.scored);
    const std::string text = out.str();
    EXPECT_NE(text.find(R"("overall":83.93)"), std::string::npos) << text;
    EXPECT_EQ(text.find(R"("overall":83.94,)"), std::string::npos);
    EXPECT_NE(text.find(R"("questions":{"I1":null,)"), std::string::npos);
    EXPECT_NE(text.find(R"("methodology":{"version":"2565.1","status":"verified"})"), std::string::npos);
}

TEST(ScoreOutputs, SingleAgencyTableShowsThaiNamesAndVerdicts) {
    const auto run = seed002();
    std::ostringstream out;
    report::write_scores_table(out, run.methodology, run.scored);
    const std::string text = out.str();
    EXPECT_NE(text.find("การแก้ไขปัญหาการทุจริต"), std::string::npos);
    EXPECT_NE(text.find("83.94"), std::string::npos);
    EXPECT_NE(text.find("B  ไม่ผ่านเกณฑ์"), std::string::npos) << text;
    EXPECT_NE(text.find("93.75"), std::string::npos);
}
