// What a load balancer, an administrator and Prometheus ask a process: /healthz (alive, and
// which ita), /readyz (its database answers at the schema it needs) and /metrics (loopback only:
// the counters of util/metrics; nginx never forwards it).
#pragma once

#include <ita/server/results_routes.hpp>
#include <ita/server/router.hpp>

#include <string>

namespace ita::server {

// `version`: "ita 0.1.0 (database schema 17)", the line /healthz adds under "ok".
void add_health_routes(Router& router, const ResultsContext& context, const std::string& version);

// Whether `remote` (the client as the trusted proxy reported it) is this host.
bool is_loopback(const std::string& remote);

}  // namespace ita::server
