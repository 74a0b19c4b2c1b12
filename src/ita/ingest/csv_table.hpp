// CsvTable: a CSV file with a header row, read row by row with columns looked up by name.
// Reports header problems (missing, repeated or unknown columns), malformed quoting and rows
// with the wrong number of fields into a DiagnosticList, naming file, line and column.
// Not thread-safe.
#pragma once

#include <ita/util/csv_reader.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ita::ingest {

struct ColumnSpec {
    std::string name;
    bool required = true;
};

class CsvTable {
public:
    CsvTable(std::string_view text, util::DiagnosticList& problems);

    // Reads the header. With `extra_columns_allowed`, columns not in `columns` are kept for
    // extra_columns() instead of being reported as unknown. False when the header is unusable.
    bool read_header(const std::vector<ColumnSpec>& columns, bool extra_columns_allowed = false);

    // The header's column names, trimmed, in file order.
    [[nodiscard]] const std::vector<std::string>& header() const { return m_header; }
    // Column positions in file order of the columns not named in the spec.
    [[nodiscard]] const std::vector<std::size_t>& extra_columns() const { return m_extra_columns; }

    // Advances to the next well-formed row; malformed rows are reported and skipped.
    bool next_row();
    // The field of spec column `spec_index` (trimmed); empty when the column is absent.
    [[nodiscard]] std::string_view field(std::size_t spec_index) const;
    [[nodiscard]] std::string_view field_at(std::size_t position) const { return util::trim(m_reader.fields()[position]); }
    [[nodiscard]] bool has_column(std::size_t spec_index) const { return m_positions[spec_index].has_value(); }
    [[nodiscard]] std::size_t line() const { return m_reader.line(); }
    [[nodiscard]] std::size_t offset() const { return m_reader.offset(); }
    [[nodiscard]] std::size_t size() const { return m_reader.size(); }
    [[nodiscard]] std::size_t record_start() const { return m_reader.record_start(); }

    // Reports a problem in the current row at spec column `spec_index`.
    void problem(std::size_t spec_index, std::string message);
    void problem_at(std::size_t position, std::string message);
    [[nodiscard]] std::string column_name(std::size_t spec_index) const { return m_specs[spec_index].name; }

private:
    util::CsvReader m_reader;
    util::DiagnosticList& m_problems;
    std::vector<ColumnSpec> m_specs;
    std::vector<std::string> m_header;
    std::vector<std::optional<std::size_t>> m_positions;
    std::vector<std::size_t> m_extra_columns;
};

}  // namespace ita::ingest
