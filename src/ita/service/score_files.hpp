// Scoring from files: the use case behind `ita score` and the golden tests. Reads the
// methodology of the year, then every input file (all of them, so every problem is listed),
// then scores each agency. Thread-safe: no shared state.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/methodology.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/util/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct ScoreRequest {
    int fiscal_year = 0;
    std::vector<std::string> responses;
    std::optional<std::string> oit;
    std::optional<std::string> published;
    std::optional<std::string> agencies;
    std::optional<std::string> methodology_dir;
};

struct ScoreRun {
    core::Methodology methodology;
    std::vector<core::Agency> agencies;        // from the agencies file, if any
    std::vector<report::ScoredAgency> scored;  // in output order; points into `agencies`
};

// Fails with every problem of every file when any input is bad; nothing is scored then.
Result<ScoreRun> score_files(const ScoreRequest& request);

}  // namespace ita::service
