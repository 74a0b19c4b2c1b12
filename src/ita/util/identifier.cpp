#include <ita/util/identifier.hpp>

#include <ita/util/text.hpp>

namespace ita::util {

namespace {
bool alphanumeric(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
}  // namespace

bool is_identifier(std::string_view text) {
    if (text.empty() || text.size() > identifier_max || !alphanumeric(text.front())) return false;
    for (const char c : text)
        if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

std::string identifier_problem(std::string_view text) {
    if (is_identifier(text)) return {};
    if (text.empty()) return "must not be empty";
    if (text.size() > identifier_max) return "must be at most " + std::to_string(identifier_max) + " characters";
    return "must be letters A-Z, digits and . _ - only (starting with a letter or digit), not " + quoted(text);
}

}  // namespace ita::util
