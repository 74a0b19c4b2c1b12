// Scoring from a store (`ita score --db`, `ita rank`): the year's stored answers, OIT verdicts
// and published scores, scored exactly as from files, and kept as snapshots with the
// methodology version used.
#pragma once

#include <ita/service/score_files.hpp>
#include <ita/storage/store.hpp>

namespace ita::service {

struct StoreScoreRequest {
    int fiscal_year = 0;
    std::optional<std::string> agency_id;  // one agency; all when empty
    std::optional<std::string> methodology_dir;
    bool save_snapshots = true;
};

// Fails when the year has nothing stored, or when its answers were stored under a methodology
// whose questions differ from the one loaded now.
Result<ScoreRun> score_store(storage::Store& store, const StoreScoreRequest& request);

// Success when the year's answers were stored under `methodology`'s questions (the packed
// layout's codes); conflict, naming both versions, when they were not.
Result<void> require_stored_layout(storage::Store& store, const core::Methodology& methodology);

}  // namespace ita::service
