// The long form read on several threads gives exactly what the full reader gives, whatever the
// row order, and leaves every file it cannot take whole to the full reader, untouched.
#include <ita/core/synthetic_nation.hpp>
#include <ita/ingest/long_form_reader.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

using namespace ita;

namespace {

class LongFormFile {
public:
    explicit LongFormFile(const std::string& name) :
            m_path(std::filesystem::temp_directory_path() / ("ita_long_form_" + std::to_string(::getpid()) + "_" + name)) {}
    ~LongFormFile() { std::filesystem::remove(m_path); }
    std::string write(const std::string& text) const {
        std::ofstream(m_path, std::ios::binary) << text;
        return m_path.string();
    }

private:
    std::filesystem::path m_path;
};

core::Methodology methodology_of(int year) {
    auto methodology = ingest::load_methodology(year, std::nullopt);
    EXPECT_TRUE(methodology.has_value());
    return *methodology;
}

// The year's methodology with points that are not whole numbers: sums of whole numbers are
// exact in any order, so only these show an answer added out of file order.
core::Methodology with_fractional_points(int year) {
    auto text = ingest::methodology_text(year, std::nullopt);
    EXPECT_TRUE(text.has_value());
    // In the "points" object only: 33 and 67 become 33.3 and 66.7.
    const std::size_t begin = text->find("\"points\"");
    const std::size_t end = text->find('}', begin);
    EXPECT_NE(end, std::string::npos);
    std::string points = text->substr(begin, end - begin);
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"33", "33.3"}, {"67", "66.7"}})
        for (std::size_t at = points.find(from); at != std::string::npos; at = points.find(from, at + to.size()))
            points.replace(at, from.size(), to);
    text->replace(begin, end - begin, points);
    auto methodology = ingest::parse_methodology(*text, "fractional points");
    EXPECT_TRUE(methodology.has_value()) << (methodology ? "" : methodology.error().message);
    return *methodology;
}

struct Rows {
    std::string header;
    std::vector<std::string> lines;  // without line ends
};

// A synthetic nation's answers in long form, one row per answer; every third EIT respondent of
// a year with parts is in its second part. `label` turns a respondent number into its label.
Rows nation_rows(const core::Methodology& methodology, std::size_t agencies, const std::function<std::string(std::uint32_t)>& label) {
    const core::SyntheticNation nation(methodology, agencies, 7);
    const auto& parts = methodology.eit_parts().parts;
    Rows rows{parts.empty() ? "agency_id,instrument,respondent,question,answer" : "part,answer,question,respondent,instrument,agency_id",
              {}};
    for (std::size_t agency = 0; agency < nation.agencies().size(); ++agency)
        nation.for_each_respondent(agency, [&](core::Instrument instrument, std::uint32_t number, std::span<const std::int8_t> answers) {
            const std::string code(core::instrument_code(instrument));
            std::string part;
            if (!parts.empty() && instrument == core::Instrument::eit) part = parts[number % 3 == 0 ? 1 : 0].code;
            for (std::size_t sub_item = 0; sub_item < answers.size(); ++sub_item) {
                if (answers[sub_item] < 0) continue;
                const auto& item = methodology.sub_items[sub_item];
                const std::string answer =
                    core::is_yes_no(item.kind) ? (answers[sub_item] == 0 ? "yes" : "ไม่มี") : std::to_string(answers[sub_item] + 1);
                const std::string& id = nation.agencies()[agency].agency_id;
                rows.lines.push_back(parts.empty() ? id + "," + code + "," + label(number) + "," + item.code + "," + answer
                                                   : part + "," + answer + "," + item.code + "," + label(number) + "," + code + "," + id);
            }
        });
    return rows;
}

std::string text_of(const Rows& rows, const std::string& line_end = "\n") {
    std::string text = rows.header + line_end;
    for (const auto& line : rows.lines) text += line + line_end;
    return text;
}

void expect_same_inputs(const ingest::ScoringInputs& parallel, const ingest::ScoringInputs& full) {
    ASSERT_EQ(parallel.inputs().size(), full.inputs().size());
    for (std::size_t agency = 0; agency < full.inputs().size(); ++agency) {
        const auto& mine = parallel.inputs()[agency].tally;
        const auto& theirs = full.inputs()[agency].tally;
        SCOPED_TRACE(full.inputs()[agency].agency_id);
        EXPECT_EQ(parallel.inputs()[agency].agency_id, full.inputs()[agency].agency_id);
        EXPECT_EQ(mine.respondents, theirs.respondents);
        EXPECT_EQ(mine.answer_count, theirs.answer_count);
        EXPECT_EQ(mine.point_sum, theirs.point_sum);  // the same additions in the same order: equal to the bit
        ASSERT_EQ(mine.eit_parts.size(), theirs.eit_parts.size());
        for (std::size_t part = 0; part < mine.eit_parts.size(); ++part) {
            EXPECT_EQ(mine.eit_parts[part].respondents, theirs.eit_parts[part].respondents);
            EXPECT_EQ(mine.eit_parts[part].point_sum, theirs.eit_parts[part].point_sum);
        }
    }
}

