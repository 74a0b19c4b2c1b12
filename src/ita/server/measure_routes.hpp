// The working group's integrity measures on the web (the CLI's `ita measures` and
// `ita constraints`): list with overdue and due-soon marks, add, draft from the analysis, edit,
// progress reports, removal, 4M constraints, and the report downloads. Signed in as an agency
// admin (its own agency) or a national admin (?agency=); forms are CSRF-checked; a rejected
// form comes back filled in with Thai messages (422); each change is audited by the store.
#pragma once

#include <ita/server/public_cache.hpp>

#include <memory>

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_measure_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache);

}  // namespace ita::server
