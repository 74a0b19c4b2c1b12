// DiagnosticList: collects the problems of one input, up to a cap, counting the rest.
// Not thread-safe: one list per reader.
#pragma once

#include <ita/util/error.hpp>

namespace ita::util {

class DiagnosticList {
public:
    explicit DiagnosticList(std::string file, std::size_t cap = 100) : m_file(std::move(file)), m_cap(cap) {}

    void add(std::size_t line, std::string field, std::string message);
    [[nodiscard]] bool empty() const { return m_items.empty() && m_dropped == 0; }
    [[nodiscard]] std::size_t count() const { return m_items.size() + m_dropped; }
    [[nodiscard]] const std::string& file() const { return m_file; }

    // Moves the collected problems into an Error with the given summary message.
    [[nodiscard]] Error into_error(std::string message);

private:
    std::string m_file;
    std::size_t m_cap;
    std::vector<Diagnostic> m_items;
    std::size_t m_dropped = 0;
};

}  // namespace ita::util
