// The national administrator's pages: the season calendar (/national/season), opening a
// fiscal year for every agency or a list, with each phase's dates, and publishing a year's
// results (server/publication_routes). National admins only;
// CSRF-checked; the same rules as `ita season open` and `ita publish`, with Thai messages.
#pragma once

#include <ita/server/public_cache.hpp>
#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_national_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& public_cache);

}  // namespace ita::server
