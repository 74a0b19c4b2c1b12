// One OIT evidence address checked: robots.txt asked first, the page or PDF fetched within
// limits, its text read, the readiness assessed, and the bytes fetched named by their SHA-256
// so they can be kept once as frozen evidence. Thread-safe (the robots cache is shared).
#pragma once

#include <ita/evidence/http_fetch.hpp>
#include <ita/evidence/readiness.hpp>
#include <ita/evidence/robots.hpp>

#include <string>

namespace ita::evidence {

struct EvidenceCheck {
    FetchResult fetched;
    Assessment assessment;
    std::string sha256;  // hex of fetched.body; empty when nothing was fetched
};

EvidenceCheck check_evidence(const std::string& url, const EvidenceRules& rules, const FetchLimits& limits, RobotsCache& robots);

// Lower-case hex SHA-256 of `bytes`.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace ita::evidence
