// The public side, no sign-in: /national (the dashboard), /agency/<id> (an agency's published
// results), /search, the open data under /data/<year>/ and the badge. Everything is read from
// the published results through the PublicCache; responses carry ETag and Cache-Control so
// nginx or a CDN can keep them, and If-None-Match gets 304.
#pragma once

#include <ita/server/public_cache.hpp>
#include <ita/server/results_routes.hpp>
#include <ita/server/router.hpp>

#include <memory>

namespace ita::server {

void add_public_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache);

}  // namespace ita::server
