// The JSON API (/api/v1): the web application's operations for scripts and other systems,
// documented in resources/openapi.json (served at /api/v1/openapi.json). Callers sign in with
// POST /api/v1/session and send "Authorization: Bearer <token>"; cookies are ignored here, so
// no CSRF token is needed. The same role rules and season windows as the pages apply.
#pragma once

#include <ita/service/evidence_monitor.hpp>

#include <memory>

#include <ita/server/results_routes.hpp>

namespace ita::server {

// `monitor` checks an OIT address entered through the API, as the web form does (none: no checks).
void add_api_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor);

}  // namespace ita::server
