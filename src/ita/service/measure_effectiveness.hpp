// Measure effectiveness: every adopted measure of a fiscal year judged by the published
// results — the year before (what led to it) against its own year — and the library of what
// worked, by agency type and indicator, across every agency's measures.
#pragma once

#include <ita/core/measure_effect.hpp>
#include <ita/service/public_results.hpp>
#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct EffectivenessRequest {
    int fiscal_year = 0;                   // the measures' year
    std::optional<std::string> agency_id;  // whose measures to list; the library is always the nation's
    std::optional<std::string> methodology_dir;
    bool with_library = true;  // false with an agency: read only its measures, no library
};

struct Effectiveness {
    int fiscal_year = 0;
    int baseline_year = 0;
    bool outcome_published = false;           // false: every measure is pending
    core::Methodology methodology;            // of the baseline year (names of targets, indicators)
    std::vector<core::MeasureEffect> all;     // every agency's adopted measures (not drafts)
    std::vector<std::string> types, names;    // per `all`: the agency's type and name
    std::vector<std::size_t> listed;          // positions in `all` of the requested agency's (or all)
    std::vector<core::LibraryEntry> library;  // points into `all`
};

// not_found when the year before has no published results or the agency is unknown.
Result<Effectiveness> measure_effectiveness(storage::Store& store, const EffectivenessRequest& request);
// The same from publications already read (a server's public cache); the store gives the measures.
Result<Effectiveness> measure_effectiveness(storage::Store& store, const PublicResults& results, const EffectivenessRequest& request);

}  // namespace ita::service
