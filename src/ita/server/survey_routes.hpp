// The staff survey pages: GET /s/<code> shows the form, POST /s/<code> takes the answers and
// redirects (303) to /s/thanks; a spent code gets 410, an unknown one 404, both in Thai.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_survey_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
