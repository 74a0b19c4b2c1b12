// The address staff and citizens reach this deployment at, for what is printed on paper (code
// cards, posters) and shown to be copied: `ita serve --public-url https://ita.example.go.th`
// when set; else the request's own scheme and Host header, used only when the Host is a plain
// name or address with an optional port (a forged Host cannot put another site on a poster).
#pragma once

#include <ita/server/http_types.hpp>

#include <string>

namespace ita::server {

// "https://ita.example.go.th" (no trailing slash); "http://localhost" when nothing better is known.
std::string public_base_url(const std::string& configured, const HttpRequest& request);

// Whether `url` may be a --public-url: http or https, a host, an optional port, nothing else.
bool is_public_base_url(const std::string& url);

}  // namespace ita::server
