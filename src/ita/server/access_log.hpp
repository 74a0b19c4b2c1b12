// The access log's fields for a request (util/log adds the time and level and writes the line).
// Survey codes never reach the log:
// a path that carries one (/s/CODE, /api/v1/staff-survey/CODE) is logged with the code
// replaced, and every string is JSON-escaped, so a request cannot forge a line.
#pragma once

#include <string>
#include <string_view>

namespace ita::server {

// The path as the log may show it.
std::string loggable_path(std::string_view path);

// `"method":…,"path":…,"status":…,"bytes":…,"ms":…,"remote":…`: a JSON object's members.
std::string access_log_fields(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                              std::string_view remote);

}  // namespace ita::server
