#include <ita/server/forwarded.hpp>

#include <ita/util/text.hpp>

#include <algorithm>

namespace ita::server {

namespace {
bool trusted(std::string_view address, const std::vector<std::string>& proxies) {
    return std::ranges::find(proxies, address) != proxies.end();
}
// An address as written in a header: no spaces, not empty, only the characters of IPv4/IPv6.
bool plausible_address(std::string_view address) {
    return !address.empty() && address.size() <= 45 && std::ranges::all_of(address, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    });
}
}  // namespace

Forwarded forwarded_client(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                           const std::vector<std::string>& trusted_proxies) {
    Forwarded result{std::string(peer), {}};
    if (!trusted(peer, trusted_proxies)) return result;
    if (util::trim(forwarded_proto) == "https") result.proto = "https";
    // From the right: each hop a trusted proxy added; the first untrusted one is the client.
    std::string_view rest = forwarded_for;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const auto hop = util::trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (!plausible_address(hop)) break;
        result.remote = std::string(hop);
        if (!trusted(hop, trusted_proxies)) break;
    }
    return result;
}

}  // namespace ita::server
