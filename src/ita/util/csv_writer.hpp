// CsvWriter: writes RFC 4180 records to a stream, quoting only fields that need it.
// Not thread-safe.
#pragma once

#include <ostream>
#include <string_view>

namespace ita::util {

class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out) : m_out(out) {}

    CsvWriter& field(std::string_view value);
    void end_row();

private:
    std::ostream& m_out;
    bool m_row_started = false;
};

}  // namespace ita::util
