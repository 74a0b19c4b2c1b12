// SqlStore: integrity measures, progress reports and 4M constraints.
#include <ita/storage/measure_rows.hpp>
#include <ita/storage/sql/sql_store.hpp>

#include <map>

namespace ita::storage {

namespace {
constexpr std::string_view measure_columns =
    "fiscal_year, agency_id, targets, title, analysis, steps, responsible, start_on, end_on, cadence, status";

core::Measure measure_of(const sql::Rows& row) {
    core::Measure measure;
    measure.measure_id = row.integer(0);
    measure.fiscal_year = static_cast<int>(row.integer(1));
    measure.agency_id = row.string(2);
    measure.targets = split_targets(row.text(3));
    measure.title = row.string(4);
    measure.analysis = row.string(5);
    measure.steps = row.string(6);
    measure.responsible = row.string(7);
    measure.start_on = row.string(8);
    measure.end_on = row.string(9);
    measure.cadence = core::parse_cadence(row.text(10)).value_or(core::ReportingCadence::quarterly);
    measure.status = core::parse_measure_status(row.text(11)).value_or(core::MeasureStatus::draft);
    return measure;
}
}  // namespace

Result<std::int64_t> SqlStore::add_measure(const core::Measure& measure, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    const std::string targets = join_targets(measure.targets);
    ITA_TRY(
        id,
        sql::single_integer(
            db, "INSERT INTO measures (" + std::string(measure_columns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING measure_id",
            {measure.fiscal_year, measure.agency_id, targets, measure.title, measure.analysis, measure.steps, measure.responsible,
             measure.start_on, measure.end_on, core::cadence_code(measure.cadence), core::measure_status_code(measure.status)}));
    const std::int64_t measure_id = id.value_or(0);
    ITA_TRY_VOID(
        audit(actor, "add measure", measure.fiscal_year, "measure=" + std::to_string(measure_id) + " agency=" + measure.agency_id));
    ITA_TRY_VOID(transaction.commit());
    return measure_id;
}

Result<void> SqlStore::update_measure(const core::Measure& measure, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    const std::string targets = join_targets(measure.targets);
    ITA_TRY(changed, db.execute("UPDATE measures SET fiscal_year = ?, agency_id = ?, targets = ?, title = ?, analysis = ?, steps = ?, "
                                "responsible = ?, start_on = ?, end_on = ?, cadence = ?, status = ? WHERE measure_id = ?",
                                {measure.fiscal_year, measure.agency_id, targets, measure.title, measure.analysis, measure.steps,
                                 measure.responsible, measure.start_on, measure.end_on, core::cadence_code(measure.cadence),
                                 core::measure_status_code(measure.status), measure.measure_id}));
    if (changed == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure.measure_id));
    ITA_TRY_VOID(audit(actor, "update measure", measure.fiscal_year, "measure=" + std::to_string(measure.measure_id)));
    return transaction.commit();
}

Result<void> SqlStore::remove_measure(std::int64_t measure_id, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(removed, db.execute("DELETE FROM measures WHERE measure_id = ?", {measure_id}));
    if (removed == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY_VOID(audit(actor, "remove measure", std::nullopt, "measure=" + std::to_string(measure_id)));
    return transaction.commit();
}

Result<void> SqlStore::add_progress(std::int64_t measure_id, const core::ProgressReport& report, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(exists, sql::single_integer(db, "SELECT count(*) FROM measures WHERE measure_id = ?", {measure_id}));
    if (exists.value_or(0) == 0) return fail(ErrorCode::not_found, "no measure " + std::to_string(measure_id));
    ITA_TRY_VOID(without_value(
        db.execute("INSERT INTO measure_progress (measure_id, reported_on, percent, text, evidence_url) VALUES (?, ?, ?, ?, ?)",
                   {measure_id, report.reported_on, report.percent, report.text, report.evidence_url})));
    ITA_TRY_VOID(audit(actor, "report measure progress", std::nullopt,
                       "measure=" + std::to_string(measure_id) + " percent=" + std::to_string(report.percent)));
    return transaction.commit();
}

Result<std::vector<core::Measure>> SqlStore::measures(int fiscal_year, const std::optional<std::string>& agency_id) {
    auto& db = database();
    std::string sql = "SELECT measure_id, " + std::string(measure_columns) + " FROM measures WHERE fiscal_year = ?";
    std::vector<sql::Value> parameters{fiscal_year};
    if (agency_id) {
        sql += " AND agency_id = ?";
        parameters.emplace_back(*agency_id);
    }
    sql += " ORDER BY agency_id, measure_id";
    std::vector<core::Measure> list;
    std::map<std::int64_t, std::size_t> position;
    ITA_TRY_VOID(db.stream(sql, parameters, [&](const sql::Rows& row) {
        position[row.integer(0)] = list.size();
        list.push_back(measure_of(row));
    }));
    ITA_TRY_VOID(db.stream(
        "SELECT p.measure_id, p.reported_on, p.percent, p.text, p.evidence_url FROM measure_progress p "
        "JOIN measures m ON m.measure_id = p.measure_id WHERE m.fiscal_year = ? ORDER BY p.measure_id, p.reported_on",
        {fiscal_year}, [&](const sql::Rows& row) {
            const auto found = position.find(row.integer(0));
            if (found == position.end()) return;
            list[found->second].progress.push_back({row.string(1), static_cast<int>(row.integer(2)), row.string(3), row.string(4)});
        }));
    return list;
}

Result<std::optional<int>> SqlStore::measure_fiscal_year(std::int64_t measure_id) {
    ITA_TRY(year, sql::single_integer(database(), "SELECT fiscal_year FROM measures WHERE measure_id = ?", {measure_id}));
    if (!year) return std::optional<int>();
    return std::optional<int>(static_cast<int>(*year));
}

Result<void> SqlStore::set_constraints(int fiscal_year, const std::string& agency_id, const core::Constraints& constraints,
                                       std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO constraints_4m (fiscal_year, agency_id, man, money, method, material) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id) DO UPDATE SET man = excluded.man, money = excluded.money, method = excluded.method, "
        "material = excluded.material",
        {fiscal_year, agency_id, constraints.man, constraints.money, constraints.method, constraints.material})));
    ITA_TRY_VOID(audit(actor, "set 4M constraints", fiscal_year, "agency=" + agency_id));
    return transaction.commit();
}

Result<std::optional<core::Constraints>> SqlStore::constraints(int fiscal_year, const std::string& agency_id) {
    ITA_TRY(rows, database().query("SELECT man, money, method, material FROM constraints_4m WHERE fiscal_year = ? AND agency_id = ?",
                                   {fiscal_year, agency_id}));
    ITA_TRY(found, rows->next());
    if (!found) return std::optional<core::Constraints>();
    return std::optional<core::Constraints>(core::Constraints{rows->string(0), rows->string(1), rows->string(2), rows->string(3)});
}

}  // namespace ita::storage
