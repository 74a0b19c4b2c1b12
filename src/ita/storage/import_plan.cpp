#include <ita/storage/import_plan.hpp>

#include <ita/util/decimal.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <cmath>

namespace ita::storage {

namespace {

constexpr const char* replace_hint = " (import with --replace to overwrite)";

std::string option_text(std::uint8_t packed) { return packed == 0 ? "blank" : std::to_string(packed); }

template <typename Row>
Result<RowPlan<Row>> finish(RowPlan<Row> plan, util::DiagnosticList& conflicts, std::string_view what) {
    if (conflicts.empty()) return plan;
    Error error = conflicts.into_error(std::string(what) + " conflict with what is stored; nothing was imported");
    error.code = ErrorCode::conflict;
    return std::unexpected(std::move(error));
}

// The generic decision: absent → insert; equal → unchanged; different → update if replacing,
// else a conflict described by `describe`.
template <typename Row, typename Key, typename Equal, typename Describe>
Result<RowPlan<Row>> plan_rows(const std::unordered_map<std::string, Row>& stored, std::span<const Row> rows, const ImportOptions& options,
                               Key&& key_of, Equal&& equal, Describe&& describe, std::string_view what) {
    RowPlan<Row> plan;
    util::DiagnosticList conflicts(options.source);
    for (const Row& row : rows) {
        const auto found = stored.find(key_of(row));
        if (found == stored.end()) {
            plan.inserts.push_back(&row);
            ++plan.report.added;
        } else if (equal(found->second, row)) {
            ++plan.report.unchanged;
        } else if (options.replace) {
            plan.updates.push_back(&row);
            ++plan.report.changed;
        } else {
            conflicts.add(row.line, "", describe(found->second, row) + replace_hint);
        }
    }
    return finish(std::move(plan), conflicts, what);
}

}  // namespace

std::string response_lookup_key(std::string_view agency_id, core::Instrument instrument, const RespondentKey& key) {
    std::string text(agency_id);
    text += '\x1f';
    text += core::instrument_code(instrument);
    text += '\x1f';
    text.append(reinterpret_cast<const char*>(key.data()), key.size());
    return text;
}

Result<ResponsePlan> plan_responses(const std::unordered_map<std::string, StoredRespondent>& stored,
                                    std::span<const core::RespondentAnswers> respondents, std::span<const std::uint8_t> secret,
                                    const std::array<std::vector<std::string>, 2>& layout_codes, const ImportOptions& options) {
    ResponsePlan plan;
    util::DiagnosticList conflicts(options.source);
    for (const auto& respondent : respondents) {
        const RespondentKey key = respondent_key(secret, respondent.agency_id, respondent.instrument, respondent.label);
        const auto found = stored.find(response_lookup_key(respondent.agency_id, respondent.instrument, key));
        if (found == stored.end()) {
            plan.inserts.push_back({&respondent, key});
            ++plan.report.added;
            continue;
        }
        const auto& old_answers = found->second.packed;
        std::vector<std::uint8_t> merged = old_answers;
        std::string conflict;
        for (std::size_t position = 0; position < merged.size() && position < respondent.packed.size(); ++position) {
            const std::uint8_t incoming = respondent.packed[position];
            if (incoming == 0) continue;
            if (merged[position] != 0 && merged[position] != incoming && !options.replace && conflict.empty())
                conflict = layout_codes[static_cast<std::size_t>(respondent.instrument)][position] + " is stored as " +
                           option_text(merged[position]) + ", the file says " + option_text(incoming);
            merged[position] = incoming;
        }
        std::string part = found->second.part;
        if (!respondent.part.empty() && respondent.part != part) {
            if (!options.replace && conflict.empty())
                conflict =
                    "it is stored in EIT part " + (part.empty() ? std::string("(none)") : part) + ", the file says part " + respondent.part;
            part = respondent.part;
        }
        if (!conflict.empty()) {
            conflicts.add(
                respondent.line, "",
                "respondent " + util::quoted(respondent.label) + " of agency " + respondent.agency_id + ": " + conflict + replace_hint);
        } else if (merged == old_answers && part == found->second.part) {
            ++plan.report.unchanged;
        } else {
            plan.updates.push_back({found->second.response_id, std::move(merged), std::move(part)});
            ++plan.report.changed;
        }
    }
    if (conflicts.empty()) return plan;
    Error error = conflicts.into_error("responses conflict with what is stored; nothing was imported");
    error.code = ErrorCode::conflict;
    return std::unexpected(std::move(error));
}

Result<RowPlan<core::Agency>> plan_agencies(const std::unordered_map<std::string, core::Agency>& stored, std::span<const core::Agency> rows,
                                            const ImportOptions& options) {
    return plan_rows<core::Agency>(
        stored, rows, options, [](const core::Agency& row) { return row.agency_id; },
        [](const core::Agency& a, const core::Agency& b) {
            // A file without the website column says nothing about websites.
            return a.name == b.name && a.type == b.type && a.province == b.province && a.headcount == b.headcount &&
                   (!b.websites || a.websites == b.websites);
        },
        [](const core::Agency& old_row, const core::Agency& row) {
            const auto listed = [](const std::optional<std::vector<std::string>>& sites) {
                std::string text;
                for (const auto& site : sites.value_or(std::vector<std::string>{})) text += (text.empty() ? "" : " ") + site;
                return text.empty() ? std::string("none") : text;
            };
            if (old_row.name == row.name && old_row.type == row.type && old_row.province == row.province &&
                old_row.headcount == row.headcount)
                return "agency " + row.agency_id + " is stored with websites " + listed(old_row.websites) + ", the file says " +
                       listed(row.websites);
            return "agency " + row.agency_id + " is stored as " + util::quoted(old_row.name) + " (" + old_row.type + ", " +
                   old_row.province + "), the file says " + util::quoted(row.name) + " (" + row.type + ", " + row.province + ")";
        },
        "agencies");
}

std::string oit_key(std::string_view agency_id, std::string_view item) { return std::string(agency_id) + '\x1f' + std::string(item); }

std::string published_key(std::string_view agency_id, std::string_view level, std::string_view code) {
    return std::string(agency_id) + '\x1f' + std::string(level) + '\x1f' + std::string(code);
}

Result<RowPlan<core::OitVerdict>> plan_oit(const std::unordered_map<std::string, core::OitVerdict>& stored,
                                           std::span<const core::OitVerdict> rows, const ImportOptions& options) {
    return plan_rows<core::OitVerdict>(
        stored, rows, options, [](const core::OitVerdict& row) { return oit_key(row.agency_id, row.item); },
        [](const core::OitVerdict& a, const core::OitVerdict& b) { return a.accepted == b.accepted && a.url == b.url && a.note == b.note; },
        [](const core::OitVerdict& old_row, const core::OitVerdict& row) {
            if (old_row.accepted != row.accepted)
                return "item " + row.item + " of agency " + row.agency_id + " is stored as " + (old_row.accepted ? "yes" : "no") +
                       ", the file says " + (row.accepted ? "yes" : "no");
            return "item " + row.item + " of agency " + row.agency_id + " is stored with another URL or note";
        },
        "OIT verdicts");
}

Result<RowPlan<core::PublishedScore>> plan_published(const std::unordered_map<std::string, core::PublishedScore>& stored,
                                                     std::span<const core::PublishedScore> rows, const ImportOptions& options) {
    return plan_rows<core::PublishedScore>(
        stored, rows, options, [](const core::PublishedScore& row) { return published_key(row.agency_id, row.level, row.code); },
        [](const core::PublishedScore& a, const core::PublishedScore& b) { return a.score == b.score; },
        [](const core::PublishedScore& old_row, const core::PublishedScore& row) {
            return row.level + " " + (row.code.empty() ? "" : row.code + " ") + "of agency " + row.agency_id + " is stored as " +
                   util::format_shortest(old_row.score) + ", the file says " + util::format_shortest(row.score);
        },
        "published scores");
}

std::vector<std::string> ids_of(const std::vector<std::pair<std::string, std::size_t>>& agencies) {
    std::vector<std::string> ids;
    ids.reserve(agencies.size());
    for (const auto& [id, line] : agencies) ids.push_back(id);
    return ids;
}

std::string import_detail(const ImportOptions& options, const ImportReport& report) {
    return "source=" + options.source + " added=" + std::to_string(report.added) + " changed=" + std::to_string(report.changed) +
           " unchanged=" + std::to_string(report.unchanged) + (options.replace ? " replace" : "");
}

Result<void> check_same_layout(const FiscalYearInfo& stored, const FiscalYearInfo& incoming) {
    if (stored.iit_layout == incoming.iit_layout && stored.eit_layout == incoming.eit_layout) return {};
    return fail(ErrorCode::conflict, "fiscal year " + std::to_string(stored.fiscal_year) + " holds answers stored under methodology " +
                                         stored.methodology_version + ", whose questions differ from " + incoming.methodology_version);
}

std::vector<std::string> split_layout(std::string_view layout) {
    std::vector<std::string> codes;
    while (!layout.empty()) {
        const auto comma = layout.find(',');
        codes.emplace_back(layout.substr(0, comma));
        if (comma == std::string_view::npos) break;
        layout.remove_prefix(comma + 1);
    }
    return codes;
}

}  // namespace ita::storage
