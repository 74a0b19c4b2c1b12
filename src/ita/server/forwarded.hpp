// Who a request really comes from behind a reverse proxy, as nginx's realip module decides it:
// X-Forwarded-For and X-Forwarded-Proto are believed only when the connection comes from a
// configured proxy (`ita serve --trusted-proxy ADDRESS`); the client is then the rightmost
// address of X-Forwarded-For that is not itself a trusted proxy. Anyone else's headers are
// ignored, so a client cannot pick the address its sign-in attempts are counted against.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ita::server {

struct Forwarded {
    std::string remote;  // the client's address
    std::string proto;   // "https" when a trusted proxy says so, else empty
};

Forwarded forwarded_client(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace ita::server
