// The same answers in long and in wide form score identically, to the last bit.
#include <ita/app/gen_command.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/service/score_files.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

using namespace ita;
namespace fs = std::filesystem;

namespace {

std::string scored_json(const fs::path& dir, std::vector<std::string> responses) {
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.agencies = (dir / "agencies.csv").string();
    request.oit = (dir / "oit.csv").string();
    for (auto& name : responses) request.responses.push_back((dir / name).string());
    const auto run = service::score_files(request);
    EXPECT_TRUE(run) << run.error().to_string();
    if (!run) return {};
    std::ostringstream out;
    report::write_scores_json(out, run->methodology, run->scored);
    return out.str();
}

}  // namespace

TEST(FormsEquivalence, LongAndWideGiveIdenticalResults) {
    const fs::path root = fs::temp_directory_path() / ("ita_forms_" + std::to_string(::getpid()));
    for (const char* form : {"wide", "long"}) {
        app::GenCommand gen;
        gen.agencies = 60;
        gen.seed = 42;
        gen.fiscal_year = 2565;
        gen.form = form;
        gen.out_dir = (root / form).string();
        ASSERT_EQ(app::run_gen_command(gen), 0);
    }
    const std::string wide = scored_json(root / "wide", {"responses_iit.csv", "responses_eit.csv"});
    const std::string long_form = scored_json(root / "long", {"responses.csv"});
    EXPECT_GT(wide.size(), 10000u);
    EXPECT_EQ(wide, long_form);
    fs::remove_all(root);
}
