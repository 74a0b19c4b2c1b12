#include <ita/ingest/csv_table.hpp>

#include <ita/util/text.hpp>

#include <set>

namespace ita::ingest {

CsvTable::CsvTable(std::string_view text, util::DiagnosticList& problems) : m_reader(text), m_problems(problems) {}

bool CsvTable::read_header(const std::vector<ColumnSpec>& columns, bool extra_columns_allowed) {
    m_specs = columns;
    m_positions.assign(columns.size(), std::nullopt);
    if (!m_reader.next()) {
        m_problems.add(
            1, "", "the file is empty: a header row is needed (" + [&] {
                std::string names;
                for (const auto& column : columns)
                    if (column.required) names += (names.empty() ? "" : ",") + column.name;
                return names;
            }() + ")");
        return false;
    }
    if (const auto& problem = m_reader.problem()) {
        m_problems.add(problem->line, "", "header: " + problem->message);
        return false;
    }
    std::set<std::string> seen;
    bool usable = true;
    for (std::size_t position = 0; position < m_reader.fields().size(); ++position) {
        std::string name(util::trim(m_reader.fields()[position]));
        m_header.push_back(name);
        if (name.empty()) {
            m_problems.add(1, "column " + std::to_string(position + 1), "header has an empty column name");
            usable = false;
            continue;
        }
        if (!seen.insert(name).second) {
            m_problems.add(1, name, "column appears twice in the header");
            usable = false;
            continue;
        }
        bool known = false;
        for (std::size_t spec = 0; spec < columns.size(); ++spec)
            if (columns[spec].name == name) {
                m_positions[spec] = position;
                known = true;
            }
        if (!known) {
            if (extra_columns_allowed) {
                m_extra_columns.push_back(position);
            } else {
                std::string expected;
                for (const auto& column : columns) expected += (expected.empty() ? "" : ", ") + column.name;
                m_problems.add(1, name, "unknown column (expected: " + expected + ")");
                usable = false;
            }
        }
    }
    for (std::size_t spec = 0; spec < columns.size(); ++spec)
        if (columns[spec].required && !m_positions[spec]) {
            m_problems.add(1, columns[spec].name, "required column is missing from the header");
            usable = false;
        }
    return usable;
}

bool CsvTable::next_row() {
    while (m_reader.next()) {
        if (const auto& problem = m_reader.problem()) {
            const std::size_t position = problem->field_index;
            const std::string column = position < m_header.size() ? m_header[position] : "column " + std::to_string(position + 1);
            m_problems.add(problem->line, column, problem->message);
            continue;
        }
        if (const auto count = m_reader.fields().size(); count != m_header.size()) {
            // Named by the first column the row lacks, or the first one it has too many.
            const std::string column = count < m_header.size() ? m_header[count] : "column " + std::to_string(m_header.size() + 1);
            m_problems.add(m_reader.line(), column,
                           count < m_header.size() ? "is missing: the row has " + std::to_string(count) + " fields but the header has " +
                                                         std::to_string(m_header.size())
                                                   : "is one too many: the row has " + std::to_string(count) +
                                                         " fields but the header has " + std::to_string(m_header.size()));
            continue;
        }
        // No field of any contract comes near this; a larger one is a wrong file, and is not kept.
        constexpr std::size_t field_limit = std::size_t{64} * 1024;
        bool oversized = false;
        for (std::size_t index = 0; index < m_reader.fields().size(); ++index)
            if (m_reader.fields()[index].size() > field_limit) {
                m_problems.add(m_reader.line(), m_header[index],
                               "is longer than 65,536 bytes (" + std::to_string(m_reader.fields()[index].size()) + ")");
                oversized = true;
            }
        if (oversized) continue;
        return true;
    }
    return false;
}

std::string_view CsvTable::field(std::size_t spec_index) const {
    const auto& position = m_positions[spec_index];
    return position ? field_at(*position) : std::string_view();
}

void CsvTable::problem(std::size_t spec_index, std::string message) {
    m_problems.add(m_reader.line(), m_specs[spec_index].name, std::move(message));
}

void CsvTable::problem_at(std::size_t position, std::string message) {
    m_problems.add(m_reader.line(), m_header[position], std::move(message));
}

}  // namespace ita::ingest
