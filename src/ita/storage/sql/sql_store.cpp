// SqlStore: opening (migrations and the key), agencies, fiscal years, and the audit log.
#include <ita/storage/sql/sql_store.hpp>

#include <ita/storage/fault_injection.hpp>
#include <ita/storage/import_plan.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/secrets.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <unordered_map>

namespace ita::storage {

namespace {
constexpr std::int64_t migration_lock = 0x1741'0001;
constexpr std::int64_t agencies_lock = 0x1741'0002;
constexpr std::int64_t year_locks = 0x1741'1000;
}  // namespace

Result<void> SqlStore::migrate(Migrations migrations) {
    auto& db = database();
    // Reading first: a database already up to date (or a read-only copy or standby of one) needs
    // neither the lock nor any DDL.
    const int wanted = newest_schema_version();
    ITA_TRY(present, db.has_table("schema_migrations"));
    if (present) {
        ITA_TRY(version, sql::single_integer(db, "SELECT coalesce(max(version), 0) FROM schema_migrations"));
        const int stored = static_cast<int>(version.value_or(0));
        // The note matters only for a schema newer than this build's.
        int readable = 0;
        if (stored > wanted) {
            ITA_TRY(noted, schema_readable_from());
            readable = noted;
        }
        ITA_TRY_VOID(require_current_schema(stored, readable, migrations));
        if (stored >= wanted) return settle_secret();
    }
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(db.lock(migration_lock));
    ITA_TRY_VOID(
        db.execute_script("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                          "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    ITA_TRY(applied, sql::single_integer(db, "SELECT coalesce(max(version), 0) FROM schema_migrations"));
    for (const auto& migration : storage::migrations()) {
        if (migration.version <= applied.value_or(0)) continue;
        ITA_TRY_VOID(db.execute_script(render_migration(migration.text, db.dialect())));
        ITA_TRY_VOID(without_value(db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                              {migration.version, migration.name, utc_now()})));
    }
    // What an older ita reads to decide whether it may run on this database (it does not have
    // the migrations that made it): "<schema>:<oldest schema that may run on it>". The schema is
    // in the note so that a note left behind by an earlier migration is never taken for a newer one.
    const std::string readable = std::to_string(wanted) + ":" + std::to_string(readable_from_at(wanted));
    ITA_TRY_VOID(
        without_value(db.execute("INSERT INTO settings (name, value) VALUES ('schema_readable_from', ?) "
                                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                 {sql::Value::bytes_of(readable)})));
    ITA_TRY_VOID(transaction.commit());
    return settle_secret();
}

Result<void> SqlStore::settle_secret() {
    auto& db = database();
    std::optional<std::string> check;
    std::optional<std::vector<std::uint8_t>> legacy;
    {
        ITA_TRY(stored, db.query("SELECT name, value FROM settings WHERE name IN ('secret_check', 'respondent_secret')"));
        while (true) {
            ITA_TRY(row, stored->next());
            if (!row) break;
            const auto value = stored->bytes(1);
            if (stored->text(0) == "secret_check")
                check = std::string(value.begin(), value.end());
            else
                legacy = std::vector<std::uint8_t>(value.begin(), value.end());
        }
    }
    ITA_TRY(settled, settle_secrets(check, legacy));
    if (settled.write_check || settled.drop_legacy) {
        ITA_TRY(transaction, sql::Transaction::begin(db));
        if (settled.drop_legacy) ITA_TRY_VOID(without_value(db.execute("DELETE FROM settings WHERE name = 'respondent_secret'")));
        if (settled.write_check) {
            const auto value = secret_check(settled.secrets.key);
            ITA_TRY_VOID(
                without_value(db.execute("INSERT INTO settings (name, value) VALUES ('secret_check', ?) ON CONFLICT (name) DO NOTHING",
                                         {sql::Value::bytes_of(value)})));
        }
        ITA_TRY_VOID(transaction.commit());
        if (settled.drop_legacy) ITA_TRY_VOID(after_key_removed());
    }
    m_secret = std::move(settled.secrets.key);
    return {};
}

Result<int> SqlStore::schema_readable_from() {
    // A database migrated before the setting existed records nothing: only its own version runs on it.
    ITA_TRY(present, database().has_table("settings"));
    if (!present) return 0;
    ITA_TRY(rows, database().query("SELECT value FROM settings WHERE name = 'schema_readable_from'"));
    ITA_TRY(row, rows->next());
    if (!row) return 0;
    const auto value = rows->bytes(0);
    const std::string note(value.begin(), value.end());
    const auto colon = note.find(':');
    if (colon == std::string::npos) return 0;
    const auto written_for = util::parse_integer(note.substr(0, colon));
    const auto readable = util::parse_integer(note.substr(colon + 1));
    ITA_TRY(version, schema_version());
    if (!written_for || !readable || *written_for != version) return 0;
    return static_cast<int>(*readable);
}

Result<int> SqlStore::schema_version() {
    ITA_TRY(version, sql::single_integer(database(), "SELECT coalesce(max(version), 0) FROM schema_migrations"));
    return static_cast<int>(version.value_or(0));
}

Result<void> SqlStore::audit(std::string_view actor, std::string_view action, std::optional<int> fiscal_year, std::string_view detail) {
    return without_value(database().execute("INSERT INTO audit_log (at, actor, action, fiscal_year, detail) VALUES (?, ?, ?, ?, ?)",
                                            {utc_now(), actor, action, fiscal_year, detail}));
}

Result<void> SqlStore::record(std::string_view actor, std::string_view action, std::string_view detail) {
    return audit(actor, action, std::nullopt, detail);
}

Result<std::vector<AuditEntry>> SqlStore::audit_log(std::size_t newest_count) {
    ITA_TRY(rows, database().query("SELECT entry_id, at, actor, action, fiscal_year, detail FROM audit_log ORDER BY entry_id DESC LIMIT ?",
                                   {static_cast<long long>(newest_count)}));
    std::vector<AuditEntry> list;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        AuditEntry entry{rows->integer(0), rows->string(1), rows->string(2), rows->string(3), {}, rows->string(5)};
        if (!rows->is_null(4)) entry.fiscal_year = static_cast<int>(rows->integer(4));
        list.push_back(std::move(entry));
    }
    return list;
}

Result<void> SqlStore::lock_year(int fiscal_year) { return database().lock(year_locks + fiscal_year); }

namespace {
std::string join_domains(const std::vector<std::string>& domains) {
    std::string text;
    for (const auto& domain : domains) text += (text.empty() ? "" : " ") + domain;
    return text;
}
}  // namespace

Result<ImportReport> SqlStore::import_agencies(std::span<const core::Agency> rows, const ImportOptions& options) {
    auto& db = database();
    // The write lock first: the plan is made against what no other import can change meanwhile.
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(db.lock(agencies_lock));
    ITA_TRY(stored_list, agencies());
    std::unordered_map<std::string, core::Agency> stored;
    for (auto& agency : stored_list) stored.emplace(agency.agency_id, std::move(agency));
    ITA_TRY(plan, plan_agencies(stored, rows, options));
    // A file without the website column keeps the websites stored (NULL leaves them).
    ITA_TRY(upsert, db.bulk_insert("agencies", {"agency_id", "name", "type", "province", "headcount", "websites"},
                                   "ON CONFLICT (agency_id) DO UPDATE SET name = excluded.name, type = excluded.type, "
                                   "province = excluded.province, headcount = excluded.headcount, "
                                   "websites = COALESCE(excluded.websites, agencies.websites)"));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::Agency* agency : *list) {
            std::optional<std::string> websites;
            if (agency->websites) websites = join_domains(*agency->websites);
            ITA_TRY_VOID(upsert->add({agency->agency_id, agency->name, agency->type, agency->province, agency->headcount, websites}));
            fault.row_written();
        }
    ITA_TRY_VOID(upsert->finish());
    ITA_TRY_VOID(audit(options.actor, "import agencies", std::nullopt, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

namespace {
constexpr std::string_view agency_columns = "SELECT agency_id, name, type, province, headcount, websites FROM agencies";

core::Agency agency_of(const sql::Rows& row) {
    core::Agency agency{row.string(0), row.string(1), row.string(2), row.string(3), {}, 0, {}};
    if (!row.is_null(4)) agency.headcount = row.integer(4);
    if (!row.is_null(5)) {
        agency.websites.emplace();
        const std::string websites = row.string(5);
        for (std::string_view rest = websites, word; !(word = util::next_word(rest)).empty();) agency.websites->emplace_back(word);
    }
    return agency;
}
}  // namespace

Result<std::vector<std::string>> SqlStore::agency_domains(const std::string& agency_id) {
    std::vector<std::string> domains;
    ITA_TRY_VOID(database().stream("SELECT domain FROM agency_domains WHERE agency_id = ? ORDER BY domain", {agency_id},
                                   [&](const sql::Rows& row) { domains.push_back(row.string(0)); }));
    return domains;
}

Result<void> SqlStore::add_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor,
                                         const std::string& day) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(added, db.execute("INSERT INTO agency_domains (agency_id, domain, added_by, added_on) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (agency_id, domain) DO NOTHING",
                              {agency_id, domain, std::string(actor), day}));
    if (added > 0) ITA_TRY_VOID(audit(actor, "add website domain", std::nullopt, agency_id + " " + domain));
    return transaction.commit();
}

Result<void> SqlStore::remove_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(removed, db.execute("DELETE FROM agency_domains WHERE agency_id = ? AND domain = ?", {agency_id, domain}));
    if (removed == 0) return fail(ErrorCode::not_found, "agency " + agency_id + " has no added website " + domain);
    ITA_TRY_VOID(audit(actor, "remove website domain", std::nullopt, agency_id + " " + domain));
    return transaction.commit();
}

