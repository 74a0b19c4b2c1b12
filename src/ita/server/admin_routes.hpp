// The working group's pages (signed in as an agency admin; a national admin names the agency
// with ?agency=): the staff survey's headcount and minimum sample, and issuing its codes as a
// printable A4 sheet with a QR code per code.
// Other roles get 403; forms are CSRF-checked.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_admin_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
