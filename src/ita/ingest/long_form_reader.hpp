// Reads a long-form responses file (agency_id,instrument,respondent,question,answer[,part]) for
// scoring on every core. A database export gives such rows in no particular order, and looking
// each row's respondent up among a nation's million respondents misses the cache on nearly
// every row. So each thread parses its share of the rows into compact records bucketed by
// agency; then the agencies are scored one at a time across the threads, each agency's records
// in file order, so that every sum is added in the same order as reading the file row by row.
//
// Only well-formed files without quoted fields take this way: on anything else (a problem to
// report, a quote) it returns false having changed nothing, and the caller reads the file with
// the full reader, which names the line and column of every problem. Internal to ingest.
#pragma once

#include <ita/ingest/scoring_inputs.hpp>

#include <string>

namespace ita::ingest {

// Reads `path` into `inputs`, which must hold no respondents yet. `threads`: 0 for one per core
// (and one for a small file); tests name a number to split even a small file.
[[nodiscard]] bool read_long_form_in_parallel(const std::string& path, ScoringInputs& inputs, unsigned threads = 0);

}  // namespace ita::ingest
