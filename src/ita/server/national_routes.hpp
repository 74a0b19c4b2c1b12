// The national administrator's pages: the season calendar (/national/season), opening a
// fiscal year for every agency or a list, with each phase's dates. National admins only;
// CSRF-checked; the same rules as `ita season open`, with Thai messages.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_national_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
