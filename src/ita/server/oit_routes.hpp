// The OIT cycle on the web. The working group (or a national admin with ?agency=) lists its
// items at /admin/oit, enters one at /admin/oit/<item> and clarifies a rejection at
// /admin/oit/<item>/clarify; an auditor (or national admin) reviews an agency's items at
// /review/oit?agency=<id> and records a verdict with POST /review/oit/<agency>/<item>. Each
// step is checked against the season calendar (403 outside its window), CSRF-checked, and
// audited; a rejected form comes back filled in with Thai messages (422).
// The evidence checker: an entered address is queued for checking (`monitor`; none: no
// checks), POST /admin/oit/<item>/check queues it again, and the bytes each check kept open at
// /admin/oit/<item>/evidence/<sha256> for the group and /review/oit/<agency>/evidence/<sha256>
// for auditors, sandboxed.
#pragma once

#include <ita/server/results_routes.hpp>
#include <ita/service/evidence_monitor.hpp>

#include <memory>

namespace ita::server {

void add_oit_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor);

}  // namespace ita::server
