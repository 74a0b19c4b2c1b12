// The national admin's assignment of agencies to auditors (/national/review-assignments): each
// auditor's agencies and waiting items, agencies without one spread evenly, or a pasted list of
// "agency_id,auditor" lines (service/review_queue). CSRF-checked; audited by the store.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_review_assignment_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
