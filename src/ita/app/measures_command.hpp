// `ita measures …` and `ita constraints …`: integrity measures and 4M constraints in a store.
#pragma once

#include <ita/core/measure.hpp>
#include <ita/service/measures.hpp>

#include <optional>
#include <string>

namespace ita::app {

enum class MeasuresAction { draft, list, add, update, progress, remove, constraints_set, constraints_show, effect };

struct MeasuresCommand {
    MeasuresAction action = MeasuresAction::list;
    std::string db;
    std::optional<std::string> methodology_dir;
    int fiscal_year = 0;
    std::optional<std::string> agency_id;
    std::int64_t measure_id = 0;
    core::Measure measure;  // add / update: the given fields
    std::optional<std::string> cadence;
    std::optional<std::string> status;  // draft | active | done (checked by the CLI)
    core::ProgressReport report;
    core::Constraints constraints;
    bool only_overdue = false;
    bool only_due_soon = false;
    std::optional<std::string> today;  // YYYY-MM-DD; the system date when empty
    bool json = false;
    std::string actor = "cli";
};

// Returns the process exit code (0; 2 for bad input or an unknown measure; 1 for the database).
int run_measures_command(MeasuresCommand command);

}  // namespace ita::app
