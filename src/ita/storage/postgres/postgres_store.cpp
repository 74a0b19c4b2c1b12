#include <ita/storage/postgres/postgres_store.hpp>

#include <ita/storage/fault_injection.hpp>
#include <ita/storage/import_plan.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/secrets.hpp>
#include <ita/util/decimal.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <libpq-fe.h>
#include <optional>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;
#include <unordered_map>

namespace ita::storage::postgres {

namespace {

constexpr std::int64_t migration_lock = 0x1741'0001;
constexpr std::int64_t agencies_lock = 0x1741'0002;

Parameter text(std::string_view value) { return std::string(value); }
Parameter number(std::int64_t value) { return std::to_string(value); }
Parameter real(double value) { return util::format_shortest(value); }

// The password goes to the child's environment (which other users cannot read), never to its
// command line (which `ps` shows to everyone).
struct ToolConnection {
    std::string conninfo;
    std::optional<std::string> password;
};

Result<ToolConnection> split_password(const std::string& conninfo) {
    auto parts = split_conninfo(conninfo);
    if (!parts) return fail(ErrorCode::invalid_input, "the PostgreSQL connection string cannot be read");
    return ToolConnection{std::move(parts->without_password), std::move(parts->password)};
}

// Runs pg_dump or pg_restore without a shell; fails with its exit status and `target` (the
// connection without its password) in the message.
Result<void> run_tool(const std::vector<std::string>& arguments, const std::optional<std::string>& password, const std::string& target) {
    std::vector<char*> argv;
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> environment;
    for (char** variable = environ; *variable; ++variable)
        if (!std::string_view(*variable).starts_with("PGPASSWORD=")) environment.emplace_back(*variable);
    if (password) environment.push_back("PGPASSWORD=" + *password);
    std::vector<char*> envp;
    for (auto& variable : environment) envp.push_back(variable.data());
    envp.push_back(nullptr);
    pid_t child = 0;
    if (const int error = ::posix_spawnp(&child, argv[0], nullptr, nullptr, argv.data(), envp.data()); error != 0)
        return fail(ErrorCode::io, arguments[0] + " could not be started (" + std::strerror(error) + "): install postgresql-client");
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    return fail(ErrorCode::io, arguments[0] + " failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                   ") for " + target);
}

}  // namespace

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& conninfo, Migrations migrations) {
    ITA_TRY(connection, Connection::open(conninfo));
    std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(connection), conninfo));
    ITA_TRY_VOID(store->migrate(migrations));
    return store;
}

