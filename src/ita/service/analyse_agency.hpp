// Analysing one agency's result (`ita analyse`): its scores from a store or from files, the
// analysis of SPEC §6, its rank within its type (only from a published year), the change against its previous year when the
// store holds one, and the paths to the pass mark and to the next verdict level.
#pragma once

#include <ita/core/analysis.hpp>
#include <ita/core/path_to_target.hpp>
#include <ita/service/score_files.hpp>
#include <ita/storage/store.hpp>

#include <memory>

namespace ita::service {

struct AgencyAnalysis {
    ScoreRun run;  // the year's scores (all agencies, for the rank)
    const report::ScoredAgency* agency = nullptr;
    std::optional<ScoreRun> previous;  // the year before, when stored
    const core::AgencyScores* previous_scores = nullptr;
    core::Analysis analysis;
    std::vector<core::PathToTarget> paths;
};

// From a store; fails when the agency is not there or the year has nothing stored.
Result<std::unique_ptr<AgencyAnalysis>> analyse_from_store(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                                           const std::optional<std::string>& methodology_dir);
// From files, as `ita score` reads them; no rank (files say nothing of a complete year).
Result<std::unique_ptr<AgencyAnalysis>> analyse_from_files(const ScoreRequest& request, const std::string& agency_id);

}  // namespace ita::service
