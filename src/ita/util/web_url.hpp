// The one rule for every address ita accepts or shows as a link: http or https (any case), a
// host, and nothing a browser would read otherwise — no whitespace, control bytes, quotes, angle
// brackets or backslashes, at most 2,048 bytes. `javascript:`, `data:` and every other scheme
// fail it. Checked when an address is entered (web, API, import) and again when it is rendered.
#pragma once

#include <string>
#include <string_view>

namespace ita::util {

[[nodiscard]] bool is_web_url(std::string_view url);

// `url` when it passes the rule, else empty (a page then shows no link).
[[nodiscard]] std::string web_url_or_empty(std::string_view url);

// The domain a website is named by, as an agency's website is given ("https://www.nongbua.go.th/",
// "nongbua.go.th"): lower case, without scheme, "www.", port or path. Empty when it is not a
// domain name (a bare word, a name with characters a domain cannot have).
[[nodiscard]] std::string website_domain(std::string_view website);

}  // namespace ita::util
