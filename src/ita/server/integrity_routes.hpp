// Response-integrity analytics for auditors and national admins at /review/integrity?year=Y
// (every agency, lowest confidence first) and &agency=A (one agency's instruments with every
// signal explained). Reads only; never changes a score.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_integrity_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
