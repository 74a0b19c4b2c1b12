#include <ita/util/csv_writer.hpp>

namespace ita::util {

CsvWriter& CsvWriter::field(std::string_view value) {
    if (m_row_started) m_out.put(',');
    m_row_started = true;
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        m_out << value;
        return *this;
    }
    m_out.put('"');
    for (const char c : value) {
        if (c == '"') m_out.put('"');
        m_out.put(c);
    }
    m_out.put('"');
    return *this;
}

void CsvWriter::end_row() {
    m_out.put('\n');
    m_row_started = false;
}

}  // namespace ita::util