Result<void> PostgresStore::migrate(Migrations migrations) {
    // Reading first: a database already up to date (or a streaming replica of one, which takes
    // no writes) needs neither the lock nor any DDL.
    const auto wanted = migrations_for("postgres").back().version;
    ITA_TRY(present, m_connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    if (present.text(0, 0) == "t") {
        ITA_TRY(version, m_connection.query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        ITA_TRY_VOID(require_current_schema(static_cast<int>(version.integer(0, 0)), "postgres", migrations));
        if (version.integer(0, 0) >= wanted) return settle_secret();
    }
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(m_connection.execute("SELECT pg_advisory_xact_lock($1)", {number(migration_lock)}));
    ITA_TRY_VOID(m_connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    ITA_TRY(current, m_connection.query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    const auto applied = current.integer(0, 0);
    for (const auto& migration : migrations_for("postgres")) {
        if (migration.version <= applied) continue;
        ITA_TRY_VOID(m_connection.execute(migration.sql));
        ITA_TRY_VOID(m_connection.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                          {number(migration.version), text(migration.name), utc_now()}));
    }
    ITA_TRY_VOID(transaction.commit());
    return settle_secret();
}

Result<void> PostgresStore::settle_secret() {
    ITA_TRY(stored, m_connection.query("SELECT name, value FROM settings WHERE name IN ('secret_check', 'respondent_secret')"));
    std::optional<std::string> check;
    std::optional<std::vector<std::uint8_t>> legacy;
    for (int row = 0; row < stored.rows(); ++row) {
        auto value = stored.bytes(row, 1);
        if (stored.text(row, 0) == "secret_check") check = std::string(value.begin(), value.end());
        else legacy = std::move(value);
    }
    ITA_TRY(settled, settle_secrets(check, legacy));
    if (settled.write_check || settled.drop_legacy) {
        ITA_TRY(transaction, Transaction::begin(m_connection));
        if (settled.drop_legacy) ITA_TRY_VOID(m_connection.execute("DELETE FROM settings WHERE name = 'respondent_secret'"));
        if (settled.write_check) {
            const auto value = secret_check(settled.secrets.key);
            ITA_TRY_VOID(m_connection.execute("INSERT INTO settings (name, value) VALUES ('secret_check', $1::bytea) ON CONFLICT (name) DO NOTHING",
                                              {bytea_hex(std::span(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()))}));
        }
        ITA_TRY_VOID(transaction.commit());
    }
    m_secret = std::move(settled.secrets.key);
    return {};
}

Result<int> PostgresStore::schema_version() {
    ITA_TRY(result, m_connection.query("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    return static_cast<int>(result.integer(0, 0));
}

Result<void> PostgresStore::audit(std::string_view actor, std::string_view action, std::optional<int> fiscal_year, std::string_view detail) {
    return m_connection.execute("INSERT INTO audit_log (at, actor, action, fiscal_year, detail) VALUES ($1, $2, $3, $4, $5)",
                                {utc_now(), text(actor), text(action), fiscal_year ? number(*fiscal_year) : Parameter(), text(detail)});
}

Result<void> PostgresStore::lock_year(int fiscal_year) {
    return m_connection.execute("SELECT pg_advisory_xact_lock($1)", {number(0x1741'1000 + fiscal_year)});
}

Result<ImportReport> PostgresStore::import_agencies(std::span<const core::Agency> rows, const ImportOptions& options) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(m_connection.execute("SELECT pg_advisory_xact_lock($1)", {number(agencies_lock)}));
    ITA_TRY(stored_list, agencies());
    std::unordered_map<std::string, core::Agency> stored;
    for (auto& agency : stored_list) stored.emplace(agency.agency_id, std::move(agency));
    ITA_TRY(plan, plan_agencies(stored, rows, options));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::Agency* agency : *list) {
            ITA_TRY_VOID(m_connection.execute(
                "INSERT INTO agencies (agency_id, name, type, province, headcount) VALUES ($1, $2, $3, $4, $5) "
                "ON CONFLICT (agency_id) DO UPDATE SET name = excluded.name, type = excluded.type, province = excluded.province, "
                "headcount = excluded.headcount",
                {agency->agency_id, agency->name, agency->type, agency->province,
                 agency->headcount ? number(*agency->headcount) : Parameter()}));
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import agencies", std::nullopt, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::Agency>> PostgresStore::agencies() {
    ITA_TRY(result, m_connection.query("SELECT agency_id, name, type, province, headcount FROM agencies ORDER BY agency_id"));
    std::vector<core::Agency> list;
    for (int row = 0; row < result.rows(); ++row) {
        core::Agency agency{std::string(result.text(row, 0)), std::string(result.text(row, 1)), std::string(result.text(row, 2)),
                            std::string(result.text(row, 3)), {}};
        if (!result.is_null(row, 4)) agency.headcount = result.integer(row, 4);
        list.push_back(std::move(agency));
    }
    return list;
}

Result<std::optional<core::Agency>> PostgresStore::agency(const std::string& agency_id) {
    ITA_TRY(result, m_connection.query("SELECT agency_id, name, type, province, headcount FROM agencies WHERE agency_id = $1", {agency_id}));
    if (result.rows() == 0) return std::nullopt;
    core::Agency agency{std::string(result.text(0, 0)), std::string(result.text(0, 1)), std::string(result.text(0, 2)),
                        std::string(result.text(0, 3)), {}};
    if (!result.is_null(0, 4)) agency.headcount = result.integer(0, 4);
    return agency;
}

Result<void> PostgresStore::ensure_fiscal_year(const FiscalYearInfo& info) {
    // Insert-if-absent, then compare: two importers registering the year at once both succeed.
    ITA_TRY_VOID(m_connection.execute("INSERT INTO fiscal_years (fiscal_year, methodology_version, iit_layout, eit_layout) "
                                      "VALUES ($1, $2, $3, $4) ON CONFLICT (fiscal_year) DO NOTHING",
                                      {number(info.fiscal_year), info.methodology_version, info.iit_layout, info.eit_layout}));
    ITA_TRY(stored, fiscal_year(info.fiscal_year));
    ITA_TRY_VOID(check_same_layout(stored, info));
    if (stored.methodology_version == info.methodology_version) return {};
    return m_connection.execute("UPDATE fiscal_years SET methodology_version = $1 WHERE fiscal_year = $2",
                                {info.methodology_version, number(info.fiscal_year)});
}

Result<FiscalYearInfo> PostgresStore::fiscal_year(int year) {
    ITA_TRY(result, m_connection.query("SELECT methodology_version, iit_layout, eit_layout FROM fiscal_years WHERE fiscal_year = $1",
                                       {number(year)}));
    if (result.rows() == 0) return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has nothing stored");
    return FiscalYearInfo{year, std::string(result.text(0, 0)), std::string(result.text(0, 1)), std::string(result.text(0, 2))};
}

Result<std::vector<int>> PostgresStore::fiscal_years() {
    ITA_TRY(result, m_connection.query("SELECT fiscal_year FROM fiscal_years ORDER BY fiscal_year"));
    std::vector<int> years;
    for (int row = 0; row < result.rows(); ++row) years.push_back(static_cast<int>(result.integer(row, 0)));
    return years;
}

Result<void> PostgresStore::check_agencies_known(const std::vector<std::pair<std::string, std::size_t>>& agency_lines,
                                                 const ImportOptions& options) {
    ITA_TRY(result, m_connection.query("SELECT agency_id FROM agencies"));
    std::unordered_map<std::string, bool> known;
    for (int row = 0; row < result.rows(); ++row) known.emplace(result.text(row, 0), true);
    util::DiagnosticList problems(options.source);
    for (const auto& [agency_id, line] : agency_lines)
        if (!known.contains(agency_id))
            problems.add(line, "agency_id", "unknown agency " + util::quoted(agency_id) + ": import it with `ita import agencies` first");
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("the file names agencies the database does not have; nothing was imported"));
}

Result<void> PostgresStore::ensure_assessments(int year, const std::vector<std::string>& agency_ids) {
    std::string rows;
    for (const auto& agency_id : agency_ids) {
        append_copy_field(rows, agency_id);
        rows += '\t' + std::to_string(year) + '\n';
    }
    ITA_TRY_VOID(m_connection.execute("CREATE TEMP TABLE IF NOT EXISTS assessment_batch (agency_id TEXT, fiscal_year INTEGER) ON COMMIT DROP"));
    ITA_TRY_VOID(m_connection.copy_in("COPY assessment_batch FROM STDIN", rows));
    return m_connection.execute("INSERT INTO assessments (agency_id, fiscal_year) SELECT agency_id, fiscal_year FROM assessment_batch "
                                "ON CONFLICT DO NOTHING");
}

Result<ImportReport> PostgresStore::import_responses(int year, std::span<const core::RespondentAnswers> respondents,
                                                     const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(respondents);
    ITA_TRY(info, fiscal_year(year));
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, StoredRespondent> stored;
    ITA_TRY_VOID(m_connection.copy_out(
        "COPY (SELECT response_id, agency_id, instrument, respondent_key, answers FROM responses WHERE fiscal_year = " +
            std::to_string(year) + " AND respondent_key IS NOT NULL) TO STDOUT",
        [&](std::span<const std::string_view> fields) {
            RespondentKey key{};
            const auto key_bytes = copy_field_bytes(fields[3]);
            std::copy_n(key_bytes.begin(), std::min(key_bytes.size(), key.size()), key.begin());
            const auto instrument = core::parse_instrument(fields[2]).value_or(core::Instrument::iit);
            stored.emplace(response_lookup_key(copy_field_value(fields[1]), instrument, key),
                           StoredRespondent{std::stoll(std::string(fields[0])), copy_field_bytes(fields[4])});
        }));
    ITA_TRY(plan, plan_responses(stored, respondents, secret, {split_layout(info.iit_layout), split_layout(info.eit_layout)}, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    std::string rows;
    rows.reserve(plan.inserts.size() * 200);
    const std::string year_text = std::to_string(year);
    FaultInjection fault;
    for (const auto& insert : plan.inserts) {
        rows += std::to_string(random_response_id()) + '\t' + year_text + '\t';
        append_copy_field(rows, insert.respondent->agency_id);
        rows += '\t';
        rows += core::instrument_code(insert.respondent->instrument);
        rows += "\t\\" + bytea_hex(insert.key) + "\t\\" + bytea_hex(insert.respondent->packed) + '\n';
    }
    ITA_TRY_VOID(m_connection.copy_in("COPY responses (response_id, fiscal_year, agency_id, instrument, respondent_key, answers) FROM STDIN",
                                      rows));
    for (std::size_t row = 0; row < plan.inserts.size(); ++row) fault.row_written();
    for (const auto& change : plan.updates)
        ITA_TRY_VOID(m_connection.execute("UPDATE responses SET answers = $1::bytea WHERE response_id = $2",
                                          {bytea_hex(change.packed), number(change.response_id)}));
    ITA_TRY_VOID(audit(options.actor, "import responses", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<void> PostgresStore::for_each_response(int year, const std::optional<std::string>& agency_id,
                                              const std::function<void(const StoredResponse&)>& visit) {
    std::string sql = "COPY (SELECT agency_id, instrument, answers FROM responses WHERE fiscal_year = " + std::to_string(year);
    if (agency_id) {
        // COPY takes no parameters: the id goes in as a quoted literal.
        std::string quoted = "'";
        for (const char c : *agency_id) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        sql += " AND agency_id = " + quoted + "'";
    }
    sql += ") TO STDOUT";
    std::string agency;
    return m_connection.copy_out(sql, [&](std::span<const std::string_view> fields) {
        agency = copy_field_value(fields[0]);
        const auto answers = copy_field_bytes(fields[2]);
        visit(StoredResponse{agency, fields[1] == "EIT" ? core::Instrument::eit : core::Instrument::iit, answers});
    });
}

Result<ImportReport> PostgresStore::import_oit(int year, std::span<const core::OitVerdict> verdicts, const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(verdicts);
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, core::OitVerdict> stored;
    ITA_TRY(stored_list, oit_verdicts(year, std::nullopt));
    for (auto& verdict : stored_list) stored.emplace(oit_key(verdict.agency_id, verdict.item), std::move(verdict));
    ITA_TRY(plan, plan_oit(stored, verdicts, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    const std::string now = utc_now();
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::OitVerdict* row : *list) {
            ITA_TRY_VOID(m_connection.execute(
                "INSERT INTO oit_submissions (fiscal_year, agency_id, item, url, description, submitted_at) VALUES ($1, $2, $3, $4, $5, $6) "
                "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = 1, url = excluded.url, description = excluded.description, "
                "submitted_at = excluded.submitted_at",
                {number(year), row->agency_id, row->item, row->url, row->note, now}));
            ITA_TRY_VOID(m_connection.execute(
                "INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, reviewer, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6) "
                "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, reviewer = excluded.reviewer, "
                "reviewed_at = excluded.reviewed_at",
                {number(year), row->agency_id, row->item, std::string(row->accepted ? "accepted" : "rejected"), options.actor, now}));
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import oit", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::OitVerdict>> PostgresStore::oit_verdicts(int year, const std::optional<std::string>& agency_id) {
    std::vector<Parameter> parameters{number(year)};
    std::string sql =
        "SELECT r.agency_id, r.item, CASE WHEN s.present = 0 THEN 'rejected' ELSE r.verdict END, coalesce(s.url, ''), "
        "coalesce(s.description, '') FROM oit_reviews r "
        "LEFT JOIN oit_submissions s ON s.fiscal_year = r.fiscal_year AND s.agency_id = r.agency_id AND s.item = r.item "
        "WHERE r.fiscal_year = $1";
    if (agency_id) {
        sql += " AND r.agency_id = $2";
        parameters.push_back(*agency_id);
    }
    ITA_TRY(result, m_connection.query(sql, parameters));
    std::vector<core::OitVerdict> list;
    for (int row = 0; row < result.rows(); ++row)
        list.push_back({std::string(result.text(row, 0)), std::string(result.text(row, 1)), result.text(row, 2) == "accepted",
                        std::string(result.text(row, 3)), std::string(result.text(row, 4)), 0});
    return list;
}

Result<ImportReport> PostgresStore::import_published(int year, std::span<const core::PublishedScore> scores, const ImportOptions& options) {
    const auto agencies_named = distinct_agencies(scores);
    ITA_TRY_VOID(without_value(fiscal_year(year)));
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(lock_year(year));
    ITA_TRY_VOID(check_agencies_known(agencies_named, options));
    std::unordered_map<std::string, core::PublishedScore> stored;
    ITA_TRY(stored_list, published_scores(year, std::nullopt));
    for (auto& score : stored_list) stored.emplace(published_key(score.agency_id, score.level, score.code), std::move(score));
    ITA_TRY(plan, plan_published(stored, scores, options));
    ITA_TRY_VOID(ensure_assessments(year, ids_of(agencies_named)));
    FaultInjection fault;
    for (const auto* list : {&plan.inserts, &plan.updates})
        for (const core::PublishedScore* row : *list) {
            ITA_TRY_VOID(m_connection.execute(
                "INSERT INTO published_scores (fiscal_year, agency_id, level, code, score) VALUES ($1, $2, $3, $4, $5) "
                "ON CONFLICT (fiscal_year, agency_id, level, code) DO UPDATE SET score = excluded.score",
                {number(year), row->agency_id, row->level, row->code, real(row->score)}));
            fault.row_written();
        }
    ITA_TRY_VOID(audit(options.actor, "import published", year, import_detail(options, plan.report)));
    ITA_TRY_VOID(transaction.commit());
    return plan.report;
}

Result<std::vector<core::PublishedScore>> PostgresStore::published_scores(int year, const std::optional<std::string>& agency_id) {
    std::vector<Parameter> parameters{number(year)};
    std::string sql = "SELECT agency_id, level, code, score FROM published_scores WHERE fiscal_year = $1";
    if (agency_id) {
        sql += " AND agency_id = $2";
        parameters.push_back(*agency_id);
    }
    ITA_TRY(result, m_connection.query(sql, parameters));
    std::vector<core::PublishedScore> list;
    for (int row = 0; row < result.rows(); ++row)
        list.push_back({std::string(result.text(row, 0)), std::string(result.text(row, 1)), std::string(result.text(row, 2)),
                        result.real(row, 3), 0});
    return list;
}

Result<void> PostgresStore::save_snapshots(int year, const std::string& methodology_version, std::span<const ScoreSnapshot> snapshots) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    const std::string now = utc_now();
    std::string rows;
    for (const auto& snapshot : snapshots) {
        rows += std::to_string(year) + '\t';
        append_copy_field(rows, snapshot.agency_id);
        rows += '\t';
        append_copy_field(rows, methodology_version);
        rows += '\t' + now + '\t' + (snapshot.overall ? util::format_shortest(*snapshot.overall) : std::string("\\N")) + '\t';
        append_copy_field(rows, snapshot.rating);
        rows += '\t' + (snapshot.pass ? std::string(*snapshot.pass ? "t" : "f") : std::string("\\N")) + '\t';
        append_copy_field(rows, snapshot.detail_json);
        rows += '\n';
    }
    ITA_TRY_VOID(m_connection.execute("CREATE TEMP TABLE snapshot_batch (LIKE score_snapshots) ON COMMIT DROP"));
    ITA_TRY_VOID(m_connection.copy_in("COPY snapshot_batch FROM STDIN", rows));
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO score_snapshots SELECT * FROM snapshot_batch ON CONFLICT (fiscal_year, agency_id) DO UPDATE SET "
        "methodology_version = excluded.methodology_version, computed_at = excluded.computed_at, overall = excluded.overall, "
        "rating = excluded.rating, pass = excluded.pass, detail = excluded.detail"));
    return transaction.commit();
}

Result<std::vector<ScoreSnapshot>> PostgresStore::snapshots(int year) { return score_rows("score_snapshots", year, true); }

Result<std::vector<ScoreSnapshot>> PostgresStore::score_rows(std::string_view table, int year, bool with_detail) {
    ITA_TRY(result, m_connection.query("SELECT agency_id, overall, rating, pass, " + std::string(with_detail ? "detail" : "''") + " FROM " + std::string(table) +
                                           " WHERE fiscal_year = $1 ORDER BY agency_id",
                                       {number(year)}));
    std::vector<ScoreSnapshot> list;
    list.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
        ScoreSnapshot snapshot{std::string(result.text(row, 0)), {}, std::string(result.text(row, 2)), {}, std::string(result.text(row, 4))};
        if (!result.is_null(row, 1)) snapshot.overall = result.real(row, 1);
        if (!result.is_null(row, 3)) snapshot.pass = result.text(row, 3) == "t";
        list.push_back(std::move(snapshot));
    }
    return list;
}

Result<std::vector<AuditEntry>> PostgresStore::audit_log(std::size_t newest_count) {
    ITA_TRY(result, m_connection.query("SELECT entry_id, at, actor, action, fiscal_year, detail FROM audit_log ORDER BY entry_id DESC LIMIT $1",
                                       {number(static_cast<std::int64_t>(newest_count))}));
    std::vector<AuditEntry> list;
    for (int row = 0; row < result.rows(); ++row) {
        AuditEntry entry{result.integer(row, 0), std::string(result.text(row, 1)), std::string(result.text(row, 2)),
                         std::string(result.text(row, 3)), {}, std::string(result.text(row, 5))};
        if (!result.is_null(row, 4)) entry.fiscal_year = static_cast<int>(result.integer(row, 4));
        list.push_back(std::move(entry));
    }
    return list;
}

// pg_dump / pg_restore must be on the PATH (Debian: postgresql-client); both take the same
// connection string as ita.
Result<void> PostgresStore::backup(const std::string& path) {
    ITA_TRY(connection, split_password(m_conninfo));
    // The dump holds every answer and account: readable by its owner only, from its first byte.
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (descriptor < 0) return fail(ErrorCode::io, "cannot create " + path + ": " + std::strerror(errno));
    ::fchmod(descriptor, 0600);
    ::close(descriptor);
    return run_tool({"pg_dump", "--format=custom", "--no-owner", "--file=" + path, "--dbname=" + connection.conninfo}, connection.password,
                    m_connection.target());
}

Result<void> PostgresStore::restore(const std::string& path) {
    ITA_TRY(connection, split_password(m_conninfo));
    return run_tool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                     "--dbname=" + connection.conninfo, path},
                    connection.password, m_connection.target());
}

}  // namespace ita::storage::postgres
