// PostgresStore: integrity measures, progress reports and 4M constraints.
#include <ita/storage/measure_rows.hpp>
#include <ita/storage/postgres/postgres_store.hpp>

#include <map>

namespace ita::storage::postgres {

namespace {

constexpr const char* measure_columns =
    "fiscal_year, agency_id, targets, title, analysis, steps, responsible, start_on, end_on, cadence, status";

std::vector<Parameter> measure_parameters(const core::Measure& measure) {
    return {std::to_string(measure.fiscal_year), measure.agency_id, join_targets(measure.targets), measure.title, measure.analysis,
            measure.steps, measure.responsible, measure.start_on, measure.end_on, std::string(core::cadence_code(measure.cadence)),
            measure.status};
}

}  // namespace

Result<std::int64_t> PostgresStore::add_measure(const core::Measure& measure, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(inserted, m_connection.query(std::string("INSERT INTO measures (") + measure_columns +
                                             ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING measure_id",
                                         measure_parameters(measure)));
    const std::int64_t id = inserted.integer(0, 0);
    ITA_TRY_VOID(audit(actor, "add measure", measure.fiscal_year, "measure=" + std::to_string(id) + " agency=" + measure.agency_id));
    ITA_TRY_VOID(transaction.commit());
    return id;
}

Result<void> PostgresStore::update_measure(const core::Measure& measure, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    auto parameters = measure_parameters(measure);
    parameters.push_back(std::to_string(measure.measure_id));
    ITA_TRY(updated, m_connection.query("UPDATE measures SET fiscal_year = $1, agency_id = $2, targets = $3, title = $4, analysis = $5, "
                                        "steps = $6, responsible = $7, start_on = $8, end_on = $9, cadence = $10, status = $11 "
                                        "WHERE measure_id = $12 RETURNING measure_id",
                                        parameters));
    if (updated.rows() == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure.measure_id));
    ITA_TRY_VOID(audit(actor, "update measure", measure.fiscal_year, "measure=" + std::to_string(measure.measure_id)));
    return transaction.commit();
}

Result<void> PostgresStore::remove_measure(std::int64_t measure_id, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(removed, m_connection.query("DELETE FROM measures WHERE measure_id = $1 RETURNING measure_id", {std::to_string(measure_id)}));
    if (removed.rows() == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY_VOID(audit(actor, "remove measure", std::nullopt, "measure=" + std::to_string(measure_id)));
    return transaction.commit();
}

Result<void> PostgresStore::add_progress(std::int64_t measure_id, const core::ProgressReport& report, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(exists, m_connection.query("SELECT 1 FROM measures WHERE measure_id = $1", {std::to_string(measure_id)}));
    if (exists.rows() == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY_VOID(m_connection.execute("INSERT INTO measure_progress (measure_id, reported_on, percent, text, evidence_url) VALUES ($1, $2, $3, $4, $5)",
                                      {std::to_string(measure_id), report.reported_on, std::to_string(report.percent), report.text,
                                       report.evidence_url}));
    ITA_TRY_VOID(audit(actor, "report measure progress", std::nullopt,
                       "measure=" + std::to_string(measure_id) + " percent=" + std::to_string(report.percent)));
    return transaction.commit();
}

Result<std::vector<core::Measure>> PostgresStore::measures(int fiscal_year, const std::optional<std::string>& agency_id) {
    std::vector<Parameter> parameters{std::to_string(fiscal_year)};
    std::string sql = std::string("SELECT measure_id, ") + measure_columns + " FROM measures WHERE fiscal_year = $1";
    if (agency_id) {
        sql += " AND agency_id = $2";
        parameters.push_back(*agency_id);
    }
    sql += " ORDER BY agency_id, measure_id";
    ITA_TRY(rows, m_connection.query(sql, parameters));
    std::vector<core::Measure> list;
    std::map<std::int64_t, std::size_t> position;
    for (int row = 0; row < rows.rows(); ++row) {
        core::Measure measure;
        measure.measure_id = rows.integer(row, 0);
        measure.fiscal_year = static_cast<int>(rows.integer(row, 1));
        measure.agency_id = std::string(rows.text(row, 2));
        measure.targets = split_targets(rows.text(row, 3));
        measure.title = std::string(rows.text(row, 4));
        measure.analysis = std::string(rows.text(row, 5));
        measure.steps = std::string(rows.text(row, 6));
        measure.responsible = std::string(rows.text(row, 7));
        measure.start_on = std::string(rows.text(row, 8));
        measure.end_on = std::string(rows.text(row, 9));
        measure.cadence = core::parse_cadence(rows.text(row, 10)).value_or(core::ReportingCadence::quarterly);
        measure.status = std::string(rows.text(row, 11));
        position[measure.measure_id] = list.size();
        list.push_back(std::move(measure));
    }
    ITA_TRY(progress, m_connection.query("SELECT p.measure_id, p.reported_on, p.percent, p.text, p.evidence_url FROM measure_progress p "
                                         "JOIN measures m ON m.measure_id = p.measure_id WHERE m.fiscal_year = $1 "
                                         "ORDER BY p.measure_id, p.reported_on",
                                         {std::to_string(fiscal_year)}));
    for (int row = 0; row < progress.rows(); ++row) {
        const auto found = position.find(progress.integer(row, 0));
        if (found == position.end()) continue;
        list[found->second].progress.push_back({std::string(progress.text(row, 1)), static_cast<int>(progress.integer(row, 2)),
                                                std::string(progress.text(row, 3)), std::string(progress.text(row, 4))});
    }
    return list;
}

Result<void> PostgresStore::set_constraints(int fiscal_year, const std::string& agency_id, const core::Constraints& constraints,
                                            std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO constraints_4m (fiscal_year, agency_id, man, money, method, material) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (fiscal_year, agency_id) DO UPDATE SET man = excluded.man, money = excluded.money, method = excluded.method, "
        "material = excluded.material",
        {std::to_string(fiscal_year), agency_id, constraints.man, constraints.money, constraints.method, constraints.material}));
    ITA_TRY_VOID(audit(actor, "set 4M constraints", fiscal_year, "agency=" + agency_id));
    return transaction.commit();
}

Result<std::optional<core::Constraints>> PostgresStore::constraints(int fiscal_year, const std::string& agency_id) {
    ITA_TRY(rows, m_connection.query("SELECT man, money, method, material FROM constraints_4m WHERE fiscal_year = $1 AND agency_id = $2",
                                     {std::to_string(fiscal_year), agency_id}));
    if (rows.rows() == 0) return std::optional<core::Constraints>();
    return std::optional<core::Constraints>(core::Constraints{std::string(rows.text(0, 0)), std::string(rows.text(0, 1)),
                                                              std::string(rows.text(0, 2)), std::string(rows.text(0, 3))});
}

}  // namespace ita::storage::postgres
