// The process's counters for Prometheus (GET /metrics): requests and latency by route, survey
// submissions, open database connections, evidence checks, the publication generation seen.
// Debian ships no Prometheus client library for C++; the text format (version 0.0.4) is small.
// Values are per process; Prometheus sums the processes. Nothing here names an agency, a
// person or a code: labels are routes, methods, status classes and fixed words. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ita::util::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Adds to a counter (created at 0 with `help` on first use).
void count(const std::string& name, const std::string& help, const Labels& labels = {}, double amount = 1);
// Sets a gauge, or moves it by `delta`.
void set_gauge(const std::string& name, const std::string& help, double value, const Labels& labels = {});
void add_to_gauge(const std::string& name, const std::string& help, double delta, const Labels& labels = {});
// Records one observation of a duration in seconds (buckets from 5 ms to 10 s).
void observe_seconds(const std::string& name, const std::string& help, double seconds, const Labels& labels = {});

// Everything, in the Prometheus text exposition format.
std::string exposition();

}  // namespace ita::util::metrics
