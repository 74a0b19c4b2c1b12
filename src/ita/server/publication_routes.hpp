// The national admin's publication page (/national/publish): whether the year may be
// published (calendar, OIT review), a preview of exactly what the public will see, the
// versions published so far, and the typed confirmation, embargo and reason of the act
// (service/publication.hpp). POST /national/publish publishes; POST
// /national/publish/withdraw removes a version still under embargo. National admins only;
// CSRF-checked; the public cache is told.
#pragma once

#include <ita/server/public_cache.hpp>
#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_publication_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& public_cache);

}  // namespace ita::server
