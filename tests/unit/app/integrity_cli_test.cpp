// `ita integrity` as an auditor runs it: an agency whose answers were copied stands out with
// its reasons; its honest peers do not; nothing about the scores changes.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <random>

namespace {

constexpr const char* scale[] = {"I1.1", "I1.2", "I2", "I3.1", "I3.2", "I3.3", "I7", "I8.1", "I8.2", "I9", "I10", "I11.1", "I11.2", "I12.1",
                                 "I12.2", "I12.3", "I13", "I14", "I15", "I16", "I17", "I18.1", "I18.2", "I18.3", "I19", "I20"};

std::string responses_csv() {
    std::string text = "agency_id,instrument,respondent";
    for (const char* code : scale) text += std::string(",") + code;
    text += "\n";
    std::mt19937 random(7);
    std::discrete_distribution<int> option({5, 15, 40, 40});
    const auto row = [&](const std::string& agency, int respondent, const std::vector<int>& answers) {
        text += agency + ",IIT,r" + std::to_string(respondent);
        for (const int answer : answers) text += "," + std::to_string(answer);
        text += "\n";
    };
    const auto varied = [&] {
        std::vector<int> answers;
        for (std::size_t index = 0; index < std::size(scale); ++index) answers.push_back(option(random) + 1);
        return answers;
    };
    const auto copied = varied();
    for (const std::string agency : {"T1", "T2", "T3", "T4"})
        for (int respondent = 0; respondent < 30; ++respondent) row(agency, respondent, agency == "T2" && respondent < 12 ? copied : varied());
    return text;
}

}  // namespace

TEST(IntegrityCli, CopiedAnswersStandOutWithTheirReasonAndScoresStayAsTheyWere) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db"), ita = ITA_BINARY;
    const auto agencies = files.write("agencies.csv", "agency_id,name,type,province\nT1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\n"
                                                      "T2,เทศบาลตำบลสอง,เทศบาลตำบล,ขอนแก่น\nT3,เทศบาลตำบลสาม,เทศบาลตำบล,ขอนแก่น\n"
                                                      "T4,เทศบาลตำบลสี่,เทศบาลตำบล,ขอนแก่น\n");
    ASSERT_EQ(std::system((ita + " import --db " + db + " agencies " + agencies + " >/dev/null 2>&1").c_str()), 0);
    ASSERT_EQ(std::system((ita + " import --db " + db + " --year 2565 responses " + files.write("r.csv", responses_csv()) + " >/dev/null 2>&1").c_str()), 0);
    const auto scores_before = ita::test::output_of(ita + " score --db " + db + " --year 2565 --format json 2>/dev/null");

    const auto report = nlohmann::json::parse(ita::test::output_of(ita + " integrity --db " + db + " --year 2565 --format json 2>/dev/null"));
    ASSERT_EQ(report["agencies"].size(), 4u) << report.dump(2);
    const auto& lowest = report["agencies"][0];  // lowest confidence first
    EXPECT_EQ(lowest["agency_id"], "T2");
    EXPECT_EQ(lowest["instrument"], "IIT");
    EXPECT_EQ(lowest["confidence"], 70);
    EXPECT_EQ(lowest["signals"][0]["code"], "identical_answers");
    EXPECT_EQ(lowest["signals"][0]["flagged"], true);
    EXPECT_NE(lowest["signals"][0]["explanation"].get<std::string>().find("12 ชุด จาก 30"), std::string::npos);
    for (std::size_t index = 1; index < 4; ++index) {
        EXPECT_EQ(report["agencies"][index]["confidence"], 100) << report["agencies"][index].dump(2);
        EXPECT_EQ(report["agencies"][index]["level"], "สูง");
    }
    // Imported answers carry no timing: said so, not guessed.
    EXPECT_EQ(lowest["signals"][2]["explanation"], "ไม่มีข้อมูลเวลาส่ง (คำตอบนำเข้าจากไฟล์)");

    const auto text = ita::test::output_of(ita + " integrity --db " + db + " --year 2565 --agency T2 2>/dev/null");
    EXPECT_NE(text.find("T2 เทศบาลตำบลสอง — IIT: ความน่าเชื่อถือของคำตอบ 70/100 (ปานกลาง), 30 ชุด"), std::string::npos) << text;
    EXPECT_NE(text.find("ไม่เปลี่ยนคะแนน"), std::string::npos);
    EXPECT_EQ(ita::test::output_of(ita + " score --db " + db + " --year 2565 --format json 2>/dev/null"), scores_before);
    EXPECT_NE(std::system((ita + " integrity --db " + db + " --year 2565 --agency NOPE >/dev/null 2>&1").c_str()), 0);
}
