// The one grammar of identifiers ita keeps and puts into addresses, file names and headers:
// agency ids, item and question codes, user names. 1 to 64 bytes of ASCII letters, digits and
// `.`, `_`, `-`, starting with a letter or digit. Readers refuse anything else, so no id can carry
// a line break into a header, a quote into a file name or a slash into a path.
#pragma once

#include <string>
#include <string_view>

namespace ita::util {

inline constexpr std::size_t identifier_max = 64;

[[nodiscard]] bool is_identifier(std::string_view text);

// Why `text` is not an identifier, in English, for row-level messages; empty when it is one.
[[nodiscard]] std::string identifier_problem(std::string_view text);

}  // namespace ita::util
