// What those who work on a year may see of an agency's scores before the year is published
// (working groups, auditors, national admins, the API): no IIT or EIT figure until the
// instrument's survey window has closed and its minimum sample is met, and every figure to two
// decimals, never unrounded. With exact scores of a live survey a working group could read
// one colleague's answers from the change one submission makes (ARCHITECTURE.md, "Threat
// model"); published results are the same for everyone and are not changed here.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/storage/store.hpp>

#include <span>

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

// Which instruments (IIT, EIT) of these scores were answered by fewer people than their
// minimum sample (the IIT's from the agency's headcount, the EIT's from its type; never fewer
// than k = shown_count_step): no figure of them may be shown, published or not.
std::array<bool, 2> short_samples(const core::Methodology& methodology, const core::Agency* agency, const core::AgencyScores& scores);

// Every scored agency as it may be published: instruments short of their minimum sample
// withheld (withhold_instruments), with a reason that says so. Publication and `ita rank`
// both see the nation this way, so a rank never rests on a figure that may not be shown.
void withhold_short_samples(const core::Methodology& methodology, std::span<report::ScoredAgency> scored);

// Removes every figure of the hidden instruments (and the overall and verdict, which would
// give them away), counts rounded down to steps of k, with `reason` as why the verdict is
// withheld; the other figures are left unrounded.
core::AgencyScores withhold_instruments(const core::Methodology& methodology, core::AgencyScores scores, const std::array<bool, 2>& hidden,
                                        const std::string& reason);

}  // namespace ita::service
