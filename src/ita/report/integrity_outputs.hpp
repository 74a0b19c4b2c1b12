// Writers of the response-integrity analytics: JSON (`ita integrity --format json`) and a
// text listing for auditors. Pure; thread-safe.
#pragma once

#include <ita/core/response_integrity.hpp>

#include <ostream>
#include <span>

namespace ita::report {

// {"fiscal_year":…,"agencies":[{"agency_id","name","type","instrument","respondents",
// "confidence" (null when not judged),"level","signals":[{"code","flagged","value","weight","explanation"}]}]}
void write_integrity_json(std::ostream& out, int fiscal_year, std::span<const core::AgencyIntegrity> rows);
void write_integrity_text(std::ostream& out, std::span<const core::AgencyIntegrity> rows);

}  // namespace ita::report
