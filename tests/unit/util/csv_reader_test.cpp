#include <ita/util/csv_reader.hpp>

#include <gtest/gtest.h>

using ita::util::CsvReader;

namespace {
std::vector<std::vector<std::string>> read_all(std::string_view text) {
    CsvReader reader(text);
    std::vector<std::vector<std::string>> rows;
    while (reader.next()) {
        EXPECT_FALSE(reader.problem()) << reader.problem()->message;
        rows.emplace_back(reader.fields().begin(), reader.fields().end());
    }
    return rows;
}
}  // namespace

TEST(CsvReader, SkipsBomAndHandlesCrlf) {
    const auto rows = read_all(
        "\xEF\xBB\xBF"
        "a,b\r\n1,2\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0], "a");
    EXPECT_EQ(rows[1][1], "2");
}

// Long lines are split sixteen bytes at a time: fields of every length, commas at the edges of
// those blocks, empty fields, a CR before the line end and Thai text come out as written.
TEST(CsvReader, LongLinesSplitExactlyWhateverTheFieldLengths) {
    std::vector<std::string> fields;
    std::string line;
    for (std::size_t length = 0; length < 40; ++length) {
        fields.push_back(length % 7 == 3 ? "ไม่มี" : std::string(length % 17, static_cast<char>('a' + length % 26)));
        line += (length > 0 ? "," : "") + fields.back();
    }
    const auto rows = read_all(line + "\r\n" + line + ",\n" + std::string(15, 'x') + "," + std::string(16, 'y') + "\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], fields);
    fields.emplace_back();
    EXPECT_EQ(rows[1], fields);
    EXPECT_EQ(rows[2], (std::vector<std::string>{std::string(15, 'x'), std::string(16, 'y')}));
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
    const auto rows = read_all("name,note\n\"เทศบาล, ตำบล\",\"he said \"\"hi\"\"\nnext line\"\nx,y\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1][0], "เทศบาล, ตำบล");
    EXPECT_EQ(rows[1][1], "he said \"hi\"\nnext line");
    EXPECT_EQ(rows[2][0], "x");
}

TEST(CsvReader, LinesCountPhysicalLinesAcrossQuotedNewlines) {
    CsvReader reader("h\n\"a\nb\"\nc\n");
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.line(), 2u);
    ASSERT_TRUE(reader.next());
    EXPECT_EQ(reader.line(), 4u);
}

TEST(CsvReader, EmptyFieldsAndBlankLines) {
    const auto rows = read_all("a,,c\n\n,\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][1], "");
    EXPECT_EQ(rows[1].size(), 2u);
}

TEST(CsvReader, NoFinalNewline) {
    const auto rows = read_all("a,b\n1,2");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][1], "2");
}

TEST(CsvReader, ReportsUnclosedQuoteWithItsLine) {
    CsvReader reader("a\n\"open\nmore\n");
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.problem());
    EXPECT_EQ(reader.problem()->line, 2u);
    EXPECT_NE(reader.problem()->message.find("never closed"), std::string::npos);
    EXPECT_FALSE(reader.next());
}

TEST(CsvReader, ResumesAfterAMalformedLine) {
    CsvReader reader("a,b\nx\"y,1\n2,3\n");
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.next());
    ASSERT_TRUE(reader.problem());
    EXPECT_EQ(reader.problem()->field_index, 0u);
    ASSERT_TRUE(reader.next());
    EXPECT_FALSE(reader.problem());
    EXPECT_EQ(reader.fields()[0], "2");
}