// The full reader's reading of the same rows: one quoted field sends the file to it.
ingest::ScoringInputs read_by_full_reader(const core::Methodology& methodology, Rows rows, const std::string& name) {
    const std::size_t comma = rows.lines.front().find(',');
    rows.lines.front() = "\"" + rows.lines.front().substr(0, comma) + "\"" + rows.lines.front().substr(comma);
    LongFormFile file(name);
    const std::string path = file.write(text_of(rows));
    ingest::ScoringInputs inputs(methodology);
    EXPECT_FALSE(ingest::read_long_form_in_parallel(path, inputs, 2));
    EXPECT_FALSE(inputs.has_respondents());
    const auto read = ingest::read_responses(path, inputs);
    EXPECT_TRUE(read.has_value()) << (read ? "" : read.error().message);
    return inputs;
}

// Reads `rows` on 1, 2, 3 and 7 threads and expects exactly what the full reader reads.
void expect_read_in_parallel_as_in_full(const core::Methodology& methodology, const Rows& rows) {
    const auto full = read_by_full_reader(methodology, rows, "full.csv");
    for (const unsigned threads : {1U, 2U, 3U, 7U}) {
        SCOPED_TRACE(threads);
        LongFormFile file("parallel.csv");
        const std::string path = file.write(text_of(rows));
        ingest::ScoringInputs parallel(methodology);
        ASSERT_TRUE(ingest::read_long_form_in_parallel(path, parallel, threads));
        expect_same_inputs(parallel, full);
    }
}

}  // namespace

TEST(LongFormReader, ShuffledRowsOnManyThreadsScoreExactlyAsTheFullReaderReadsThem) {
    const auto methodology = with_fractional_points(2565);
    // Numbered respondents (8-byte records); "07" and "7" are two of them.
    Rows rows = nation_rows(methodology, 12, [](std::uint32_t number) { return (number % 4 == 0 ? "0" : "") + std::to_string(number); });
    std::shuffle(rows.lines.begin(), rows.lines.end(), std::mt19937_64(3));
    expect_read_in_parallel_as_in_full(methodology, rows);
}

// A file grouped by agency and instrument (as ita gen writes one, or an export sorted by them)
// is scored where each share reads it; one where a group comes back after another goes to the
// partitions. Either way every sum is the full reader's to the bit, on any number of threads.
TEST(LongFormReader, GroupedRowsScoreExactlyAsTheFullReaderReadsThem) {
    const auto methodology = with_fractional_points(2566);
    const Rows by_respondent = nation_rows(methodology, 9, [](std::uint32_t number) { return "r" + std::to_string(number); });
    // Sorted by instrument, then as written: each agency's IIT rows, later its EIT rows.
    Rows by_instrument = by_respondent;
    std::stable_sort(by_instrument.lines.begin(), by_instrument.lines.end(), [](const std::string& left, const std::string& right) {
        return left.find(",IIT,") != std::string::npos && right.find(",EIT,") != std::string::npos;
    });
    // One agency's first row moved to the end: its group comes back after others.
    Rows regrouped = by_respondent;
    std::rotate(regrouped.lines.begin(), regrouped.lines.begin() + 1, regrouped.lines.end());
    for (const auto& [name, rows] : std::vector<std::pair<std::string, Rows>>{
             {"by respondent", by_respondent}, {"by instrument", by_instrument}, {"a group met again", regrouped}}) {
        SCOPED_TRACE(name);
        expect_read_in_parallel_as_in_full(methodology, rows);
    }
}

