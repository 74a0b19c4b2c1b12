// SqlStore: the OIT evidence checker's findings and the snapshots of what it fetched.
#include <ita/storage/sql/sql_store.hpp>

namespace ita::storage {

namespace {

constexpr std::string_view check_columns =
    "check_id, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, content_type, size, redirects, "
    "coalesce(snapshot, '')";

Result<std::vector<UrlCheck>> checks_of(sql::Database& db, const std::string& sql, sql::Values parameters) {
    std::vector<UrlCheck> checks;
    ITA_TRY_VOID(db.stream(sql, parameters, [&](const sql::Rows& row) {
        checks.push_back({row.integer(0), row.string(1), row.string(2), row.string(3), row.string(4), row.string(5),
                          static_cast<long>(row.integer(6)), row.string(7), row.string(8), row.string(9), row.string(10), row.integer(11),
                          row.string(12), row.string(13)});
    }));
    return checks;
}

}  // namespace

Result<std::int64_t> SqlStore::record_url_check(int year, const UrlCheck& check, const std::optional<EvidenceSnapshot>& snapshot) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    if (snapshot)
        ITA_TRY_VOID(
            without_value(db.execute("INSERT INTO evidence_snapshots (sha256, content_type, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                     {snapshot->sha256, snapshot->content_type, sql::Value::bytes_of(snapshot->body)})));
    ITA_TRY(check_id, sql::single_integer(
                          db,
                          "INSERT INTO url_checks (fiscal_year, agency_id, item, url, checked_at, status, http_status, final_url, reason, "
                          "reason_codes, content_type, size, redirects, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "RETURNING check_id",
                          {year, check.agency_id, check.item, check.url, check.checked_at, check.status, check.http_status, check.final_url,
                           check.reason, check.reason_codes, check.content_type, check.size, check.redirects,
                           check.snapshot.empty() ? sql::Value() : sql::Value(check.snapshot)}));
    ITA_TRY_VOID(transaction.commit());
    return check_id.value_or(0);
}

Result<void> SqlStore::forget_snapshots(int year, const std::string& agency_id, const std::string& item,
                                        std::span<const std::int64_t> keep_check_ids) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    std::string kept = "0";  // ids are numbers: written into the statement
    for (const auto id : keep_check_ids) kept += "," + std::to_string(id);
    const std::string others = "fiscal_year = ? AND agency_id = ? AND item = ? AND snapshot IS NOT NULL AND check_id NOT IN (" + kept + ")";
    std::vector<std::string> hashes;
    ITA_TRY_VOID(db.stream("SELECT DISTINCT snapshot FROM url_checks WHERE " + others, {year, agency_id, item},
                           [&](const sql::Rows& row) { hashes.push_back(row.string(0)); }));
    ITA_TRY_VOID(without_value(db.execute("UPDATE url_checks SET snapshot = NULL WHERE " + others, {year, agency_id, item})));
    for (const auto& hash : hashes)
        ITA_TRY_VOID(without_value(db.execute(
            "DELETE FROM evidence_snapshots WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM url_checks WHERE snapshot = ?1)", {hash})));
    return transaction.commit();
}

Result<std::vector<UrlCheck>> SqlStore::latest_url_checks(int year, const std::optional<std::string>& agency_id) {
    return checks_of(database(),
                     "SELECT " + std::string(check_columns) +
                         " FROM url_checks c WHERE fiscal_year = ?1 AND (CAST(?2 AS TEXT) IS NULL OR agency_id = ?2) AND check_id = "
                         "(SELECT max(check_id) FROM url_checks l WHERE l.fiscal_year = c.fiscal_year AND l.agency_id = c.agency_id "
                         "AND l.item = c.item) ORDER BY agency_id, item",
                     {year, agency_id});
}

Result<std::vector<UrlCheck>> SqlStore::url_check_history(int year, const std::string& agency_id, const std::string& item) {
    return checks_of(database(),
                     "SELECT " + std::string(check_columns) +
                         " FROM url_checks WHERE fiscal_year = ? AND agency_id = ? AND item = ? ORDER BY check_id DESC",
                     {year, agency_id, item});
}

Result<std::vector<UrlCheck>> SqlStore::url_checks_before(int year, const std::string& agency_id, const std::string& before) {
    return checks_of(
        database(),
        "SELECT " + std::string(check_columns) +
            " FROM url_checks c WHERE fiscal_year = ?1 AND agency_id = ?2 AND check_id = (SELECT max(check_id) FROM url_checks l "
            "WHERE l.fiscal_year = ?1 AND l.agency_id = ?2 AND l.item = c.item AND l.checked_at < ?3) ORDER BY item",
        {year, agency_id, before});
}

Result<EvidenceSnapshot> SqlStore::evidence_snapshot(const std::string& agency_id, const std::string& sha256) {
    ITA_TRY(rows, database().query("SELECT sha256, content_type, body FROM evidence_snapshots s WHERE sha256 = ?1 "
                                   "AND EXISTS (SELECT 1 FROM url_checks c WHERE c.agency_id = ?2 AND c.snapshot = ?1)",
                                   {sha256, agency_id}));
    ITA_TRY(found, rows->next());
    if (!found) return fail(ErrorCode::not_found, "no evidence snapshot " + sha256 + " of agency " + agency_id);
    const auto body = rows->bytes(2);
    return EvidenceSnapshot{rows->string(0), rows->string(1), std::string(body.begin(), body.end())};
}

}  // namespace ita::storage
