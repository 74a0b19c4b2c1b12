// Sign-in routes: GET/POST /login, GET /me, POST /logout (CSRF-checked). The session cookie is
// HttpOnly and SameSite=Strict, and Secure when the proxy says the request came over TLS.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_account_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
