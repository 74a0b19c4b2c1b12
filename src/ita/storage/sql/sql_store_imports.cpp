// SqlStore: imported answers, OIT verdicts and published scores; reading them for scoring; the
// score snapshots.
#include <ita/storage/sql/sql_store.hpp>

#include <ita/storage/fault_injection.hpp>
#include <ita/storage/import_plan.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <unordered_map>

namespace ita::storage {

namespace {
core::Instrument instrument_of(std::string_view code) { return code == "EIT" ? core::Instrument::eit : core::Instrument::iit; }

// "fiscal_year = ?", with "AND agency_id = ?" when one agency is asked for: two statements, so
// that each is planned for its own index use.
std::pair<std::string, std::vector<sql::Value>> year_and_agency(int year, const std::optional<std::string>& agency_id,
                                                                std::string_view table = "") {
    std::string where = std::string(table) + "fiscal_year = ?";
    std::vector<sql::Value> parameters{year};
    if (agency_id) {
        where += " AND " + std::string(table) + "agency_id = ?";
        parameters.emplace_back(*agency_id);
    }
    return {where, parameters};
}
}  // namespace

Result<ImportReport> SqlStore::import_responses(int year, std::span<const core::RespondentAnswers> respondents,
                                                const ImportOptions& options) {
    auto& db = database();
    const auto agencies_named = distinct_agencies(respondents);
    ITA_TRY(info, fiscal_year(year));
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, StoredRespondent> stored;
    ITA_TRY_VOID(db.stream(
        "SELECT response_id, agency_id, instrument, respondent_key, answers, part FROM responses "
        "WHERE fiscal_year = ? AND respondent_key IS NOT NULL",
        {year}, [&](const sql::Rows& row) {
            RespondentKey key{};
            const auto key_bytes = row.bytes(3);
            std::copy_n(key_bytes.begin(), std::min(key_bytes.size(), key.size()), key.begin());
            const auto answers = row.bytes(4);
            stored.emplace(
                response_lookup_key(row.text(1), instrument_of(row.text(2)), key),
                StoredRespondent{row.integer(0), std::vector<std::uint8_t>(answers.begin(), answers.end()), std::string(row.text(5))});
        }));
    ITA_TRY(plan, plan_responses(stored, respondents, secret(), {split_layout(info.iit_layout), split_layout(info.eit_layout)}, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    ITA_TRY(insert,
            db.bulk_insert("responses", {"response_id", "fiscal_year", "agency_id", "instrument", "respondent_key", "answers", "part"}));
    FaultInjection fault;
    for (const auto& row : plan.inserts) {
        ITA_TRY_VOID(insert->add({random_response_id(), year, row.respondent->agency_id, core::instrument_code(row.respondent->instrument),
                                  std::span<const std::uint8_t>(row.key), std::span<const std::uint8_t>(row.respondent->packed),
                                  row.respondent->part}));
        fault.row_written();
    }
    ITA_TRY_VOID(insert->finish());
    for (const auto& change : plan.updates)
        ITA_TRY_VOID(without_value(db.execute("UPDATE responses SET answers = ?, part = ? WHERE response_id = ?",
                                              {std::span<const std::uint8_t>(change.packed), change.part, change.response_id})));
    ITA_TRY_VOID(audit(options.actor, "import responses", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<void> SqlStore::for_each_response(int year, const std::optional<std::string>& agency_id,
                                         const std::function<void(const StoredResponse&)>& visit) {
    const auto [where, parameters] = year_and_agency(year, agency_id);
    return database().stream("SELECT agency_id, instrument, answers, part FROM responses WHERE " + where, parameters,
                             [&](const sql::Rows& row) {
                                 visit(StoredResponse{row.text(0), instrument_of(row.text(1)), row.bytes(2), row.text(3)});
                             });
}

Result<ImportReport> SqlStore::import_oit(int year, std::span<const core::OitVerdict> verdicts, const ImportOptions& options) {
    auto& db = database();
    const auto agencies_named = distinct_agencies(verdicts);
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, core::OitVerdict> stored;
    ITA_TRY(stored_list, oit_verdicts(year, std::nullopt));
    for (auto& verdict : stored_list) stored.emplace(oit_key(verdict.agency_id, verdict.item), std::move(verdict));
    ITA_TRY(plan, plan_oit(stored, verdicts, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    const std::string now = utc_now();
    // An item marked absent keeps the address the file gives, as given, but is not an entry
    // of evidence: the checker checks the addresses of items marked present only.
    ITA_TRY(submissions,
            db.bulk_insert("oit_submissions",
                           {"fiscal_year", "agency_id", "item", "present", "url", "more_urls", "description", "submitted_at"},
                           "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = excluded.present, url = excluded.url, "
                           "more_urls = excluded.more_urls, description = excluded.description, submitted_at = excluded.submitted_at"));
    ITA_TRY(reviews, db.bulk_insert("oit_reviews", {"fiscal_year", "agency_id", "item", "verdict", "reviewer", "reviewed_at"},
                                    "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, "
                                    "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::OitVerdict* row : *list) {
            // Several addresses of one item, separated by spaces: the first, then the others a line.
            std::string first, more;
            for (std::string_view rest = row->url, word; !(word = util::next_word(rest)).empty();) {
                if (first.empty())
                    first = word;
                else
                    more.append(more.empty() ? "" : "\n").append(word);
            }
            ITA_TRY_VOID(submissions->add({year, row->agency_id, row->item, row->accepted ? 1 : 0, first, more, row->note, now}));
            ITA_TRY_VOID(reviews->add({year, row->agency_id, row->item, row->accepted ? "accepted" : "rejected", options.actor, now}));
            fault.row_written();
        }
    ITA_TRY_VOID(submissions->finish());
    ITA_TRY_VOID(reviews->finish());
    ITA_TRY_VOID(audit(options.actor, "import oit", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::OitVerdict>> SqlStore::oit_verdicts(int year, const std::optional<std::string>& agency_id) {
    const auto [where, parameters] = year_and_agency(year, agency_id, "r.");
    ITA_TRY(rows, database().query(
                      "SELECT r.agency_id, r.item, CASE WHEN s.present = 0 THEN 'rejected' ELSE r.verdict END, "
                      "coalesce(s.url, ''), coalesce(s.description, ''), coalesce(s.more_urls, '') FROM oit_reviews r "
                      "LEFT JOIN oit_submissions s ON s.fiscal_year = r.fiscal_year AND s.agency_id = r.agency_id AND s.item = r.item "
                      "WHERE " +
                          where,
                      parameters));
    std::vector<core::OitVerdict> list;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        // The item's addresses as a file gives them: separated by spaces.
        std::string urls = rows->string(3);
        for (char c : rows->string(5)) urls.push_back(c == '\n' ? ' ' : c);
        if (!rows->string(5).empty()) urls.insert(rows->string(3).size(), " ");
        list.push_back({rows->string(0), rows->string(1), rows->text(2) == "accepted", urls, rows->string(4), 0});
    }
    return list;
}

Result<ImportReport> SqlStore::import_published(int year, std::span<const core::PublishedScore> scores, const ImportOptions& options) {
    auto& db = database();
    const auto agencies_named = distinct_agencies(scores);
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, core::PublishedScore> stored;
    ITA_TRY(stored_list, published_scores(year, std::nullopt));
    for (auto& score : stored_list) stored.emplace(published_key(score.agency_id, score.level, score.code), std::move(score));
    ITA_TRY(plan, plan_published(stored, scores, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    ITA_TRY(upsert, db.bulk_insert("published_scores", {"fiscal_year", "agency_id", "level", "code", "score"},
                                   "ON CONFLICT (fiscal_year, agency_id, level, code) DO UPDATE SET score = excluded.score"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::PublishedScore* row : *list) {
            ITA_TRY_VOID(upsert->add({year, row->agency_id, row->level, row->code, row->score}));
            fault.row_written();
        }
    ITA_TRY_VOID(upsert->finish());
    ITA_TRY_VOID(audit(options.actor, "import published", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::PublishedScore>> SqlStore::published_scores(int year, const std::optional<std::string>& agency_id) {
    std::vector<core::PublishedScore> list;
    const auto [where, parameters] = year_and_agency(year, agency_id);
    ITA_TRY_VOID(database().stream("SELECT agency_id, level, code, score FROM published_scores WHERE " + where, parameters,
                                   [&](const sql::Rows& row) {
                                       list.push_back({row.string(0), row.string(1), row.string(2), row.real(3), 0});
                                   }));
    return list;
}

Result<void> SqlStore::save_snapshots(int year, const std::string& methodology_version, std::span<const ScoreSnapshot> snapshots) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(upsert,
            db.bulk_insert("score_snapshots",
                           {"fiscal_year", "agency_id", "methodology_version", "computed_at", "overall", "rating", "pass", "detail"},
                           "ON CONFLICT (fiscal_year, agency_id) DO UPDATE SET methodology_version = excluded.methodology_version, "
                           "computed_at = excluded.computed_at, overall = excluded.overall, rating = excluded.rating, "
                           "pass = excluded.pass, detail = excluded.detail"));
    const std::string now = utc_now();
    for (const auto& snapshot : snapshots)
        ITA_TRY_VOID(upsert->add(
            {year, snapshot.agency_id, methodology_version, now, snapshot.overall, snapshot.rating, snapshot.pass, snapshot.detail_json}));
    ITA_TRY_VOID(upsert->finish());
    return transaction.commit();
}

Result<std::vector<ScoreSnapshot>> SqlStore::snapshots(int year) {
    return score_rows("score_snapshots WHERE fiscal_year = ?", {year}, true);
}

Result<std::vector<ScoreSnapshot>> SqlStore::score_rows(std::string_view from_where, sql::Values parameters, bool with_detail) {
    std::vector<ScoreSnapshot> list;
    ITA_TRY_VOID(database().stream("SELECT agency_id, overall, rating, pass, " + std::string(with_detail ? "detail" : "''") + " FROM " +
                                       std::string(from_where) + " ORDER BY agency_id",
                                   parameters, [&](const sql::Rows& row) {
                                       ScoreSnapshot snapshot{row.string(0), {}, row.string(2), {}, row.string(4)};
                                       if (!row.is_null(1)) snapshot.overall = row.real(1);
                                       if (!row.is_null(3)) snapshot.pass = row.boolean(3);
                                       list.push_back(std::move(snapshot));
                                   }));
    return list;
}

}  // namespace ita::storage
