#include <ita/evidence/agency_sites.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <array>

namespace ita::evidence {

namespace {

bool within(std::string_view host, std::string_view domain) {
    return host == domain || (host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.');
}

std::string_view without_www(std::string_view host) { return host.starts_with("www.") ? host.substr(4) : host; }

}  // namespace

bool on_sites(std::string_view host, const std::vector<std::string>& sites) {
    const auto bare = without_www(host);
    return std::any_of(sites.begin(), sites.end(), [&](const std::string& site) { return within(bare, site); });
}

bool is_shared_host(std::string_view host) {
    static constexpr std::array<std::string_view, 12> shared = {"gprocurement.go.th",  // e-GP: procurement plans, announcements and results
                                                                "data.go.th",          // the government open-data portal
                                                                "drive.google.com",   "docs.google.com", "onedrive.live.com", "1drv.ms",
                                                                "sharepoint.com",     "dropbox.com",     "youtube.com",       "youtu.be",
                                                                "facebook.com",       "line.me"};
    return std::any_of(shared.begin(), shared.end(), [&](std::string_view domain) { return within(without_www(host), domain); });
}

bool is_social_network(std::string_view host) {
    static constexpr std::array<std::string_view, 10> networks = {"facebook.com", "fb.com", "fb.watch",    "youtube.com", "youtu.be",
                                                                  "line.me",      "x.com",  "twitter.com", "tiktok.com",  "instagram.com"};
    return std::any_of(networks.begin(), networks.end(), [&](std::string_view domain) { return within(without_www(host), domain); });
}

}  // namespace ita::evidence
