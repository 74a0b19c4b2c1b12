// Reading back what `ita score --format json` wrote for one agency: the detail kept in score
// snapshots and published results, so the public pages show exactly what was published without
// scoring again. Pure; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>
#include <ita/util/error.hpp>

#include <string_view>

namespace ita::ingest {

// The agency's scores at the levels the JSON carries (overall, verdict, instruments,
// indicators, sub-indicators, questions, respondents); sub-items and OIT items are absent.
// Every vector is sized for `methodology`. Fails with invalid_input naming `source` and the field
// when the text is not such an object or a score is not a number or null.
Result<core::AgencyScores> read_agency_scores_json(const core::Methodology& methodology, std::string_view json, std::string_view source);

}  // namespace ita::ingest
