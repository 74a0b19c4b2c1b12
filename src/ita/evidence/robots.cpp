#include <ita/evidence/robots.hpp>
#include <ita/util/text.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

namespace ita::evidence {

namespace {

// Whether `pattern` matches the start of `path`: "*" any run, "$" at the end anchors. One pass
// with one remembered star, so a hostile pattern costs at most length × length.
bool matches(std::string_view pattern, std::string_view path) {
    const bool anchored = pattern.ends_with('$');
    if (anchored) pattern.remove_suffix(1);
    constexpr auto none = std::string_view::npos;
    std::size_t at = 0, in_path = 0, star = none, resume = 0;
    while (in_path < path.size()) {
        if (at < pattern.size() && pattern[at] == '*') {
            star = at++;
            resume = in_path;
        } else if (at < pattern.size() && pattern[at] == path[in_path]) {
            ++at;
            ++in_path;
        } else if (at == pattern.size() && !anchored) {
            return true;  // the pattern is a prefix of the path
        } else if (star != none) {
            at = star + 1;
            in_path = ++resume;
        } else {
            return false;
        }
    }
    while (at < pattern.size() && pattern[at] == '*') ++at;
    return at == pattern.size();
}

struct Rule {
    bool allow = false;
    std::string pattern;
};

struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
};

std::vector<Group> groups_of(std::string_view robots_txt) {
    std::vector<Group> groups;
    bool agents_open = false;  // consecutive user-agent lines share one group
    std::istringstream lines{std::string(robots_txt)};
    for (std::string line; std::getline(lines, line);) {
        std::string_view content = line;
        if (const auto hash = content.find('#'); hash != std::string_view::npos) content = content.substr(0, hash);
        const auto colon = content.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string key = util::ascii_lower(util::trim(content.substr(0, colon)));
        const std::string_view value = util::trim(content.substr(colon + 1));
        if (key == "user-agent") {
            if (!agents_open) groups.emplace_back();
            groups.back().agents.push_back(util::ascii_lower(value));
            agents_open = true;
        } else if (key == "allow" || key == "disallow") {
            agents_open = false;
            if (groups.empty()) continue;  // rules before any user-agent apply to no one
            if (value.empty()) continue;   // "Disallow:" alone forbids nothing
            groups.back().rules.push_back({key == "allow", std::string(value)});
        } else {
            agents_open = false;
        }
    }
    return groups;
}

}  // namespace

bool robots_allows(std::string_view robots_txt, std::string_view agent, std::string_view path) {
    const auto groups = groups_of(robots_txt);
    const std::string ours = util::ascii_lower(agent);
    std::vector<const Group*> chosen;
    for (const auto& group : groups)
        for (const auto& name : group.agents)
            if (name != "*" && ours.starts_with(name)) chosen.push_back(&group);
    if (chosen.empty())
        for (const auto& group : groups)
            if (std::find(group.agents.begin(), group.agents.end(), "*") != group.agents.end()) chosen.push_back(&group);
    std::optional<Rule> best;
    for (const auto* group : chosen)
        for (const auto& rule : group->rules) {
            if (!matches(rule.pattern, path)) continue;
            if (!best || rule.pattern.size() > best->pattern.size() || (rule.pattern.size() == best->pattern.size() && rule.allow))
                best = rule;
        }
    return !best || best->allow;
}

AddressParts address_parts(const std::string& url) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), curl_url_cleanup);
    if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
    const auto part = [&](CURLUPart which) {
        char* text = nullptr;
        if (curl_url_get(handle.get(), which, &text, 0) != CURLUE_OK || !text) return std::string();
        std::string value(text);
        curl_free(text);
        return value;
    };
    AddressParts parts;
    const std::string port = part(CURLUPART_PORT);
    parts.origin = part(CURLUPART_SCHEME) + "://" + part(CURLUPART_HOST) + (port.empty() ? "" : ":" + port);
    parts.host = util::ascii_lower(part(CURLUPART_HOST));
    parts.path = part(CURLUPART_PATH);
    if (const std::string query = part(CURLUPART_QUERY); !query.empty()) parts.path += "?" + query;
    if (parts.path.empty()) parts.path = "/";
    return parts;
}

RobotsCache::RobotsCache(FetchLimits limits) : m_limits(limits) {
    m_limits.max_bytes = std::min<std::size_t>(m_limits.max_bytes, std::size_t{512} * 1024);  // RFC 9309: at least 500 KiB parsed
}

bool RobotsCache::allows(const std::string& url) {
    const auto parts = address_parts(url);
    if (parts.origin.empty()) return true;  // the fetch itself reports a bad address
    std::string robots_txt;
    bool known = false;
    {
        std::lock_guard lock(m_mutex);
        if (const auto found = m_files.find(parts.origin); found != m_files.end()) {
            robots_txt = found->second;
            known = true;
        }
    }
    if (!known) {
        const auto fetched = fetch(parts.origin + "/robots.txt", m_limits);
        if (fetched.error.empty() && fetched.http_status >= 200 && fetched.http_status < 300) robots_txt = fetched.body;
        std::lock_guard lock(m_mutex);
        m_files.emplace(parts.origin, robots_txt);
    }
    return robots_allows(robots_txt, robots_agent, parts.path);
}

}  // namespace ita::evidence
