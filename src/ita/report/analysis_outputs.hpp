// Writers of `ita analyse`: one agency's analysis and paths to its targets, as a Thai text for
// people or as JSON (unrounded). Pure; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/analysis.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/path_to_target.hpp>

#include <ostream>
#include <vector>

namespace ita::report {

struct AnalysisView {
    const core::Methodology* methodology = nullptr;
    const core::Agency* agency = nullptr;  // may be null (no agencies file)
    const core::AgencyScores* scores = nullptr;
    const core::Analysis* analysis = nullptr;
    const std::vector<core::PathToTarget>* paths = nullptr;
};

void write_analysis_text(std::ostream& out, const AnalysisView& view);
void write_analysis_json(std::ostream& out, const AnalysisView& view);

}  // namespace ita::report