Result<std::vector<core::Agency>> SqlStore::agencies() {
    std::vector<core::Agency> list;
    ITA_TRY_VOID(database().stream(std::string(agency_columns) + " ORDER BY agency_id", {},
                                   [&](const sql::Rows& row) { list.push_back(agency_of(row)); }));
    return list;
}

Result<std::optional<core::Agency>> SqlStore::agency(const std::string& agency_id) {
    ITA_TRY(rows, database().query(std::string(agency_columns) + " WHERE agency_id = ?", {agency_id}));
    ITA_TRY(found, rows->next());
    if (!found) return std::nullopt;
    return agency_of(*rows);
}

Result<void> SqlStore::ensure_fiscal_year(const FiscalYearInfo& info) {
    auto& db = database();
    // Insert-if-absent, then compare: two importers registering the year at once both succeed.
    ITA_TRY_VOID(
        without_value(db.execute("INSERT INTO fiscal_years (fiscal_year, methodology_version, iit_layout, eit_layout) "
                                 "VALUES (?, ?, ?, ?) ON CONFLICT (fiscal_year) DO NOTHING",
                                 {info.fiscal_year, info.methodology_version, info.iit_layout, info.eit_layout})));
    ITA_TRY(stored, fiscal_year(info.fiscal_year));
    ITA_TRY_VOID(check_same_layout(stored, info));
    if (stored.methodology_version == info.methodology_version) return {};
    return without_value(
        db.execute("UPDATE fiscal_years SET methodology_version = ? WHERE fiscal_year = ?", {info.methodology_version, info.fiscal_year}));
}

