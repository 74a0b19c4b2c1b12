// Rows of the OIT and published-scores files as a store keeps them. Plain values.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

namespace ita::core {

// The auditor's verdict on one OIT item of one agency, with the evidence it was given.
struct OitVerdict {
    std::string agency_id;
    std::string item;  // "O18"
    bool accepted = false;
    std::string url;
    std::string note;
    std::size_t line = 0;  // file line, for messages; 0 when read from a store
};

// One check of an OIT evidence address by the evidence checker (ita check-urls, or the server
// after an entry and nightly). `redirects`: one "status url" line per hop left.
struct UrlCheck {
    std::int64_t check_id = 0;
    std::string agency_id;
    std::string item;
    std::string url;
    std::string checked_at;  // UTC, ISO 8601
    std::string status;      // ok, broken, stale or suspicious
    long http_status = 0;    // 0 when no response came
    std::string final_url;
    std::string reason;        // Thai, for people
    std::string reason_codes;  // comma-separated codes, for programs
    std::string content_type;
    std::int64_t size = 0;
    std::string redirects;
    std::string snapshot;  // SHA-256 hex of the bytes kept, or empty
};

// An OIT item may have several addresses; the checks of its n-th are kept under "O23#n" (n ≥ 2),
// of its first under the item's code.
[[nodiscard]] inline std::string address_check_key(const std::string& item, std::size_t position) {
    return position <= 1 ? item : item + "#" + std::to_string(position);
}
// The item and 1-based address position of a check key.
[[nodiscard]] inline std::pair<std::string, std::size_t> split_check_key(const std::string& key) {
    const auto hash = key.find('#');
    if (hash == std::string::npos) return {key, 1};
    return {key.substr(0, hash), static_cast<std::size_t>(std::strtoul(key.c_str() + hash + 1, nullptr, 10))};
}

// A score the NACC published for one agency at one level.
struct PublishedScore {
    std::string agency_id;
    std::string level;  // subitem, question, item, indicator, instrument, overall
    std::string code;   // empty for overall
    double score = 0;
    std::size_t line = 0;
};

}  // namespace ita::core
