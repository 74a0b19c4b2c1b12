// The national admin's page for each year's instrument (/national/methodology): the years, their
// status and changes, previews as each agency type sees them, a pasted OIT list recorded as a
// new version, and freezing.
#pragma once

#include <ita/server/results_routes.hpp>
#include <ita/server/router.hpp>

namespace ita::server {

void add_methodology_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
