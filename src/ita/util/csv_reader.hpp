// CsvReader: a streaming RFC 4180 reader over text already in memory (see MappedFile).
// Accepts and skips a UTF-8 BOM, LF or CRLF line ends, quoted fields holding commas, quotes
// ("") and line breaks; skips blank lines. Malformed quoting is reported with the line and
// column of the record and reading resumes at the next line, so every problem of a file can be
// listed. Not thread-safe; the views it returns live until the next call to next().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ita::util {

struct CsvProblem {
    std::size_t line = 0;
    std::size_t field_index = 0;  // 0-based field of the record where quoting went wrong
    std::string message;
};

class CsvReader {
public:
    explicit CsvReader(std::string_view text);

    // Reads the next record into fields(). Returns false at the end of the text. When the
    // record is malformed, problem() describes it and fields() holds what was read.
    bool next();

    [[nodiscard]] const std::vector<std::string_view>& fields() const { return m_fields; }
    // The 1-based line of the text where the last record started.
    [[nodiscard]] std::size_t line() const { return m_record_line; }
    [[nodiscard]] const std::optional<CsvProblem>& problem() const { return m_problem; }
    // Bytes consumed so far, for progress reporting.
    [[nodiscard]] std::size_t offset() const { return m_position; }
    // Where the last record started: the views of fields() lie after it.
    [[nodiscard]] std::size_t record_start() const { return m_record_start; }
    [[nodiscard]] std::size_t size() const { return m_text.size(); }

private:
    struct FieldSpan {
        std::size_t begin;
        std::size_t length;
        bool in_scratch;
    };

    bool read_simple_line();
    void fail(std::string message);
    void skip_to_line_end();
    bool read_quoted_field(FieldSpan& span);
    void read_plain_field(FieldSpan& span);

    std::string_view m_text;
    std::size_t m_position = 0;
    std::size_t m_line = 1;
    std::size_t m_record_line = 0;
    std::size_t m_record_start = 0;
    std::vector<FieldSpan> m_spans;
    std::vector<std::string_view> m_fields;
    std::string m_scratch;
    std::optional<CsvProblem> m_problem;
};

}  // namespace ita::util
