// The public pages, rendered from published results only (no sign-in): an agency's results
// page, the national dashboard and the agency search. Pure functions of their inputs, so the
// cache can keep what they return per public generation. Thread-safe.
#pragma once

#include <ita/service/measure_effectiveness.hpp>

#include <ita/core/measure.hpp>
#include <ita/service/public_results.hpp>

#include <string>
#include <vector>

namespace ita::server {

// /agency/<id>?year=Y: `agency` is its position in `year.scored`; `measures` are those of the
// year after (the plan answering this result).
std::string agency_public_html(const service::PublicResults& results, const service::PublishedYear& year, std::size_t agency,
                               const std::vector<core::Measure>& measures);
// /agency/<id> of an agency with nothing published (yet, or for the year asked).
std::string agency_unpublished_html(const service::PublicResults& results, const core::Agency& agency, int fiscal_year);
// /national?year=Y
std::string national_dashboard_html(const service::PublicResults& results, const service::PublishedYear& year);
// /national before any publication.
std::string nothing_published_html();
// /search?q=…
std::string search_html(const service::PublicResults& results, const std::string& query, std::size_t limit);

// /measures/library?year=Y[&type=T]: the measures of Y that worked, by type and indicator.
std::string measure_library_html(const service::Effectiveness& effectiveness, const std::string& type);

// 1234567 → "1,234,567".
std::string grouped(std::size_t count);

}  // namespace ita::server
