// Every file of tests/malformed/ is rejected with the file, line and column of cases.csv.
#include <ita/service/score_files.hpp>
#include <ita/util/csv_reader.hpp>
#include <ita/util/mapped_file.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {

struct MalformedCase {
    std::string file, reader, field, message;
    std::size_t line = 0;
};

std::vector<MalformedCase> load_cases() {
    const std::string dir = std::string(ITA_SOURCE_DIR) + "/tests/malformed/";
    auto text = util::read_file(dir + "cases.csv");
    std::vector<MalformedCase> cases;
    if (!text) return cases;
    util::CsvReader reader(*text);
    reader.next();  // header
    while (reader.next()) {
        const auto& fields = reader.fields();
        cases.push_back({dir + std::string(fields[0]), std::string(fields[1]), std::string(fields[3]), std::string(fields[4]),
                         static_cast<std::size_t>(std::stoul(std::string(fields[2])))});
    }
    return cases;
}

// Test names and failure messages show the case, not its bytes.
void PrintTo(const MalformedCase& value, std::ostream* out) { *out << value.file; }

class MalformedCorpus : public testing::TestWithParam<MalformedCase> {};

}  // namespace

TEST(MalformedCorpusSize, HasAtLeastTwentyFiles) { EXPECT_GE(load_cases().size(), 20u); }

TEST_P(MalformedCorpus, IsRejectedAtTheRightPlace) {
    const auto& bad = GetParam();
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    if (bad.reader == "responses") request.responses = {bad.file};
    if (bad.reader == "responses_with_agencies") {
        request.responses = {bad.file};
        request.agencies = std::string(ITA_SOURCE_DIR) + "/tests/malformed/_agencies.csv";
    }
    if (bad.reader == "oit") request.oit = bad.file;
    if (bad.reader == "published") request.published = bad.file;
    if (bad.reader == "agencies") request.agencies = bad.file;
    const auto run = service::score_files(request);
    ASSERT_FALSE(run) << bad.file << " was accepted";
    EXPECT_EQ(run.error().code, ErrorCode::invalid_input);
    bool found = false;
    for (const auto& diagnostic : run.error().diagnostics)
        if (diagnostic.file == bad.file && diagnostic.line == bad.line && diagnostic.field == bad.field &&
            diagnostic.message.find(bad.message) != std::string::npos)
            found = true;
    EXPECT_TRUE(found) << "expected " << bad.line << ":" << bad.field << ": …" << bad.message << "…\ngot: " << run.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(Files, MalformedCorpus, testing::ValuesIn(load_cases()), [](const auto& test_info) {
    std::string name = test_info.param.file.substr(test_info.param.file.rfind('/') + 1);
    name = name.substr(0, name.size() - 4);
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});
