#include <ita/server/public_url.hpp>

#include <ita/util/web_url.hpp>

#include <algorithm>
#include <cctype>

namespace ita::server {

namespace {

// host[:port]: letters, digits, dots and hyphens, or a bracketed IPv6 address; at most 253 bytes.
bool plain_host(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    std::string_view name = host;
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
        const auto port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return false;
        name = host.substr(0, colon);
    }
    if (name.starts_with('[')) {
        // [IPv6] with an optional :port after the bracket, and nothing else.
        const auto close = host.find(']');
        if (close == std::string_view::npos) return false;
        const auto after = host.substr(close + 1);
        const bool port_only = after.empty() || (after.size() <= 6 && after.front() == ':' && after.size() > 1 &&
                                                 std::all_of(after.begin() + 1, after.end(),
                                                             [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
        return port_only && close > 1 && std::all_of(host.begin() + 1, host.begin() + static_cast<std::ptrdiff_t>(close), [](char c) {
                   return std::isxdigit(static_cast<unsigned char>(c)) || c == ':';
               });
    }
    return !name.empty() && std::all_of(name.begin(), name.end(),
                                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; });
}

}  // namespace

bool is_public_base_url(const std::string& url) {
    if (!util::is_web_url(url)) return false;
    const auto scheme_end = url.find("://");
    std::string_view rest = std::string_view(url).substr(scheme_end + 3);
    if (rest.ends_with('/')) rest.remove_suffix(1);
    return plain_host(rest);
}

std::string public_base_url(const std::string& configured, const HttpRequest& request) {
    if (!configured.empty()) return configured.ends_with('/') ? configured.substr(0, configured.size() - 1) : configured;
    const std::string scheme = request.forwarded_proto == "https" ? "https" : "http";
    return scheme + "://" + (plain_host(request.host) ? request.host : std::string("localhost"));
}

}  // namespace ita::server
