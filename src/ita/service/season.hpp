// The season: a fiscal year opened for all agencies (or a list) with its methodology and a
// calendar of phases, and the one check every step makes against that calendar.
#pragma once

#include <ita/core/season_phase.hpp>
#include <ita/storage/store.hpp>

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ita::service {

// Thai names for pages and messages.

// A phase without a closing day stays open; it is stored as this day.
inline constexpr std::string_view open_ended = "9999-12-31";

struct SeasonRequest {
    int fiscal_year = 0;
    std::optional<std::string> agencies_file;   // one agency id a line, or a CSV with an agency_id column; none: every agency
    std::optional<std::string> agencies_text;   // the same list given as text (a web form); used when no file is given
    std::map<std::string, std::string> opens;   // by phase, YYYY-MM-DD; default `today`
    std::map<std::string, std::string> closes;  // by phase; default open-ended
    std::optional<std::string> methodology_dir;
    std::string actor = "cli";
    std::string today;
};

// The agency ids of a list: one a line, or a CSV whose header names agency_id. invalid_input with
// the line of every agency the database does not have (field "agency_id"); `path` names the list.
Result<std::vector<std::string>> read_agency_list(storage::Store& store, const std::string& text, const std::string& path);

// Registers the fiscal year with its methodology (as survey answers need its layout), the
// agencies assessed and the calendar. invalid_input for a bad date or a phase that closes
// before it opens, and for an unknown agency in the file (file and line named).
Result<std::vector<storage::SeasonWindow>> open_season(storage::Store& store, const SeasonRequest& request);

enum class PhaseState { not_yet, open, closed };
struct PhaseStatus {
    PhaseState state = PhaseState::open;
    std::string opens_on;
    std::string closes_on;
};
// The phase on `today`; a year with no window for the phase is open (seasons imported from
// files have no calendar).
Result<PhaseStatus> phase_status(storage::Store& store, int fiscal_year, core::SeasonPhase phase, const std::string& today);
// The same from a calendar already read (no window for the phase: open).
PhaseStatus phase_status_in(std::span<const storage::SeasonWindow> windows, core::SeasonPhase phase, const std::string& today);
// Success when the phase is open; otherwise ErrorCode::not_open with a Thai message saying
// when it opens or when it closed.
Result<void> require_open(storage::Store& store, int fiscal_year, core::SeasonPhase phase, const std::string& today);

}  // namespace ita::service
