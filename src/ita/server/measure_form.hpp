// A measure and a progress report as HTML form fields, both ways, with Thai messages naming
// each field that is wrong. The rules themselves are core::validate_measure's; this only reads
// the form and says them in the working group's language.
#pragma once

#include <ita/core/measure.hpp>
#include <ita/server/http_types.hpp>

#include <expected>
#include <map>
#include <string>
#include <vector>

namespace ita::server {

// The measure the form describes, laid over `base` (a stored measure for an edit, or a new one
// carrying its agency and fiscal year). Fields: targets, title, analysis, steps, responsible,
// start_on, end_on, cadence, status.
std::expected<core::Measure, std::vector<std::string>> measure_from_form(const FormFields& fields, core::Measure base);
FormFields form_from_measure(const core::Measure& measure);

// A progress report from the fields reported_on, percent, text, evidence_url.
std::expected<core::ProgressReport, std::vector<std::string>> progress_from_form(const FormFields& fields);

}  // namespace ita::server
