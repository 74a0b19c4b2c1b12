// Import planning shared by the backends: given what is stored under the keys an import
// touches, decide which rows are added, changed or unchanged, and list the conflicts (a stored
// value the file contradicts) with the file's line. Pure functions of their inputs.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/evidence_rows.hpp>
#include <ita/core/respondent_answers.hpp>
#include <ita/storage/respondent_key.hpp>
#include <ita/storage/store.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace ita::storage {

// ---- responses -------------------------------------------------------------------------------
struct StoredRespondent {
    std::int64_t response_id = 0;
    std::vector<std::uint8_t> packed;
    std::string part;
};
// Key: agency_id \x1f instrument code \x1f respondent key bytes.
std::string response_lookup_key(std::string_view agency_id, core::Instrument instrument, const RespondentKey& key);

struct ResponsePlan {
    struct Insert {
        const core::RespondentAnswers* respondent;
        RespondentKey key;
    };
    struct Update {
        std::int64_t response_id;
        std::vector<std::uint8_t> packed;
        std::string part;
    };
    std::vector<Insert> inserts;
    std::vector<Update> updates;
    ImportReport report;
};

// A stored respondent keeps its answers; the file may add answers to sub-items left blank.
// A different answer to an answered sub-item, or another EIT part, is a conflict unless
// options.replace; a file that names no part leaves the stored one.
// `layout_codes` are the sub-item codes of IIT (0) and EIT (1) in packed order.
Result<ResponsePlan> plan_responses(const std::unordered_map<std::string, StoredRespondent>& stored,
                                    std::span<const core::RespondentAnswers> respondents, std::span<const std::uint8_t> secret,
                                    const std::array<std::vector<std::string>, 2>& layout_codes, const ImportOptions& options);

// ---- keyed rows: agencies, OIT verdicts, published scores -------------------------------------
template <typename Row>
struct RowPlan {
    std::vector<const Row*> inserts;
    std::vector<const Row*> updates;
    ImportReport report;
};

Result<RowPlan<core::Agency>> plan_agencies(const std::unordered_map<std::string, core::Agency>& stored, std::span<const core::Agency> rows,
                                            const ImportOptions& options);
// Stored key: agency_id \x1f item.
Result<RowPlan<core::OitVerdict>> plan_oit(const std::unordered_map<std::string, core::OitVerdict>& stored,
                                           std::span<const core::OitVerdict> rows, const ImportOptions& options);
// Stored key: agency_id \x1f level \x1f code.
Result<RowPlan<core::PublishedScore>> plan_published(const std::unordered_map<std::string, core::PublishedScore>& stored,
                                                     std::span<const core::PublishedScore> rows, const ImportOptions& options);

std::string oit_key(std::string_view agency_id, std::string_view item);
std::string published_key(std::string_view agency_id, std::string_view level, std::string_view code);

// The distinct agencies of some rows, each with the first line that names it.
template <typename Rows>
std::vector<std::pair<std::string, std::size_t>> distinct_agencies(const Rows& rows) {
    std::vector<std::pair<std::string, std::size_t>> list;
    std::unordered_map<std::string, bool> seen;
    for (const auto& row : rows)
        if (seen.try_emplace(row.agency_id, true).second) list.emplace_back(row.agency_id, row.line);
    return list;
}
std::vector<std::string> ids_of(const std::vector<std::pair<std::string, std::size_t>>& agencies);

// "source=… added=… changed=… unchanged=…": the audit log's record of an import.
std::string import_detail(const ImportOptions& options, const ImportReport& report);

// Success when `incoming` keeps the answer layout `stored` holds answers under; a conflict
// naming both methodology versions otherwise.
Result<void> check_same_layout(const FiscalYearInfo& stored, const FiscalYearInfo& incoming);

// Splits "I1.1,I1.2" into codes.
std::vector<std::string> split_layout(std::string_view layout);

}  // namespace ita::storage
