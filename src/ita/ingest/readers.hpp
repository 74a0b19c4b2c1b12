// Readers of the files users exchange (DESIGN.md "Data contracts"). Each reads one whole file
// and either records everything in it or fails with every problem found (capped at 100 listed),
// each naming the file, line, column and reason. Progress is drawn on a terminal for big files.
// Thread-safe as long as each call has its own ScoringInputs.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/evidence_rows.hpp>
#include <ita/ingest/response_batch.hpp>
#include <ita/ingest/scoring_inputs.hpp>
#include <ita/util/error.hpp>

#include <string>
#include <vector>

namespace ita::ingest {

// agencies.csv: agency_id,name,type,province[,headcount].
Result<std::vector<core::Agency>> read_agencies(const std::string& path);

// Survey responses in long form (agency_id,instrument,respondent,question,answer) or wide form
// (agency_id,instrument,respondent,<sub-item codes>...), told apart by the header.
Result<void> read_responses(const std::string& path, ScoringInputs& inputs);
// The same, keeping each respondent's packed answers, for import into a store.
Result<void> read_responses(const std::string& path, ResponseBatch& batch);

// oit.csv: agency_id,item,present[,url][,note] — the auditor's verdict per item. With `rows`,
// also keeps each row (with its URL and note) for import.
Result<void> read_oit(const std::string& path, ScoringInputs& inputs, std::vector<core::OitVerdict>* rows = nullptr);

// Published scores: agency_id,level,code,score with level subitem, question, item, indicator,
// instrument or overall.
Result<void> read_published(const std::string& path, ScoringInputs& inputs, std::vector<core::PublishedScore>* rows = nullptr);

// Where a published score of `level` and `code` goes in an agency's input: the slot, or a
// reason (unknown level or code) when there is none.
struct PublishedTarget {
    std::optional<double>* slot = nullptr;
    std::string problem;
};
PublishedTarget locate_published(const core::Methodology& methodology, core::AgencyInput& input, std::string_view level,
                                 std::string_view code);

}  // namespace ita::ingest
