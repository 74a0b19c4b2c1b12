// Runs the HTTP server (RESTinio, confined to http_server.cpp) until SIGTERM or SIGINT, then
// stops gracefully: no new connections, requests in flight finish. Every request gets one
// access-log line on stderr. Bodies over `max_body_bytes` get 413.
#pragma once

#include <ita/server/router.hpp>
#include <ita/util/error.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ita::server {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 2;
    std::size_t max_body_bytes = 1 << 20;
    unsigned request_timeout_seconds = 30;
    // Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (server/forwarded.hpp).
    std::vector<std::string> trusted_proxies;
};

// Blocks until a stop signal. Fails when the address cannot be bound.
Result<void> run_until_signalled(const ServerOptions& options, const Router& router);

}  // namespace ita::server
