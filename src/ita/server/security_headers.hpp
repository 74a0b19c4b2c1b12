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

// Whether every header name is an RFC 9110 token and every value holds no control byte (no CR or
// LF that could start a header of its own). A response that fails is never sent: the server
// answers 500 instead, whatever value slipped through a handler.
[[nodiscard]] bool headers_are_safe(const HttpResponse& response);

}  // namespace ita::server
