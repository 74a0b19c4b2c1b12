// SqliteStore: the season calendar and the OIT review cycle.
#include <ita/storage/sqlite/sqlite_store.hpp>

namespace ita::storage::sqlite {

Result<void> SqliteStore::open_season(int year, std::span<const std::string> agency_ids, std::span<const SeasonWindow> windows,
                                      std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    if (agency_ids.empty()) {
        ITA_TRY(all, m_connection.prepare("INSERT OR IGNORE INTO assessments (agency_id, fiscal_year) SELECT agency_id, ? FROM agencies"));
        ITA_TRY_VOID(all.bind(1, std::int64_t{year}).run());
    } else {
        ITA_TRY_VOID(ensure_assessments(year, std::vector<std::string>(agency_ids.begin(), agency_ids.end())));
    }
    ITA_TRY(clear, m_connection.prepare("DELETE FROM season_windows WHERE fiscal_year = ?"));
    ITA_TRY_VOID(clear.bind(1, std::int64_t{year}).run());
    ITA_TRY(insert, m_connection.prepare("INSERT INTO season_windows (fiscal_year, phase, opens_on, closes_on) VALUES (?, ?, ?, ?)"));
    std::string detail = "agencies=" + (agency_ids.empty() ? std::string("all") : std::to_string(agency_ids.size()));
    for (const auto& window : windows) {
        ITA_TRY_VOID(insert.bind(1, std::int64_t{year}).bind(2, window.phase).bind(3, window.opens_on).bind(4, window.closes_on).run());
        detail += " " + window.phase + "=" + window.opens_on + ".." + window.closes_on;
    }
    ITA_TRY_VOID(audit(actor, "open season", year, detail));
    return transaction.commit();
}

Result<std::vector<SeasonWindow>> SqliteStore::season_windows(int year) {
    ITA_TRY(query, m_connection.prepare("SELECT phase, opens_on, closes_on FROM season_windows WHERE fiscal_year = ? "
        "ORDER BY CASE phase WHEN 'iit' THEN 1 WHEN 'eit' THEN 2 WHEN 'oit_entry' THEN 3 WHEN 'review' THEN 4 ELSE 5 END"));
    query.bind(1, std::int64_t{year});
    std::vector<SeasonWindow> windows;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        windows.push_back({std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2))});
    }
    return windows;
}

Result<bool> SqliteStore::in_season(int year, const std::string& agency_id) {
    ITA_TRY(query, m_connection.prepare("SELECT 1 FROM assessments WHERE fiscal_year = ? AND agency_id = ?"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id);
    return query.step();
}

Result<void> SqliteStore::set_headcount(int year, const std::string& agency_id, long long headcount, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(upsert, m_connection.prepare("INSERT INTO assessments (agency_id, fiscal_year, iit_headcount) VALUES (?, ?, ?) "
                                         "ON CONFLICT (agency_id, fiscal_year) DO UPDATE SET iit_headcount = excluded.iit_headcount"));
    ITA_TRY_VOID(upsert.bind(1, agency_id).bind(2, std::int64_t{year}).bind(3, std::int64_t{headcount}).run());
    ITA_TRY_VOID(audit(actor, "set headcount", year, "agency=" + agency_id + " headcount=" + std::to_string(headcount)));
    return transaction.commit();
}

Result<std::map<std::string, long long>> SqliteStore::headcounts(int year) {
    ITA_TRY(query, m_connection.prepare("SELECT agency_id, iit_headcount FROM assessments WHERE fiscal_year = ? AND iit_headcount IS NOT NULL"));
    query.bind(1, std::int64_t{year});
    std::map<std::string, long long> counts;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        counts.emplace(std::string(query.text(0)), query.integer(1));
    }
    return counts;
}

