// Sign-in routes: GET/POST /login, GET /me, POST /logout (CSRF-checked). The session cookie is
// HttpOnly and SameSite=Strict, and Secure when the proxy says the request came over TLS.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_account_routes(Router& router, const ResultsContext& context);

// The Set-Cookie value that gives the browser a session (HttpOnly, SameSite=Strict, Secure
// behind TLS).
std::string session_cookie_header(const HttpRequest& request, const std::string& token);

// The session of the request's cookie, if it is signed in.
std::optional<storage::Session> current_session(storage::Store& store, const HttpRequest& request);

// Percent-encodes all but RFC 3986's unreserved characters (and "/" when `keep_slash`), for a
// value put into an address this site builds.
std::string percent_encoded(std::string_view text, bool keep_slash);

// Whether `address` is a page of this site to send a browser to after it signs in: one leading
// "/" (not "//", which names another host) and only printable ASCII (no scheme, no header break).
bool is_local_address(std::string_view address);
// Where a request that needs a session is sent: "/login?next=…" naming the page asked for, so
// that signing in returns to it (a GET's address only; a form posted without a session is not
// replayed).
std::string login_address_for(const HttpRequest& request);
// Whether a form's CSRF token is the session's (constant-time comparison).
bool csrf_matches(const storage::Session& session, const std::string& given);

}  // namespace ita::server
