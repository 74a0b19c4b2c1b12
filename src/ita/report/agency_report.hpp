// The agency's ITA report as a Document, in the order the seeds' reports use: the result and
// verdict with instrument scores and rank, the ten indicators with their status and a chart,
// urgent weaknesses with their low questions and OIT items, strengths, the path to the pass
// mark, the integrity measures table, the 4M constraints and the three signatures.
// Pure; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/analysis.hpp>
#include <ita/core/measure.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/path_to_target.hpp>
#include <ita/report/document.hpp>

#include <optional>
#include <vector>

namespace ita::report {

struct AgencyReportInput {
    const core::Methodology* methodology = nullptr;
    const core::Agency* agency = nullptr;  // may be null
    const core::AgencyScores* scores = nullptr;
    const core::Analysis* analysis = nullptr;
    const std::vector<core::PathToTarget>* paths = nullptr;
    std::vector<core::Measure> measures;  // of the year after the result
    std::optional<core::Constraints> constraints;
    std::vector<Signer> signers;                                 // reporter, certifier, approver (names may be blank)
    std::vector<std::pair<int, std::optional<double>>> history;  // fiscal year → overall, ascending
};

Document agency_report(const AgencyReportInput& input);

}  // namespace ita::report
