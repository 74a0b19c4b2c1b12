// `ita serve`: the HTTP server over a store, until SIGTERM or SIGINT.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ita::app {

struct ServeCommand {
    std::string db;
    std::optional<std::string> methodology_dir;
    std::string listen = "127.0.0.1:8080";
    unsigned threads = 0;  // 0: one per core
    int public_posts_per_address_per_hour = 30;
    std::string db_read;                               // --db-read: a streaming replica for the public pages; empty: --db
    unsigned public_check_ms = 250;                    // how often a process asks whether results were published
    bool check_evidence = true;                        // check OIT addresses when entered and nightly
    std::optional<int> evidence_nightly_minute = 120;  // minutes after local midnight; none: no nightly run
    bool evidence_allow_private_addresses = false;     // tests serve evidence on loopback
    std::vector<std::string> trusted_proxies;          // --trusted-proxy: whose X-Forwarded-For is believed
    std::string log_file;                              // empty: stderr
    int session_hours = 8;
    int failures_per_user_and_address = 10;
    int failures_per_address = 50;
    std::size_t max_body_kb = 1024;
    unsigned request_timeout_seconds = 30;
    std::string template_dir;  // empty: the built-in templates only
    std::string public_url;    // empty: links printed on paper use the request's Host
};

// Returns the process exit code: 0 after a graceful stop, 2 for a bad --listen, 1 when the
// store cannot be opened or the address cannot be bound.
int run_serve_command(const ServeCommand& command);

}  // namespace ita::app
