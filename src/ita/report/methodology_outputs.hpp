// Writers for `ita methodology`: the years a deployment has, one year's instrument in brief, and
// the changes between two years, as text for people and JSON for scripts. Pure; thread-safe.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/core/methodology_diff.hpp>

#include <ostream>
#include <span>
#include <string>

namespace ita::report {

// One line a year: fiscal year, version, status (verified or provisional), counts.
void write_methodology_list(std::ostream& out, std::span<const core::Methodology> years);
// Instruments and weights, indicators with their questions and OIT items, the verdict rules.
// With an agency type: the OIT items that type answers (its variant's list, if it has one) and
// the requirements the items add for it; without: every item, each variant's marked.
void write_methodology_summary(std::ostream& out, const core::Methodology& methodology, const std::string& agency_type = {});
void write_methodology_diff_text(std::ostream& out, const core::Methodology& from, const core::Methodology& to,
                                 std::span<const core::MethodologyChange> changes);
// {"from": 2565, "to": 2568, "changes": [{"kind", "element", "code", "before", "after"}, …]}
void write_methodology_diff_json(std::ostream& out, const core::Methodology& from, const core::Methodology& to,
                                 std::span<const core::MethodologyChange> changes);

}  // namespace ita::report
