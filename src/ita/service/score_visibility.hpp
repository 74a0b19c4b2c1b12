// What those who work on a year may see of an agency's scores before the year is published
// (working groups, auditors, national admins, the API): no IIT or EIT figure until the
// instrument's survey window has closed and its minimum sample is met, and every figure to two
// decimals, never unrounded. With exact scores of a live survey a working group could read
// one colleague's answers from the change one submission makes (ARCHITECTURE.md, "Threat
// model"); published results are the same for everyone and are not changed here.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>
#include <ita/storage/store.hpp>

#include <string>

namespace ita::service {

// The scores as they may be shown on `today` (a Bangkok date).
Result<core::AgencyScores> scores_before_publication(storage::Store& store, const core::Methodology& methodology, core::AgencyScores scores,
                                                     const std::string& today);

// Which instruments (IIT, EIT) may not be shown yet for these scores on `today`.
Result<std::array<bool, 2>> hidden_instruments(storage::Store& store, const core::Methodology& methodology,
                                               const core::AgencyScores& scores, const std::string& today);

// The same rule on scores already known to be hidden or shown, for tests and callers that
// have decided: `hidden[i]` for instrument i (IIT, EIT).
core::AgencyScores mask_and_round(const core::Methodology& methodology, core::AgencyScores scores, const std::array<bool, 2>& hidden);

}  // namespace ita::service
