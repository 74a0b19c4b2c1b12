// Headers every response gets unless its handler set its own: a Content-Security-Policy on every
// page that allows no inline script, no `javascript:` URL, no plug-ins, no framing and no form
// posting elsewhere (style stays inline: the pages carry their CSS), and a Referrer-Policy.
#pragma once

#include <ita/server/http_types.hpp>

namespace ita::server {

inline constexpr const char* page_policy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

void add_security_headers(HttpResponse& response);

}  // namespace ita::server
