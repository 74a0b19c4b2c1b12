// Scoring (SPEC §2): from an agency's answers, OIT verdicts and published scores to scores at
// every level. Each level is taken as published where it is given, else derived from the level
// below: sub-item = mean of answer points, question = mean of its sub-items, indicator = mean
// of its questions (IIT, EIT) or of its sub-indicators (OIT, each the share of accepted items),
// instrument = mean of its indicators (or its weighted parts), overall = weighted instruments.
// Double precision throughout, nothing rounded. Pure functions, thread-safe.
#pragma once

#include <ita/core/agency_input.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>

namespace ita::core {

// Scores one agency. Never fails: missing data makes scores absent and the rating withheld
// with the reason; a published value that differs from its parts by more than 0.01 is kept
// and reported in `warnings`.
[[nodiscard]] AgencyScores score_agency(const Methodology& methodology, const AgencyInput& input);

// Under a table of the EIT's respondent parts, in Thai: the rule that makes the EIT of them,
// whether it is official, and (when the table hides them) why a part shows no score.
[[nodiscard]] std::string eit_parts_note(const Methodology& methodology, const AgencyScores& scores, bool hides_small_parts = true);

}  // namespace ita::core
