// Integrity measures (`ita measures`, `ita constraints`): draft measures from an agency's
// analysis and the guidance library, and keep them through the year.
#pragma once

#include <ita/core/measure.hpp>
#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct DraftRequest {
    int fiscal_year = 0;  // the year the measures are carried out in; the result analysed is the year before
    std::string agency_id;
    std::optional<std::string> methodology_dir;  // also where guidance-th.json may be overridden
    std::string actor = "cli";
};

// Adds one draft measure per urgent weakness (steps from the guidance for the indicator, its
// low questions and its items scored 0) and one for keeping the strengths, over the whole
// fiscal year, reported quarterly. A weakness that already has a measure is skipped. Returns
// the measures added.
Result<std::vector<core::Measure>> draft_measures(storage::Store& store, const DraftRequest& request);

// The measure `measure_id` of the agency in the fiscal year; not_found when it does not exist
// or belongs to another agency or year (so a page cannot probe other agencies' measures).
// Files a progress report after core::validate_progress (every caller — web, API, command
// line — comes through here, so no unchecked address is ever stored).
Result<void> add_progress(storage::Store& store, const core::Measure& measure, const core::ProgressReport& report, std::string_view actor,
                          const std::string& today);

Result<core::Measure> agency_measure(storage::Store& store, int fiscal_year, const std::string& agency_id, std::int64_t measure_id);

}  // namespace ita::service
