// Runs every case of tests/golden/<year>/<case>/: the input files found there are scored as
// `ita score` would, and each line of expected.csv (agency_id,key,expected) is compared with
// the result shown to two decimals. See tests/golden/README.md.
#include <ita/core/analysis.hpp>
#include <ita/service/score_files.hpp>
#include <ita/util/csv_reader.hpp>
#include <ita/util/decimal.hpp>
#include <ita/util/mapped_file.hpp>

#include <gtest/gtest.h>

#include <filesystem>

using namespace ita;
namespace fs = std::filesystem;

namespace {

struct GoldenCase {
    std::string name;  // "2565/seed002_indicators"
    fs::path dir;
    int year = 0;
};

std::vector<GoldenCase> discover() {
    std::vector<GoldenCase> cases;
    const fs::path root = fs::path(ITA_SOURCE_DIR) / "tests" / "golden";
    for (const auto& year_dir : fs::directory_iterator(root)) {
        if (!year_dir.is_directory()) continue;
        for (const auto& case_dir : fs::directory_iterator(year_dir))
            if (case_dir.is_directory())
                cases.push_back({year_dir.path().filename().string() + "/" + case_dir.path().filename().string(), case_dir.path(),
                                 std::stoi(year_dir.path().filename().string())});
    }
    std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return cases;
}

service::ScoreRequest request_for(const GoldenCase& golden) {
    service::ScoreRequest request;
    request.fiscal_year = golden.year;
    for (const auto& entry : fs::directory_iterator(golden.dir)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("responses")) request.responses.push_back(entry.path().string());
    }
    std::sort(request.responses.begin(), request.responses.end());
    const auto optional_file = [&](const char* name) -> std::optional<std::string> {
        if (fs::exists(golden.dir / name)) return (golden.dir / name).string();
        return std::nullopt;
    };
    request.agencies = optional_file("agencies.csv");
    request.oit = optional_file("oit.csv");
    request.published = optional_file("published.csv");
    return request;
}

std::string shown(const core::Score& score) { return score ? util::format_fixed(*score) : "absent"; }

template <typename Element>
std::string by_code(const std::vector<Element>& elements, const std::vector<core::Score>& scores, const std::string& code) {
    for (std::size_t index = 0; index < elements.size(); ++index)
        if (elements[index].code == code) return shown(scores[index]);
    return "unknown code " + code;
}

// analysis.weakest / analysis.strongest: indicator numbers, comma-separated, in the analysis's
// order; analysis.status.N: the status line of indicator N.
std::string analysis_value(const core::Methodology& methodology, const core::AgencyScores& scores, const std::string& what) {
    const auto analysis = core::analyse(methodology, scores, nullptr, nullptr, std::nullopt);
    const auto numbers = [&](const std::vector<std::size_t>& positions) {
        std::string text;
        for (const auto position : positions)
            text += (text.empty() ? "" : ",") + std::to_string(methodology.indicators[analysis.indicators[position].indicator].number);
        return text;
    };
    if (what == "weakest") return numbers(analysis.urgent_weaknesses);
    if (what == "strongest") return numbers(analysis.strengths);
    if (what.starts_with("status.")) {
        const int number = std::stoi(what.substr(7));
        for (const auto& finding : analysis.indicators)
            if (methodology.indicators[finding.indicator].number == number) return std::string(core::status_label(finding.status));
        return "absent";
    }
    return "unknown analysis key " + what;
}

// The value of `key` for one agency, as a person would read it.
std::string actual_value(const core::Methodology& methodology, const core::AgencyScores& scores, const std::string& key) {
    const auto dot = key.find('.');
    const std::string level = key.substr(0, dot);
    const std::string code = dot == std::string::npos ? "" : key.substr(dot + 1);
    if (key == "overall") return shown(scores.overall);
    if (key == "rating") return scores.rating;
    if (key == "pass") return scores.pass ? (*scores.pass ? "true" : "false") : "absent";
    if (key == "withheld") return scores.withheld_reason.empty() ? "false" : "true";
    if (key == "warnings") return std::to_string(scores.warnings.size());
    if (level == "respondents") return std::to_string(scores.respondents[code == "IIT" ? 0 : 1]);
    if (level == "instrument") {
        const auto instrument = core::parse_instrument(code);
        return instrument ? shown(scores.instruments[static_cast<std::size_t>(*instrument)]) : "unknown instrument";
    }
    if (level == "indicator") {
        const auto index = methodology.indicator_index(std::stoi(code));
        return index ? shown(scores.indicators[*index]) : "unknown indicator";
    }
    if (level == "eit_part") {
        const auto index = methodology.eit_parts().index(code);
        return index && *index < scores.eit_parts.size() ? shown(scores.eit_parts[*index].score) : "unknown EIT part";
    }
    if (level == "question") return by_code(methodology.questions, scores.questions, code);
    if (level == "sub_item") return by_code(methodology.sub_items, scores.sub_items, code);
    if (level == "sub_indicator") return by_code(methodology.sub_indicators, scores.sub_indicators, code);
    if (level == "item") return by_code(methodology.items, scores.items, code);
    if (level == "analysis") return analysis_value(methodology, scores, code);
    return "unknown key " + key;
}

// Test names and failure messages show the case, not its bytes.
void PrintTo(const GoldenCase& value, std::ostream* out) { *out << value.name; }

class Golden : public testing::TestWithParam<GoldenCase> {};

}  // namespace

TEST(GoldenCorpus, CoversEveryPublishedFigureOfSpec) {
    std::set<std::string> names;
    for (const auto& golden : discover()) names.insert(golden.name);
    for (const char* required : {"2563/seed004_indicators", "2564/seed001_indicators", "2565/seed002_indicators",
                                 "2565/seed002_oit_verdicts", "2565/seed002_subitems", "2565/seed002_raw_long", "2568/seed000_instruments"})
        EXPECT_TRUE(names.contains(required)) << required;
}

TEST_P(Golden, MatchesExpected) {
    const auto& golden = GetParam();
    const auto run = service::score_files(request_for(golden));
    ASSERT_TRUE(run) << run.error().to_string();
    auto expected_text = util::read_file((golden.dir / "expected.csv").string());
    ASSERT_TRUE(expected_text);
    util::CsvReader reader(*expected_text);
    ASSERT_TRUE(reader.next());  // header
    std::size_t checked = 0;
    while (reader.next()) {
        const std::string agency(reader.fields()[0]), key(reader.fields()[1]), expected(reader.fields()[2]);
        const auto found =
            std::find_if(run->scored.begin(), run->scored.end(), [&](const auto& scored) { return scored.scores.agency_id == agency; });
        ASSERT_NE(found, run->scored.end()) << "agency " << agency;
        EXPECT_EQ(actual_value(run->methodology, found->scores, key), expected) << golden.name << ": " << agency << " " << key;
        ++checked;
    }
    EXPECT_GT(checked, 0u);
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, testing::ValuesIn(discover()), [](const auto& test_info) {
    std::string name = "y" + test_info.param.name;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});