Result<FiscalYearInfo> SqlStore::fiscal_year(int year) {
    ITA_TRY(rows, database().query("SELECT methodology_version, iit_layout, eit_layout FROM fiscal_years WHERE fiscal_year = ?", {year}));
    ITA_TRY(found, rows->next());
    if (!found) return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has nothing stored");
    return FiscalYearInfo{year, rows->string(0), rows->string(1), rows->string(2)};
}

Result<std::vector<int>> SqlStore::fiscal_years() {
    ITA_TRY(rows, database().query("SELECT fiscal_year FROM fiscal_years ORDER BY fiscal_year"));
    std::vector<int> years;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        years.push_back(static_cast<int>(rows->integer(0)));
    }
    return years;
}

Result<std::optional<int>> SqlStore::open_fiscal_year() {
    ITA_TRY(year, sql::single_integer(database(), "SELECT max(fiscal_year) FROM fiscal_years WHERE state = 'open'"));
    if (!year) return std::optional<int>();
    return std::optional<int>(static_cast<int>(*year));
}

Result<void> SqlStore::check_agencies_known(const std::vector<std::pair<std::string, std::size_t>>& agency_lines,
                                            const ImportOptions& options) {
    std::unordered_map<std::string, bool> known;
    ITA_TRY_VOID(database().stream("SELECT agency_id FROM agencies", {}, [&](const sql::Rows& row) { known.emplace(row.text(0), true); }));
    util::DiagnosticList problems(options.source);
    for (const auto& [agency_id, line] : agency_lines)
        if (!known.contains(agency_id))
            problems.add(line, "agency_id", "unknown agency " + util::quoted(agency_id) + ": import it with `ita import agencies` first");
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("the file names agencies the database does not have; nothing was imported"));
}

Result<void> SqlStore::ensure_assessments(int year, const std::vector<std::string>& agency_ids) {
    ITA_TRY(insert, database().bulk_insert("assessments", {"agency_id", "fiscal_year"}, "ON CONFLICT DO NOTHING"));
    for (const auto& agency_id : agency_ids) ITA_TRY_VOID(insert->add({agency_id, year}));
    return insert->finish();
}

}  // namespace ita::storage
