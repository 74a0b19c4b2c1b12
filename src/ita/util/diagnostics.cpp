#include <ita/util/diagnostics.hpp>

namespace ita::util {

void DiagnosticList::add(std::size_t line, std::string field, std::string message) {
    if (m_items.size() >= m_cap) {
        ++m_dropped;
        return;
    }
    m_items.push_back(Diagnostic{m_file, line, std::move(field), std::move(message)});
}

Error DiagnosticList::into_error(std::string message) {
    Error error{ErrorCode::invalid_input, std::move(message), std::move(m_items), m_dropped};
    m_items.clear();
    m_dropped = 0;
    return error;
}

}  // namespace ita::util
