// robots.txt (RFC 9309) for the evidence checker: a site that forbids automated fetching of a
// page is not fetched; the item is flagged for the auditor to open by hand instead. The rules
// of the group naming our agent, else of "*"; the longest matching rule wins, allow on a tie;
// "*" and "$" patterns. Each site's file is fetched once per cache.
#pragma once

#include <ita/evidence/http_fetch.hpp>

#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ita::evidence {

inline constexpr std::string_view robots_agent = "ita-evidence-check";

// Whether the rules in `robots_txt` let `agent` fetch `path` (path and query, from "/").
[[nodiscard]] bool robots_allows(std::string_view robots_txt, std::string_view agent, std::string_view path);

// The scheme, host and port of an address ("https://example.go.th") and its path and query;
// empty origin when the address cannot be parsed.
struct AddressParts {
    std::string origin;
    std::string host;  // lower case
    std::string path;
};
[[nodiscard]] AddressParts address_parts(const std::string& url);

// Thread-safe.
class RobotsCache {
public:
    explicit RobotsCache(FetchLimits limits);
    // A site without a readable robots.txt allows everything.
    bool allows(const std::string& url);

private:
    FetchLimits m_limits;
    std::mutex m_mutex;
    std::map<std::string, std::string> m_files;  // origin → robots.txt text ("" when none)
};

}  // namespace ita::evidence
