// SqliteStore: the OIT evidence checker's findings and the snapshots of what it fetched.
#include <ita/storage/sqlite/sqlite_store.hpp>

namespace ita::storage::sqlite {

namespace {

constexpr const char* check_columns =
    "check_id, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, content_type, size, redirects, "
    "coalesce(snapshot, '')";

UrlCheck check_of(const Statement& row) {
    return {row.integer(0),
            std::string(row.text(1)),
            std::string(row.text(2)),
            std::string(row.text(3)),
            std::string(row.text(4)),
            std::string(row.text(5)),
            static_cast<long>(row.integer(6)),
            std::string(row.text(7)),
            std::string(row.text(8)),
            std::string(row.text(9)),
            std::string(row.text(10)),
            row.integer(11),
            std::string(row.text(12)),
            std::string(row.text(13))};
}

Result<std::vector<UrlCheck>> checks_of(Statement& query) {
    std::vector<UrlCheck> checks;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        checks.push_back(check_of(query));
    }
    return checks;
}

}  // namespace

Result<std::int64_t> SqliteStore::record_url_check(int year, const UrlCheck& check, const std::optional<EvidenceSnapshot>& snapshot) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    if (snapshot) {
        ITA_TRY(keep, m_connection.prepare("INSERT INTO evidence_snapshots (sha256, content_type, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        keep.bind(1, snapshot->sha256).bind(2, snapshot->content_type);
        keep.bind_blob(3, {reinterpret_cast<const std::uint8_t*>(snapshot->body.data()), snapshot->body.size()});
        ITA_TRY_VOID(keep.run());
    }
    ITA_TRY(insert, m_connection.prepare(
        "INSERT INTO url_checks (fiscal_year, agency_id, item, url, checked_at, status, http_status, final_url, reason, reason_codes, "
        "content_type, size, redirects, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING check_id"));
    insert.bind(1, std::int64_t{year}).bind(2, check.agency_id).bind(3, check.item).bind(4, check.url).bind(5, check.checked_at);
    insert.bind(6, check.status).bind(7, std::int64_t{check.http_status}).bind(8, check.final_url).bind(9, check.reason);
    insert.bind(10, check.reason_codes).bind(11, check.content_type).bind(12, check.size).bind(13, check.redirects);
    if (check.snapshot.empty()) insert.bind_null(14);
    else insert.bind(14, check.snapshot);
    ITA_TRY_VOID(insert.step());
    const std::int64_t check_id = insert.integer(0);
    insert.reset();
    ITA_TRY_VOID(transaction.commit());
    return check_id;
}

Result<void> SqliteStore::forget_snapshots(int year, const std::string& agency_id, const std::string& item,
                                           std::span<const std::int64_t> keep_check_ids) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::string kept = "0";
    for (const auto id : keep_check_ids) kept += "," + std::to_string(id);
    const std::string others = "fiscal_year = ? AND agency_id = ? AND item = ? AND snapshot IS NOT NULL AND check_id NOT IN (" + kept + ")";
    ITA_TRY(dropped, m_connection.prepare("SELECT DISTINCT snapshot FROM url_checks WHERE " + others));
    dropped.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item);
    std::vector<std::string> hashes;
    while (true) {
        ITA_TRY(row, dropped.step());
        if (!row) break;
        hashes.emplace_back(dropped.text(0));
    }
    dropped.reset();
    ITA_TRY(unlink, m_connection.prepare("UPDATE url_checks SET snapshot = NULL WHERE " + others));
    ITA_TRY_VOID(unlink.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item).run());
    ITA_TRY(orphan, m_connection.prepare("DELETE FROM evidence_snapshots WHERE sha256 = ?1 AND NOT EXISTS (SELECT 1 FROM url_checks WHERE snapshot = ?1)"));
    for (const auto& hash : hashes) {
        ITA_TRY_VOID(orphan.bind(1, hash).run());
        orphan.reset();
    }
    return transaction.commit();
}

Result<std::vector<UrlCheck>> SqliteStore::latest_url_checks(int year, const std::optional<std::string>& agency_id) {
    ITA_TRY(query, m_connection.prepare(
        std::string("SELECT ") + check_columns + " FROM url_checks c WHERE fiscal_year = ?1 AND (?2 IS NULL OR agency_id = ?2) AND check_id = "
        "(SELECT max(check_id) FROM url_checks l WHERE l.fiscal_year = c.fiscal_year AND l.agency_id = c.agency_id AND l.item = c.item) "
        "ORDER BY agency_id, item"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id);
    return checks_of(query);
}

Result<std::vector<UrlCheck>> SqliteStore::url_check_history(int year, const std::string& agency_id, const std::string& item) {
    ITA_TRY(query, m_connection.prepare(std::string("SELECT ") + check_columns +
                                        " FROM url_checks WHERE fiscal_year = ? AND agency_id = ? AND item = ? ORDER BY check_id DESC"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item);
    return checks_of(query);
}

Result<std::vector<UrlCheck>> SqliteStore::url_checks_before(int year, const std::string& agency_id, const std::string& before) {
    ITA_TRY(query, m_connection.prepare(
        std::string("SELECT ") + check_columns + " FROM url_checks c WHERE fiscal_year = ?1 AND agency_id = ?2 AND check_id = "
        "(SELECT max(check_id) FROM url_checks l WHERE l.fiscal_year = ?1 AND l.agency_id = ?2 AND l.item = c.item AND l.checked_at < ?3) "
        "ORDER BY item"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, before);
    return checks_of(query);
}

Result<EvidenceSnapshot> SqliteStore::evidence_snapshot(const std::string& agency_id, const std::string& sha256) {
    ITA_TRY(query, m_connection.prepare(
        "SELECT sha256, content_type, body FROM evidence_snapshots s WHERE sha256 = ?1 "
        "AND EXISTS (SELECT 1 FROM url_checks c WHERE c.agency_id = ?2 AND c.snapshot = ?1)"));
    query.bind(1, sha256).bind(2, agency_id);
    ITA_TRY(row, query.step());
    if (!row) return fail(ErrorCode::not_found, "no evidence snapshot " + sha256 + " of agency " + agency_id);
    const auto body = query.blob(2);
    return EvidenceSnapshot{std::string(query.text(0)), std::string(query.text(1)), std::string(body.begin(), body.end())};
}

}  // namespace ita::storage::sqlite
