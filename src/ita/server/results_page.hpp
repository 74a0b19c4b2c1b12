// The working group's own result (/admin/results): overall, verdict, rank within type, the
// instruments and indicators with their status, the urgent weaknesses with the questions and
// OIT items that pulled them down, and the path to the pass mark. Shown once review closes.
#pragma once

#include <ita/server/agency_page_scope.hpp>
#include <ita/server/http_types.hpp>
#include <ita/service/analyse_agency.hpp>

namespace ita::server {

// `years`: the fiscal years with something stored, for the page's year switch.
HttpResponse results_page(const service::AgencyAnalysis& analysed, const AgencyPageScope& scope, const std::vector<int>& years);

}  // namespace ita::server
