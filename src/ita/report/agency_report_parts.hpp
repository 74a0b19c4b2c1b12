// The sections of the agency report (agency_report.cpp assembles them), one file each so a
// section's wording can be read and changed on its own. Internal to ita_report.
#pragma once

#include <ita/report/agency_report.hpp>

#include <map>
#include <string>

namespace ita::report::sections {

// "3. title": sections numbered as the seeds number them (the writers apply the digits rule).
[[nodiscard]] std::string numbered(int number, const std::string& title);

// The guidance library's advice for a code (`table`: indicators, questions, items), to improve
// or to maintain; empty when there is no library or no entry.
[[nodiscard]] std::string advice(const core::Guidance* guidance, std::map<std::string, core::GuidanceText> core::Guidance::*table,
                                 const std::string& code, bool improve);

// The year's published figures beside the agency's: national mean, share passing against the
// national target, and the agency's type. Nothing when the year is not published.
void national_context(Document& document, const AgencyReportInput& input);
// Every stored year's overall, instruments and indicators, when there is more than one year.
void history(Document& document, const AgencyReportInput& input);
// Every indicator below the pass mark (the most urgent marked), then the strengths.
void weaknesses(Document& document, const AgencyReportInput& input, int number);
void strengths(Document& document, const AgencyReportInput& input, int number);
// The measures of the following year with their progress, then the 4M constraints.
void measures(Document& document, const AgencyReportInput& input, int number);

}  // namespace ita::report::sections
