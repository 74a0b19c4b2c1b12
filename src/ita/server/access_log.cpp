#include <ita/server/access_log.hpp>

#include <array>
#include <cstdio>

namespace ita::server {

namespace {

constexpr std::string_view redacted = "[code]";

// The prefixes whose next segment is a survey code, and the pages under them that are not codes.
constexpr std::array<std::string_view, 2> code_prefixes{"/s/", "/api/v1/staff-survey/"};
constexpr std::array<std::string_view, 2> not_codes{"/s/thanks", "/s/open"};

void append_json_string(std::string& out, std::string_view text, std::size_t limit) {
    out += '"';
    std::size_t written = 0;
    for (const char c : text) {
        if (written++ >= limit) {
            out += "…";
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F || byte >= 0x80) {
            // Control bytes and anything not ASCII are escaped: the line stays one valid line
            // whatever bytes the request held.
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

}  // namespace

std::string loggable_path(std::string_view path) {
    for (const auto page : not_codes)
        if (path == page) return std::string(path);
    for (const auto prefix : code_prefixes)
        if (path.starts_with(prefix) && path.size() > prefix.size()) {
            const auto rest = path.substr(prefix.size());
            const auto slash = rest.find('/');
            return std::string(prefix) + std::string(redacted) + (slash == std::string_view::npos ? "" : std::string(rest.substr(slash)));
        }
    return std::string(path);
}

std::string access_log_line(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                            std::string_view remote) {
    std::string line = "{\"method\":";
    append_json_string(line, method, 16);
    line += ",\"path\":";
    append_json_string(line, loggable_path(path), 200);
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, ",\"status\":%d,\"bytes\":%zu,\"ms\":%.2f,\"remote\":", status, bytes, milliseconds);
    line += numbers;
    append_json_string(line, remote, 64);
    line += "}\n";
    return line;
}

}  // namespace ita::server
