// What a request carries before any route sees it: forms and queries, cookies, forwarded
// addresses, and the rules for addresses and identifiers. Decoded text is always UTF-8; a
// forwarded address is one of the header's or the peer's.
#include <ita/server/forwarded.hpp>
#include <ita/server/http_types.hpp>
#include <ita/util/identifier.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto form = ita::server::parse_form(text))
        for (const auto& [name, value] : *form)
            if (ita::util::invalid_utf8_at(name) || ita::util::invalid_utf8_at(value)) std::abort();
    (void)ita::server::parse_cookies(text);
    const auto forwarded = ita::server::forwarded_client("127.0.0.1", text, text, {"127.0.0.1", "::1"});
    if (forwarded.remote != "127.0.0.1" && text.find(forwarded.remote) == std::string_view::npos) std::abort();
    if (ita::util::is_web_url(text) && !(text.starts_with("http") || text.starts_with("HTTP") || text.starts_with("Http"))) {
        // Only http(s) addresses pass, in any letter case.
        const auto scheme = ita::util::ascii_lower(text.substr(0, text.find(':')));
        if (scheme != "http" && scheme != "https") std::abort();
    }
    (void)ita::util::is_identifier(text);
    return 0;
}
