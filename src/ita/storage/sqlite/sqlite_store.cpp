#include <ita/storage/sqlite/sqlite_store.hpp>

#include <ita/storage/fault_injection.hpp>
#include <ita/storage/import_plan.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/secrets.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>
#include <unordered_map>

namespace ita::storage::sqlite {

namespace {

std::string instrument_text(core::Instrument instrument) { return std::string(core::instrument_code(instrument)); }

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, Migrations migrations) {
    ITA_TRY(connection, Connection::open(path));
    std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(connection)));
    ITA_TRY_VOID(store->migrate(migrations));
    return store;
}

Result<void> SqliteStore::migrate(Migrations migrations) {
    ITA_TRY(exists, m_connection.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'"));
    ITA_TRY(row, exists.step());
    const bool has_table = row && exists.integer(0) > 0;
    exists.reset();  // a statement left mid-step holds a read transaction (and blocks checkpoints)
    int current = 0;
    if (has_table) {
        ITA_TRY(version, m_connection.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        ITA_TRY(version_row, version.step());
        if (version_row) current = static_cast<int>(version.integer(0));
    }
    ITA_TRY_VOID(require_current_schema(current, "sqlite", migrations));
    for (const auto& migration : migrations_for("sqlite")) {
        if (migration.version <= current) continue;
        ITA_TRY(transaction, Transaction::begin(m_connection));
        if (!has_table)
            ITA_TRY_VOID(m_connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                              "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
        ITA_TRY_VOID(m_connection.execute(migration.sql));
        ITA_TRY(record, m_connection.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
        ITA_TRY_VOID(record.bind(1, std::int64_t{migration.version}).bind(2, migration.name).bind(3, utc_now()).run());
        ITA_TRY_VOID(transaction.commit());
    }
    return settle_secret();
}

Result<void> SqliteStore::settle_secret() {
    ITA_TRY(read, m_connection.prepare("SELECT name, value FROM settings WHERE name IN ('secret_check', 'respondent_secret')"));
    std::optional<std::string> check;
    std::optional<std::vector<std::uint8_t>> legacy;
    while (true) {
        ITA_TRY(row, read.step());
        if (!row) break;
        const auto value = read.blob(1);
        if (read.text(0) == "secret_check") check = std::string(value.begin(), value.end());
        else legacy = std::vector<std::uint8_t>(value.begin(), value.end());
    }
    read.reset();
    ITA_TRY(settled, settle_secrets(check, legacy));
    if (settled.write_check || settled.drop_legacy) {
        ITA_TRY(transaction, Transaction::begin(m_connection));
        if (settled.drop_legacy) ITA_TRY_VOID(m_connection.execute("DELETE FROM settings WHERE name = 'respondent_secret'"));
        if (settled.write_check) {
            const auto value = secret_check(settled.secrets.key);
            ITA_TRY(insert, m_connection.prepare("INSERT INTO settings (name, value) VALUES ('secret_check', ?) "
                                                 "ON CONFLICT (name) DO NOTHING"));
            ITA_TRY_VOID(insert.bind_blob(1, std::span(reinterpret_cast<const std::uint8_t*>(value.data()), value.size())).run());
        }
        ITA_TRY_VOID(transaction.commit());
        // The old key must not outlive its row in the WAL or a free page (secure_delete zeroes
        // the page; the checkpoint moves it into the file and empties the WAL).
        if (settled.drop_legacy) ITA_TRY_VOID(m_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    m_secret = std::move(settled.secrets.key);
    return {};
}

Result<int> SqliteStore::schema_version() {
    ITA_TRY(query, m_connection.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    ITA_TRY(row, query.step());
    return row ? static_cast<int>(query.integer(0)) : 0;
}

Result<void> SqliteStore::audit(std::string_view actor, std::string_view action, std::optional<int> fiscal_year, std::string_view detail) {
    ITA_TRY(insert, m_connection.prepare("INSERT INTO audit_log (at, actor, action, fiscal_year, detail) VALUES (?, ?, ?, ?, ?)"));
    insert.bind(1, utc_now()).bind(2, actor).bind(3, action).bind(5, detail);
    if (fiscal_year) insert.bind(4, std::int64_t{*fiscal_year});
    return insert.run();
}

Result<ImportReport> SqliteStore::import_agencies(std::span<const core::Agency> rows, const ImportOptions& options) {
    // The write lock first: the plan is made against what no other import can change meanwhile.
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(stored_list, agencies());
    std::unordered_map<std::string, core::Agency> stored;
    for (auto& agency : stored_list) stored.emplace(agency.agency_id, std::move(agency));
    ITA_TRY(plan, plan_agencies(stored, rows, options));
    ITA_TRY(upsert, m_connection.prepare("INSERT INTO agencies (agency_id, name, type, province, headcount) VALUES (?, ?, ?, ?, ?) "
                                         "ON CONFLICT (agency_id) DO UPDATE SET name = excluded.name, type = excluded.type, "
                                         "province = excluded.province, headcount = excluded.headcount"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::Agency* agency : *list) {
            ITA_TRY_VOID(upsert.bind(1, agency->agency_id).bind(2, agency->name).bind(3, agency->type).bind(4, agency->province)
                             .bind(5, agency->headcount ? std::optional<std::int64_t>(*agency->headcount) : std::nullopt)
                             .run());
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import agencies", std::nullopt, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::Agency>> SqliteStore::agencies() {
    ITA_TRY(query, m_connection.prepare("SELECT agency_id, name, type, province, headcount FROM agencies ORDER BY agency_id"));
    std::vector<core::Agency> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        core::Agency agency{std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2)), std::string(query.text(3)), {}};
        if (!query.is_null(4)) agency.headcount = query.integer(4);
        list.push_back(std::move(agency));
    }
    return list;
}

Result<std::optional<core::Agency>> SqliteStore::agency(const std::string& agency_id) {
    ITA_TRY(query, m_connection.prepare("SELECT agency_id, name, type, province, headcount FROM agencies WHERE agency_id = ?"));
    query.bind(1, agency_id);
    ITA_TRY(row, query.step());
    if (!row) return std::nullopt;
    core::Agency agency{std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2)), std::string(query.text(3)), {}};
    if (!query.is_null(4)) agency.headcount = query.integer(4);
    return agency;
}

Result<void> SqliteStore::ensure_fiscal_year(const FiscalYearInfo& info) {
    // Insert-if-absent, then compare: two importers registering the year at once both succeed.
    ITA_TRY(insert, m_connection.prepare("INSERT INTO fiscal_years (fiscal_year, methodology_version, iit_layout, eit_layout) "
                                         "VALUES (?, ?, ?, ?) ON CONFLICT (fiscal_year) DO NOTHING"));
    ITA_TRY_VOID(insert.bind(1, std::int64_t{info.fiscal_year}).bind(2, info.methodology_version).bind(3, info.iit_layout).bind(4, info.eit_layout).run());
    ITA_TRY(stored, fiscal_year(info.fiscal_year));
    ITA_TRY_VOID(check_same_layout(stored, info));
    if (stored.methodology_version == info.methodology_version) return {};
    ITA_TRY(update, m_connection.prepare("UPDATE fiscal_years SET methodology_version = ? WHERE fiscal_year = ?"));
    return update.bind(1, info.methodology_version).bind(2, std::int64_t{info.fiscal_year}).run();
}

Result<FiscalYearInfo> SqliteStore::fiscal_year(int year) {
    ITA_TRY(query, m_connection.prepare("SELECT methodology_version, iit_layout, eit_layout FROM fiscal_years WHERE fiscal_year = ?"));
    query.bind(1, std::int64_t{year});
    ITA_TRY(row, query.step());
    if (!row) return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has nothing stored");
    return FiscalYearInfo{year, std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2))};
}

Result<std::vector<int>> SqliteStore::fiscal_years() {
    ITA_TRY(query, m_connection.prepare("SELECT fiscal_year FROM fiscal_years ORDER BY fiscal_year"));
    std::vector<int> years;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        years.push_back(static_cast<int>(query.integer(0)));
    }
    return years;
}

Result<void> SqliteStore::check_agencies_known(const std::vector<std::pair<std::string, std::size_t>>& agency_lines,
                                               const ImportOptions& options) {
    ITA_TRY(query, m_connection.prepare("SELECT 1 FROM agencies WHERE agency_id = ?"));
    util::DiagnosticList problems(options.source);
    for (const auto& [agency_id, line] : agency_lines) {
        query.bind(1, agency_id);
        ITA_TRY(row, query.step());
        query.reset();
        if (!row) problems.add(line, "agency_id", "unknown agency " + util::quoted(agency_id) + ": import it with `ita import agencies` first");
    }
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("the file names agencies the database does not have; nothing was imported"));
}