Result<void> SqliteStore::enter_oit(int year, const OitEntry& entry, std::string_view actor, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(reviewed, m_connection.prepare("SELECT 1 FROM oit_reviews WHERE fiscal_year = ? AND agency_id = ? AND item = ?"));
    reviewed.bind(1, std::int64_t{year}).bind(2, entry.agency_id).bind(3, entry.item);
    ITA_TRY(has_verdict, reviewed.step());
    if (has_verdict) return fail(ErrorCode::conflict, "item " + entry.item + " has been reviewed; it can no longer be changed");
    reviewed.reset();
    ITA_TRY(upsert, m_connection.prepare(
        "INSERT INTO oit_submissions (fiscal_year, agency_id, item, present, url, description, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = excluded.present, url = excluded.url, "
        "description = excluded.description, submitted_at = excluded.submitted_at"));
    ITA_TRY_VOID(upsert.bind(1, std::int64_t{year}).bind(2, entry.agency_id).bind(3, entry.item).bind(4, std::int64_t{entry.present ? 1 : 0})
                     .bind(5, entry.url).bind(6, entry.description).bind(7, day).run());
    ITA_TRY_VOID(audit(actor, "enter oit item", year,
                       "agency=" + entry.agency_id + " item=" + entry.item + " present=" + (entry.present ? "yes" : "no") + " url=" + entry.url));
    return transaction.commit();
}

Result<void> SqliteStore::review_oit(int year, const std::string& agency_id, const std::string& item, bool accepted,
                                     const std::string& comment, std::string_view reviewer, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(entered, m_connection.prepare("SELECT 1 FROM oit_submissions WHERE fiscal_year = ? AND agency_id = ? AND item = ?"));
    entered.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item);
    ITA_TRY(found, entered.step());
    if (!found) return fail(ErrorCode::not_found, "agency " + agency_id + " has entered nothing for item " + item);
    entered.reset();
    ITA_TRY(upsert, m_connection.prepare(
        "INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment, "
        "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at"));
    ITA_TRY_VOID(upsert.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item).bind(4, accepted ? "accepted" : "rejected")
                     .bind(5, comment).bind(6, std::string(reviewer)).bind(7, day).run());
    ITA_TRY_VOID(audit(reviewer, "review oit item", year,
                       "agency=" + agency_id + " item=" + item + " verdict=" + (accepted ? "accepted" : "rejected") + " comment=" + comment));
    return transaction.commit();
}

Result<void> SqliteStore::clarify_oit(int year, const std::string& agency_id, const std::string& item, const std::string& text,
                                      const std::string& url, std::string_view actor, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(verdict, m_connection.prepare("SELECT verdict FROM oit_reviews WHERE fiscal_year = ? AND agency_id = ? AND item = ?"));
    verdict.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item);
    ITA_TRY(found, verdict.step());
    if (!found || verdict.text(0) != "rejected") return fail(ErrorCode::conflict, "only a rejected item can be clarified");
    verdict.reset();
    ITA_TRY(insert, m_connection.prepare(
        "INSERT INTO oit_clarifications (fiscal_year, agency_id, item, body, url, filed_on) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    ITA_TRY_VOID(insert.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, item).bind(4, text).bind(5, url).bind(6, day).run());
    if (m_connection.changes() == 0) return fail(ErrorCode::conflict, "item " + item + " has already been clarified once");
    ITA_TRY_VOID(audit(actor, "clarify oit item", year, "agency=" + agency_id + " item=" + item + " url=" + url));
    return transaction.commit();
}

Result<std::vector<OitEntry>> SqliteStore::oit_entries(int year, const std::string& agency_id) {
    ITA_TRY(query, m_connection.prepare(
        "SELECT s.item, s.present, s.url, s.description, coalesce(r.verdict, ''), coalesce(r.comment, ''), coalesce(r.reviewer, ''), "
        "coalesce(c.body, ''), coalesce(c.url, ''), coalesce(c.filed_on, '') FROM oit_submissions s "
        "LEFT JOIN oit_reviews r ON r.fiscal_year = s.fiscal_year AND r.agency_id = s.agency_id AND r.item = s.item "
        "LEFT JOIN oit_clarifications c ON c.fiscal_year = s.fiscal_year AND c.agency_id = s.agency_id AND c.item = s.item "
        "WHERE s.fiscal_year = ? AND s.agency_id = ?"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id);
    std::vector<OitEntry> entries;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        entries.push_back({agency_id, std::string(query.text(0)), query.integer(1) != 0, std::string(query.text(2)),
                           std::string(query.text(3)), std::string(query.text(4)), std::string(query.text(5)), std::string(query.text(6)),
                           std::string(query.text(7)), std::string(query.text(8)), std::string(query.text(9))});
    }
    return entries;
}

}  // namespace ita::storage::sqlite
