// PostgresStore: the OIT evidence checker's findings and the snapshots of what it fetched.
#include <ita/storage/postgres/postgres_store.hpp>

namespace ita::storage::postgres {

namespace {

constexpr const char* check_columns =
    "check_id, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, content_type, size, redirects, "
    "coalesce(snapshot, '')";

std::vector<UrlCheck> checks_of(const QueryResult& result) {
    std::vector<UrlCheck> checks;
    for (int row = 0; row < result.rows(); ++row)
        checks.push_back({result.integer(row, 0),
                          std::string(result.text(row, 1)),
                          std::string(result.text(row, 2)),
                          std::string(result.text(row, 3)),
                          std::string(result.text(row, 4)),
                          std::string(result.text(row, 5)),
                          static_cast<long>(result.integer(row, 6)),
                          std::string(result.text(row, 7)),
                          std::string(result.text(row, 8)),
                          std::string(result.text(row, 9)),
                          std::string(result.text(row, 10)),
                          result.integer(row, 11),
                          std::string(result.text(row, 12)),
                          std::string(result.text(row, 13))});
    return checks;
}

}  // namespace

Result<std::int64_t> PostgresStore::record_url_check(int year, const UrlCheck& check, const std::optional<EvidenceSnapshot>& snapshot) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    if (snapshot) {
        ITA_TRY_VOID(m_connection.execute(
            "INSERT INTO evidence_snapshots (sha256, content_type, body) VALUES ($1, $2, $3::bytea) ON CONFLICT DO NOTHING",
            {snapshot->sha256, snapshot->content_type,
             bytea_hex({reinterpret_cast<const std::uint8_t*>(snapshot->body.data()), snapshot->body.size()})}));
    }
    ITA_TRY(inserted, m_connection.query(
        "INSERT INTO url_checks (fiscal_year, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, "
        "content_type, size, redirects, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING check_id",
        {std::to_string(year), check.agency_id, check.item, check.url, check.checked_at, check.status, std::to_string(check.http_status),
         check.final_url, check.reason, check.reason_codes, check.content_type, std::to_string(check.size), check.redirects,
         check.snapshot.empty() ? Parameter{} : Parameter{check.snapshot}}));
    const std::int64_t check_id = inserted.integer(0, 0);
    ITA_TRY_VOID(transaction.commit());
    return check_id;
}

Result<void> PostgresStore::forget_snapshots(int year, const std::string& agency_id, const std::string& item,
                                             std::span<const std::int64_t> keep_check_ids) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::string kept = "{0";
    for (const auto id : keep_check_ids) kept += "," + std::to_string(id);
    kept += "}";
    ITA_TRY(dropped, m_connection.query(
        "WITH unlinked AS (UPDATE url_checks u SET snapshot = NULL FROM url_checks o WHERE u.check_id = o.check_id AND u.fiscal_year = $1 "
        "AND u.agency_id = $2 AND u.item = $3 AND u.snapshot IS NOT NULL AND NOT u.check_id = ANY($4::bigint[]) RETURNING o.snapshot) "
        "SELECT DISTINCT snapshot FROM unlinked",
        {std::to_string(year), agency_id, item, kept}));
    for (int row = 0; row < dropped.rows(); ++row)
        ITA_TRY_VOID(m_connection.execute("DELETE FROM evidence_snapshots WHERE sha256 = $1 AND NOT EXISTS (SELECT 1 FROM url_checks WHERE snapshot = $1)",
                                          {std::string(dropped.text(row, 0))}));
    return transaction.commit();
}

Result<std::vector<UrlCheck>> PostgresStore::latest_url_checks(int year, const std::optional<std::string>& agency_id) {
    ITA_TRY(result, m_connection.query(
        std::string("SELECT DISTINCT ON (agency_id, item) ") + check_columns +
            " FROM url_checks WHERE fiscal_year = $1 AND ($2::text IS NULL OR agency_id = $2) ORDER BY agency_id, item, check_id DESC",
        {std::to_string(year), agency_id}));
    return checks_of(result);
}

Result<std::vector<UrlCheck>> PostgresStore::url_check_history(int year, const std::string& agency_id, const std::string& item) {
    ITA_TRY(result, m_connection.query(std::string("SELECT ") + check_columns +
                                           " FROM url_checks WHERE fiscal_year = $1 AND agency_id = $2 AND item = $3 ORDER BY check_id DESC",
                                       {std::to_string(year), agency_id, item}));
    return checks_of(result);
}

Result<std::vector<UrlCheck>> PostgresStore::url_checks_before(int year, const std::string& agency_id, const std::string& before) {
    ITA_TRY(result, m_connection.query(std::string("SELECT DISTINCT ON (item) ") + check_columns +
                                           " FROM url_checks WHERE fiscal_year = $1 AND agency_id = $2 AND checked_at < $3 ORDER BY item, check_id DESC",
                                       {std::to_string(year), agency_id, before}));
    return checks_of(result);
}

Result<EvidenceSnapshot> PostgresStore::evidence_snapshot(const std::string& agency_id, const std::string& sha256) {
    ITA_TRY(result, m_connection.query(
        "SELECT sha256, content_type, body FROM evidence_snapshots s WHERE sha256 = $1 "
        "AND EXISTS (SELECT 1 FROM url_checks c WHERE c.agency_id = $2 AND c.snapshot = $1)",
        {sha256, agency_id}));
    if (result.rows() == 0) return fail(ErrorCode::not_found, "no evidence snapshot " + sha256 + " of agency " + agency_id);
    const auto body = result.bytes(0, 2);
    return EvidenceSnapshot{std::string(result.text(0, 0)), std::string(result.text(0, 1)), std::string(body.begin(), body.end())};
}

}  // namespace ita::storage::postgres
