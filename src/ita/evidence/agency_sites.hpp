// Whose site a piece of evidence is on. OIT evidence is what the agency itself publishes: a news
// article about it on a newspaper's site, a journal abstract or another agency's page is not.
// An agency's websites are domains (util::website_domain); their subdomains are the agency's
// too. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ita::evidence {

// Whether `host` is one of `sites` or under one of them.
[[nodiscard]] bool on_sites(std::string_view host, const std::vector<std::string>& sites);

// Hosts where agencies are expected to publish although the host is not theirs: the
// government's procurement system (e-GP), the open-data portal, and the file and video services
// agencies keep their own documents and channels on. Evidence there is judged by its content.
[[nodiscard]] bool is_shared_host(std::string_view host);

// Social networks (Facebook, YouTube, LINE, X, TikTok, Instagram): what they serve a program
// is a sign-in wall or a script, not the page a person sees.
[[nodiscard]] bool is_social_network(std::string_view host);

}  // namespace ita::evidence
