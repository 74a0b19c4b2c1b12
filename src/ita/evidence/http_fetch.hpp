// Fetches one web address for the OIT evidence checker with libcurl, within bounds the checker
// sets: connection and whole-fetch time, bytes kept, redirects. Redirects are followed one hop
// at a time so each is recorded; only http and https are spoken; by default addresses of the
// machine's own networks (loopback, private, link-local — where a cloud's metadata service
// lives) are refused before connecting, so an address an agency types cannot reach inside.
// Thread-safe: each call has its own handle (call curl_global_init once per process first).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace ita::evidence {

struct FetchLimits {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{20000};        // the whole fetch, every redirect included
    std::size_t max_bytes = std::size_t{8} * 1024 * 1024;  // more is not kept: the fetch stops there
    int max_redirects = 5;
    bool allow_private_addresses = false;  // tests serve their pages on 127.0.0.1
};

struct Redirect {
    std::string url;
    long http_status = 0;
};

struct FetchResult {
    std::string url;        // as asked
    std::string final_url;  // after redirects
    long http_status = 0;   // of the last response; 0 when none came
    std::string content_type;
    std::string body;                 // at most max_bytes
    bool truncated = false;           // the body went on beyond max_bytes
    std::vector<Redirect> redirects;  // each hop left: its address and status
    // Empty when a response came; else why not, as a code: timeout, dns, connect, tls,
    // refused_address, too_many_redirects, bad_address, failed.
    std::string error;
    std::string error_detail;  // libcurl's own words
};

// Initialises libcurl for the process (idempotent, thread-safe).
void initialise_fetching();

FetchResult fetch(const std::string& url, const FetchLimits& limits);

}  // namespace ita::evidence
