#include <ita/server/access_log.hpp>

#include <ita/util/log.hpp>

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
    util::append_json_escaped(out, text, limit);
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

std::string access_log_fields(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                              std::string_view remote) {
    std::string fields = "\"method\":";
    append_json_string(fields, method, 16);
    fields += ",\"path\":";
    append_json_string(fields, loggable_path(path), 200);
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, ",\"status\":%d,\"bytes\":%zu,\"ms\":%.2f,\"remote\":", status, bytes, milliseconds);
    fields += numbers;
    append_json_string(fields, remote, 64);
    return fields;
}

}  // namespace ita::server