TEST(LongFormReader, PartsLongLabelsCrlfBlankLinesAndNoLastLineEnd) {
    // 2566 has EIT respondent parts; the columns come in another order; labels of 11, 12 and 40
    // bytes (longer than a record holds, read back from the file); CRLF line ends.
    const auto methodology = methodology_of(2566);
    Rows rows = nation_rows(methodology, 6, [](std::uint32_t number) {
        const std::string digits = std::to_string(number);
        if (number % 3 == 0) return std::string(11 - digits.size(), 'r') + digits;
        if (number % 3 == 1) return std::string(12 - digits.size(), 'r') + digits;
        return "respondent-" + std::string(29 - digits.size(), '0') + digits;
    });
    std::shuffle(rows.lines.begin(), rows.lines.end(), std::mt19937_64(5));
    const auto full = read_by_full_reader(methodology, rows, "full_parts.csv");
    std::string text = text_of(rows, "\r\n");
    text.insert(text.find("\r\n") + 2, "\r\n\n");  // blank lines after the header
    text.resize(text.size() - 2);                  // no line end after the last row
    LongFormFile file("parts.csv");
    const std::string path = file.write("\xEF\xBB\xBF" + text);
    ingest::ScoringInputs parallel(methodology);
    ASSERT_TRUE(ingest::read_long_form_in_parallel(path, parallel, 3));
    expect_same_inputs(parallel, full);
    // Agencies are numbered in order of first appearance, as the full reader numbers them.
    ASSERT_FALSE(parallel.inputs().empty());
    EXPECT_EQ(parallel.inputs().front().agency_id, rows.lines.front().substr(rows.lines.front().rfind(',') + 1));
}

TEST(LongFormReader, WhatItCannotTakeWholeGoesToTheFullReaderWhichNamesTheLine) {
    const auto methodology = methodology_of(2565);
    Rows rows = nation_rows(methodology, 3, [](std::uint32_t number) { return std::to_string(number); });
    const std::string first = rows.lines.front();
    struct Case {
        std::string name;
        std::function<void(Rows&)> change;
        std::string problem;  // in the full reader's message about the last row
    };
    const std::vector<Case> cases{
        // The same answer again at the end of the file: the first and the last row lie in different shares.
        {"answered twice", [&](Rows& r) { r.lines.push_back(first); }, "twice"},
        {"unknown question", [](Rows& r) { r.lines.push_back("A00001,IIT,1,I99.9,4"); }, "unknown question"},
        {"bad answer", [](Rows& r) { r.lines.push_back("A00001,IIT,999,I1.1,5"); }, "out of range"},
        {"wrong instrument", [](Rows& r) { r.lines.push_back("A00001,OIT,999,I1.1,4"); }, "must be IIT or EIT"},
        {"too few fields", [](Rows& r) { r.lines.push_back("A00001,IIT,999,I1.1"); }, "fields"},
        {"a lone CR inside a row", [](Rows& r) { r.lines.back() += "\rA00001,IIT,998,I1.1,4"; }, "fields"},
    };
    for (const auto& test : cases) {
        SCOPED_TRACE(test.name);
        Rows changed = rows;
        test.change(changed);
        LongFormFile file("declined.csv");
        const std::string path = file.write(text_of(changed));
        ingest::ScoringInputs inputs(methodology);
        EXPECT_FALSE(ingest::read_long_form_in_parallel(path, inputs, 2));
        EXPECT_FALSE(inputs.has_respondents());
        const auto read = ingest::read_responses(path, inputs);
        ASSERT_FALSE(read.has_value());
        ASSERT_EQ(read.error().diagnostics.size(), 1U);
        const auto& problem = read.error().diagnostics.front();
        EXPECT_NE(problem.message.find(test.problem), std::string::npos) << problem.to_string();
        EXPECT_EQ(problem.line, changed.lines.size() + 1) << problem.to_string();  // the last row; the header is line 1
    }
}

TEST(LongFormReader, AnAgencyOutsideTheAgenciesFileIsTheFullReadersToReport) {
    const auto methodology = methodology_of(2565);
    ingest::ScoringInputs inputs(methodology);
    inputs.set_directory({core::Agency{.agency_id = "A00001", .name = "หน่วยงานหนึ่ง"}});
    LongFormFile file("directory.csv");
    const std::string path = file.write("agency_id,instrument,respondent,question,answer\nA00001,IIT,1,I1.1,4\nA00002,IIT,1,I1.1,4\n");
    EXPECT_FALSE(ingest::read_long_form_in_parallel(path, inputs, 2));
    EXPECT_FALSE(inputs.has_respondents());
    const auto read = ingest::read_responses(path, inputs);
    ASSERT_FALSE(read.has_value());
    ASSERT_EQ(read.error().diagnostics.size(), 1U);
    EXPECT_EQ(read.error().diagnostics.front().line, 3U);
    EXPECT_NE(read.error().diagnostics.front().message.find("unknown agency"), std::string::npos);
}
