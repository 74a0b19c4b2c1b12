// SqliteStore: integrity measures, progress reports and 4M constraints.
#include <ita/storage/measure_rows.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>

#include <map>

namespace ita::storage::sqlite {

namespace {
constexpr const char* measure_columns =
    "fiscal_year, agency_id, targets, title, analysis, steps, responsible, start_on, end_on, cadence, status";

void bind_measure(Statement& statement, const core::Measure& measure) {
    statement.bind(1, std::int64_t{measure.fiscal_year}).bind(2, measure.agency_id).bind(3, join_targets(measure.targets))
        .bind(4, measure.title).bind(5, measure.analysis).bind(6, measure.steps).bind(7, measure.responsible).bind(8, measure.start_on)
        .bind(9, measure.end_on).bind(10, core::cadence_code(measure.cadence)).bind(11, measure.status);
}
}  // namespace

Result<std::int64_t> SqliteStore::add_measure(const core::Measure& measure, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(insert, m_connection.prepare(std::string("INSERT INTO measures (") + measure_columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bind_measure(insert, measure);
    ITA_TRY_VOID(insert.run());
    ITA_TRY(last, m_connection.prepare("SELECT last_insert_rowid()"));
    ITA_TRY(row, last.step());
    const std::int64_t id = row ? last.integer(0) : 0;
    ITA_TRY_VOID(audit(actor, "add measure", measure.fiscal_year, "measure=" + std::to_string(id) + " agency=" + measure.agency_id));
    ITA_TRY_VOID(transaction.commit());
    return id;
}

Result<void> SqliteStore::update_measure(const core::Measure& measure, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(update, m_connection.prepare("UPDATE measures SET fiscal_year = ?, agency_id = ?, targets = ?, title = ?, analysis = ?, steps = ?, "
                                         "responsible = ?, start_on = ?, end_on = ?, cadence = ?, status = ? WHERE measure_id = ?"));
    bind_measure(update, measure);
    update.bind(12, measure.measure_id);
    ITA_TRY_VOID(update.run());
    if (m_connection.changes() == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure.measure_id));
    ITA_TRY_VOID(audit(actor, "update measure", measure.fiscal_year, "measure=" + std::to_string(measure.measure_id)));
    return transaction.commit();
}

Result<void> SqliteStore::remove_measure(std::int64_t measure_id, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(remove, m_connection.prepare("DELETE FROM measures WHERE measure_id = ?"));
    ITA_TRY_VOID(remove.bind(1, measure_id).run());
    if (m_connection.changes() == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY_VOID(audit(actor, "remove measure", std::nullopt, "measure=" + std::to_string(measure_id)));
    return transaction.commit();
}

Result<void> SqliteStore::add_progress(std::int64_t measure_id, const core::ProgressReport& report, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(exists, m_connection.prepare("SELECT 1 FROM measures WHERE measure_id = ?"));
    exists.bind(1, measure_id);
    ITA_TRY(found, exists.step());
    if (!found) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY(insert, m_connection.prepare("INSERT INTO measure_progress (measure_id, reported_on, percent, text, evidence_url) VALUES (?, ?, ?, ?, ?)"));
    ITA_TRY_VOID(insert.bind(1, measure_id).bind(2, report.reported_on).bind(3, std::int64_t{report.percent}).bind(4, report.text)
                     .bind(5, report.evidence_url).run());
    ITA_TRY_VOID(audit(actor, "report measure progress", std::nullopt,
                       "measure=" + std::to_string(measure_id) + " percent=" + std::to_string(report.percent)));
    return transaction.commit();
}

Result<std::vector<core::Measure>> SqliteStore::measures(int fiscal_year, const std::optional<std::string>& agency_id) {
    std::string sql = std::string("SELECT measure_id, ") + measure_columns + " FROM measures WHERE fiscal_year = ?";
    if (agency_id) sql += " AND agency_id = ?";
    sql += " ORDER BY agency_id, measure_id";
    ITA_TRY(query, m_connection.prepare(sql));
    query.bind(1, std::int64_t{fiscal_year});
    if (agency_id) query.bind(2, *agency_id);
    std::vector<core::Measure> list;
    std::map<std::int64_t, std::size_t> position;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        core::Measure measure;
        measure.measure_id = query.integer(0);
        measure.fiscal_year = static_cast<int>(query.integer(1));
        measure.agency_id = std::string(query.text(2));
        measure.targets = split_targets(query.text(3));
        measure.title = std::string(query.text(4));
        measure.analysis = std::string(query.text(5));
        measure.steps = std::string(query.text(6));
        measure.responsible = std::string(query.text(7));
        measure.start_on = std::string(query.text(8));
        measure.end_on = std::string(query.text(9));
        measure.cadence = core::parse_cadence(query.text(10)).value_or(core::ReportingCadence::quarterly);
        measure.status = std::string(query.text(11));
        position[measure.measure_id] = list.size();
        list.push_back(std::move(measure));
    }
    ITA_TRY(progress, m_connection.prepare("SELECT p.measure_id, p.reported_on, p.percent, p.text, p.evidence_url FROM measure_progress p "
                                           "JOIN measures m ON m.measure_id = p.measure_id WHERE m.fiscal_year = ? "
                                           "ORDER BY p.measure_id, p.reported_on"));
    progress.bind(1, std::int64_t{fiscal_year});
    while (true) {
        ITA_TRY(row, progress.step());
        if (!row) break;
        const auto found = position.find(progress.integer(0));
        if (found == position.end()) continue;
        list[found->second].progress.push_back({std::string(progress.text(1)), static_cast<int>(progress.integer(2)),
                                                std::string(progress.text(3)), std::string(progress.text(4))});
    }
    return list;
}

Result<void> SqliteStore::set_constraints(int fiscal_year, const std::string& agency_id, const core::Constraints& constraints,
                                          std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(upsert, m_connection.prepare("INSERT OR REPLACE INTO constraints_4m (fiscal_year, agency_id, man, money, method, material) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"));
    ITA_TRY_VOID(upsert.bind(1, std::int64_t{fiscal_year}).bind(2, agency_id).bind(3, constraints.man).bind(4, constraints.money)
                     .bind(5, constraints.method).bind(6, constraints.material).run());
    ITA_TRY_VOID(audit(actor, "set 4M constraints", fiscal_year, "agency=" + agency_id));
    return transaction.commit();
}

Result<std::optional<core::Constraints>> SqliteStore::constraints(int fiscal_year, const std::string& agency_id) {
    ITA_TRY(query, m_connection.prepare("SELECT man, money, method, material FROM constraints_4m WHERE fiscal_year = ? AND agency_id = ?"));
    query.bind(1, std::int64_t{fiscal_year}).bind(2, agency_id);
    ITA_TRY(row, query.step());
    if (!row) return std::optional<core::Constraints>();
    return std::optional<core::Constraints>(
        core::Constraints{std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2)), std::string(query.text(3))});
}

}  // namespace ita::storage::sqlite
