// The season's progress (service/season_progress): /national/progress for national admins, with
// filters by type, province and status and the same rows as CSV and XLSX (?format=); and
// /admin/progress for a working group, its own agency only. Counts only, as the anonymity
// rules show them.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_progress_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