Result<void> SqliteStore::ensure_assessments(int year, const std::vector<std::string>& agency_ids) {
    ITA_TRY(insert, m_connection.prepare("INSERT OR IGNORE INTO assessments (agency_id, fiscal_year) VALUES (?, ?)"));
    for (const auto& agency_id : agency_ids) ITA_TRY_VOID(insert.bind(1, agency_id).bind(2, std::int64_t{year}).run());
    return {};
}

Result<ImportReport> SqliteStore::import_responses(int year, std::span<const core::RespondentAnswers> respondents,
                                                   const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(respondents);
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    ITA_TRY(info, fiscal_year(year));
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::unordered_map<std::string, StoredRespondent> stored;
    {
        ITA_TRY(query, m_connection.prepare("SELECT response_id, agency_id, instrument, respondent_key, answers FROM responses "
                                            "WHERE fiscal_year = ? AND respondent_key IS NOT NULL"));
        query.bind(1, std::int64_t{year});
        while (true) {
            ITA_TRY(row, query.step());
            if (!row) break;
            RespondentKey key{};
            const auto key_bytes = query.blob(3);
            std::copy_n(key_bytes.begin(), std::min(key_bytes.size(), key.size()), key.begin());
            const auto instrument = core::parse_instrument(query.text(2)).value_or(core::Instrument::iit);
            const auto answers = query.blob(4);
            stored.emplace(response_lookup_key(query.text(1), instrument, key),
                           StoredRespondent{query.integer(0), std::vector<std::uint8_t>(answers.begin(), answers.end())});
        }
    }
    ITA_TRY(plan, plan_responses(stored, respondents, secret, {split_layout(info.iit_layout), split_layout(info.eit_layout)}, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    ITA_TRY(insert, m_connection.prepare("INSERT INTO responses (response_id, fiscal_year, agency_id, instrument, respondent_key, answers) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"));
    FaultInjection fault;
    for (const auto& row : plan.inserts) {
        ITA_TRY_VOID(insert.bind(1, random_response_id()).bind(2, std::int64_t{year}).bind(3, row.respondent->agency_id)
                         .bind(4, instrument_text(row.respondent->instrument)).bind_blob(5, row.key).bind_blob(6, row.respondent->packed)
                         .run());
        fault.row_written();
    }
    ITA_TRY(update, m_connection.prepare("UPDATE responses SET answers = ? WHERE response_id = ?"));
    for (const auto& change : plan.updates) ITA_TRY_VOID(update.bind_blob(1, change.packed).bind(2, change.response_id).run());
    ITA_TRY_VOID(audit(options.actor, "import responses", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<void> SqliteStore::for_each_response(int year, const std::optional<std::string>& agency_id,
                                            const std::function<void(const StoredResponse&)>& visit) {
    ITA_TRY(query, m_connection.prepare(agency_id ? "SELECT agency_id, instrument, answers FROM responses WHERE fiscal_year = ? AND agency_id = ?"
                                                  : "SELECT agency_id, instrument, answers FROM responses WHERE fiscal_year = ?"));
    query.bind(1, std::int64_t{year});
    if (agency_id) query.bind(2, *agency_id);
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        visit(StoredResponse{query.text(0), query.text(1) == "EIT" ? core::Instrument::eit : core::Instrument::iit, query.blob(2)});
    }
    return {};
}

Result<ImportReport> SqliteStore::import_oit(int year, std::span<const core::OitVerdict> verdicts, const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(verdicts);
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::unordered_map<std::string, core::OitVerdict> stored;
    ITA_TRY(stored_list, oit_verdicts(year, std::nullopt));
    for (auto& verdict : stored_list) stored.emplace(oit_key(verdict.agency_id, verdict.item), std::move(verdict));
    ITA_TRY(plan, plan_oit(stored, verdicts, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    const std::string now = utc_now();
    ITA_TRY(submission, m_connection.prepare(
        "INSERT INTO oit_submissions (fiscal_year, agency_id, item, url, description, submitted_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = 1, url = excluded.url, description = excluded.description, "
        "submitted_at = excluded.submitted_at"));
    ITA_TRY(review, m_connection.prepare(
        "INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, reviewer = excluded.reviewer, "
        "reviewed_at = excluded.reviewed_at"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::OitVerdict* row : *list) {
            ITA_TRY_VOID(submission.bind(1, std::int64_t{year}).bind(2, row->agency_id).bind(3, row->item).bind(4, row->url)
                             .bind(5, row->note).bind(6, now).run());
            ITA_TRY_VOID(review.bind(1, std::int64_t{year}).bind(2, row->agency_id).bind(3, row->item)
                             .bind(4, std::string_view(row->accepted ? "accepted" : "rejected")).bind(5, options.actor).bind(6, now).run());
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import oit", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::OitVerdict>> SqliteStore::oit_verdicts(int year, const std::optional<std::string>& agency_id) {
    std::string sql =
        "SELECT r.agency_id, r.item, CASE WHEN s.present = 0 THEN 'rejected' ELSE r.verdict END, coalesce(s.url, ''), "
        "coalesce(s.description, '') FROM oit_reviews r "
        "LEFT JOIN oit_submissions s ON s.fiscal_year = r.fiscal_year AND s.agency_id = r.agency_id AND s.item = r.item "
        "WHERE r.fiscal_year = ?";
    if (agency_id) sql += " AND r.agency_id = ?";
    ITA_TRY(query, m_connection.prepare(sql));
    query.bind(1, std::int64_t{year});
    if (agency_id) query.bind(2, *agency_id);
    std::vector<core::OitVerdict> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        list.push_back({std::string(query.text(0)), std::string(query.text(1)), query.text(2) == "accepted", std::string(query.text(3)),
                        std::string(query.text(4)), 0});
    }
    return list;
}

Result<ImportReport> SqliteStore::import_published(int year, std::span<const core::PublishedScore> scores, const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(scores);
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::unordered_map<std::string, core::PublishedScore> stored;
    ITA_TRY(stored_list, published_scores(year, std::nullopt));
    for (auto& score : stored_list) stored.emplace(published_key(score.agency_id, score.level, score.code), std::move(score));
    ITA_TRY(plan, plan_published(stored, scores, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    ITA_TRY(upsert, m_connection.prepare("INSERT INTO published_scores (fiscal_year, agency_id, level, code, score) VALUES (?, ?, ?, ?, ?) "
                                         "ON CONFLICT (fiscal_year, agency_id, level, code) DO UPDATE SET score = excluded.score"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::PublishedScore* row : *list) {
            ITA_TRY_VOID(upsert.bind(1, std::int64_t{year}).bind(2, row->agency_id).bind(3, row->level).bind(4, row->code).bind(5, row->score).run());
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import published", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::PublishedScore>> SqliteStore::published_scores(int year, const std::optional<std::string>& agency_id) {
    std::string sql = "SELECT agency_id, level, code, score FROM published_scores WHERE fiscal_year = ?";
    if (agency_id) sql += " AND agency_id = ?";
    ITA_TRY(query, m_connection.prepare(sql));
    query.bind(1, std::int64_t{year});
    if (agency_id) query.bind(2, *agency_id);
    std::vector<core::PublishedScore> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        list.push_back({std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2)), query.real(3), 0});
    }
    return list;
}

Result<void> SqliteStore::save_snapshots(int year, const std::string& methodology_version, std::span<const ScoreSnapshot> snapshots) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(upsert, m_connection.prepare(
        "INSERT OR REPLACE INTO score_snapshots (fiscal_year, agency_id, methodology_version, computed_at, overall, rating, pass, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    const std::string now = utc_now();
    for (const auto& snapshot : snapshots) {
        upsert.bind(1, std::int64_t{year}).bind(2, snapshot.agency_id).bind(3, methodology_version).bind(4, now).bind(5, snapshot.overall)
            .bind(6, snapshot.rating).bind(8, snapshot.detail_json);
        if (snapshot.pass) upsert.bind(7, std::int64_t{*snapshot.pass ? 1 : 0});
        ITA_TRY_VOID(upsert.run());
    }
    return transaction.commit();
}

Result<std::vector<ScoreSnapshot>> SqliteStore::snapshots(int year) { return score_rows("score_snapshots", year, true); }

Result<std::vector<ScoreSnapshot>> SqliteStore::score_rows(std::string_view table, int year, bool with_detail) {
    ITA_TRY(query, m_connection.prepare("SELECT agency_id, overall, rating, pass, " + std::string(with_detail ? "detail" : "''") + " FROM " + std::string(table) +
                                        " WHERE fiscal_year = ? ORDER BY agency_id"));
    query.bind(1, std::int64_t{year});
    std::vector<ScoreSnapshot> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        ScoreSnapshot snapshot{std::string(query.text(0)), {}, std::string(query.text(2)), {}, std::string(query.text(4))};
        if (!query.is_null(1)) snapshot.overall = query.real(1);
        if (!query.is_null(3)) snapshot.pass = query.integer(3) != 0;
        list.push_back(std::move(snapshot));
    }
    return list;
}

Result<std::vector<AuditEntry>> SqliteStore::audit_log(std::size_t newest_count) {
    ITA_TRY(query, m_connection.prepare(
        "SELECT entry_id, at, actor, action, fiscal_year, detail FROM audit_log ORDER BY entry_id DESC LIMIT ?"));
    query.bind(1, static_cast<std::int64_t>(newest_count));
    std::vector<AuditEntry> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        AuditEntry entry{query.integer(0), std::string(query.text(1)), std::string(query.text(2)), std::string(query.text(3)), {},
                         std::string(query.text(5))};
        if (!query.is_null(4)) entry.fiscal_year = static_cast<int>(query.integer(4));
        list.push_back(std::move(entry));
    }
    return list;
}

namespace {
// Copies every page of `from` into `to` with SQLite's online backup API.
Result<void> copy_database(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) return fail(ErrorCode::io, what + ": " + sqlite3_errmsg(to));
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK) return fail(ErrorCode::io, what + ": " + sqlite3_errmsg(to));
    return {};
}
}  // namespace

Result<void> SqliteStore::backup(const std::string& path) {
    // The copy holds every answer and account: readable by its owner only (SQLite keeps the mode
    // of a file it opens).
    if (const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600); descriptor >= 0) {
        ::fchmod(descriptor, 0600);
        ::close(descriptor);
    }
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string reason = sqlite3_errmsg(target);
        sqlite3_close(target);
        return fail(ErrorCode::io, "cannot write backup " + path + ": " + reason);
    }
    auto copied = copy_database(m_connection.handle(), target, "backup to " + path);
    sqlite3_close(target);
    return copied;
}

Result<void> SqliteStore::restore(const std::string& path) {
    sqlite3* source = nullptr;
    if (sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const std::string reason = sqlite3_errmsg(source);
        sqlite3_close(source);
        return fail(ErrorCode::io, "cannot read backup " + path + ": " + reason);
    }
    auto copied = copy_database(source, m_connection.handle(), "restore from " + path);
    sqlite3_close(source);
    return copied;
}

}  // namespace ita::storage::sqlite
