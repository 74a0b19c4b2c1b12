// PostgresStore: the season calendar and the OIT review cycle.
#include <ita/storage/postgres/postgres_store.hpp>

namespace ita::storage::postgres {

namespace {
std::string year_text(int year) { return std::to_string(year); }
}  // namespace

Result<void> PostgresStore::open_season(int year, std::span<const std::string> agency_ids, std::span<const SeasonWindow> windows,
                                        std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    if (agency_ids.empty()) {
        ITA_TRY_VOID(m_connection.execute("INSERT INTO assessments (agency_id, fiscal_year) SELECT agency_id, $1 FROM agencies ON CONFLICT DO NOTHING",
                                          {year_text(year)}));
    } else {
        ITA_TRY_VOID(ensure_assessments(year, std::vector<std::string>(agency_ids.begin(), agency_ids.end())));
    }
    ITA_TRY_VOID(m_connection.execute("DELETE FROM season_windows WHERE fiscal_year = $1", {year_text(year)}));
    std::string detail = "agencies=" + (agency_ids.empty() ? std::string("all") : std::to_string(agency_ids.size()));
    for (const auto& window : windows) {
        ITA_TRY_VOID(m_connection.execute("INSERT INTO season_windows (fiscal_year, phase, opens_on, closes_on) VALUES ($1, $2, $3, $4)",
                                          {year_text(year), window.phase, window.opens_on, window.closes_on}));
        detail += " " + window.phase + "=" + window.opens_on + ".." + window.closes_on;
    }
    ITA_TRY_VOID(audit(actor, "open season", year, detail));
    return transaction.commit();
}

Result<std::vector<SeasonWindow>> PostgresStore::season_windows(int year) {
    ITA_TRY(result, m_connection.query("SELECT phase, opens_on, closes_on FROM season_windows WHERE fiscal_year = $1 "
        "ORDER BY CASE phase WHEN 'iit' THEN 1 WHEN 'eit' THEN 2 WHEN 'oit_entry' THEN 3 WHEN 'review' THEN 4 ELSE 5 END",
                                       {year_text(year)}));
    std::vector<SeasonWindow> windows;
    for (int row = 0; row < result.rows(); ++row)
        windows.push_back({std::string(result.text(row, 0)), std::string(result.text(row, 1)), std::string(result.text(row, 2))});
    return windows;
}

Result<bool> PostgresStore::in_season(int year, const std::string& agency_id) {
    ITA_TRY(result, m_connection.query("SELECT 1 FROM assessments WHERE fiscal_year = $1 AND agency_id = $2", {year_text(year), agency_id}));
    return result.rows() > 0;
}

Result<void> PostgresStore::set_headcount(int year, const std::string& agency_id, long long headcount, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(m_connection.execute("INSERT INTO assessments (agency_id, fiscal_year, iit_headcount) VALUES ($1, $2, $3) "
                                      "ON CONFLICT (agency_id, fiscal_year) DO UPDATE SET iit_headcount = excluded.iit_headcount",
                                      {agency_id, year_text(year), std::to_string(headcount)}));
    ITA_TRY_VOID(audit(actor, "set headcount", year, "agency=" + agency_id + " headcount=" + std::to_string(headcount)));
    return transaction.commit();
}

Result<std::map<std::string, long long>> PostgresStore::headcounts(int year) {
    ITA_TRY(result, m_connection.query("SELECT agency_id, iit_headcount FROM assessments WHERE fiscal_year = $1 AND iit_headcount IS NOT NULL",
                                       {year_text(year)}));
    std::map<std::string, long long> counts;
    for (int row = 0; row < result.rows(); ++row) counts.emplace(std::string(result.text(row, 0)), result.integer(row, 1));
    return counts;
}

Result<void> PostgresStore::enter_oit(int year, const OitEntry& entry, std::string_view actor, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    // Locks the review row, if any, so that a concurrent review waits for this entry or wins.
    ITA_TRY(reviewed, m_connection.query("SELECT 1 FROM oit_reviews WHERE fiscal_year = $1 AND agency_id = $2 AND item = $3 FOR UPDATE",
                                         {year_text(year), entry.agency_id, entry.item}));
    if (reviewed.rows() > 0) return fail(ErrorCode::conflict, "item " + entry.item + " has been reviewed; it can no longer be changed");
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO oit_submissions (fiscal_year, agency_id, item, present, url, description, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = excluded.present, url = excluded.url, "
        "description = excluded.description, submitted_at = excluded.submitted_at",
        {year_text(year), entry.agency_id, entry.item, std::string(entry.present ? "1" : "0"), entry.url, entry.description, day}));
    ITA_TRY_VOID(audit(actor, "enter oit item", year,
                       "agency=" + entry.agency_id + " item=" + entry.item + " present=" + (entry.present ? "yes" : "no") + " url=" + entry.url));
    return transaction.commit();
}

Result<void> PostgresStore::review_oit(int year, const std::string& agency_id, const std::string& item, bool accepted,
                                       const std::string& comment, std::string_view reviewer, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(entered, m_connection.query("SELECT 1 FROM oit_submissions WHERE fiscal_year = $1 AND agency_id = $2 AND item = $3 FOR UPDATE",
                                        {year_text(year), agency_id, item}));
    if (entered.rows() == 0) return fail(ErrorCode::not_found, "agency " + agency_id + " has entered nothing for item " + item);
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment, "
        "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
        {year_text(year), agency_id, item, std::string(accepted ? "accepted" : "rejected"), comment, std::string(reviewer), day}));
    ITA_TRY_VOID(audit(reviewer, "review oit item", year,
                       "agency=" + agency_id + " item=" + item + " verdict=" + (accepted ? "accepted" : "rejected") + " comment=" + comment));
    return transaction.commit();
}

Result<void> PostgresStore::clarify_oit(int year, const std::string& agency_id, const std::string& item, const std::string& text,
                                        const std::string& url, std::string_view actor, const std::string& day) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(verdict, m_connection.query("SELECT verdict FROM oit_reviews WHERE fiscal_year = $1 AND agency_id = $2 AND item = $3 FOR UPDATE",
                                        {year_text(year), agency_id, item}));
    if (verdict.rows() == 0 || verdict.text(0, 0) != "rejected") return fail(ErrorCode::conflict, "only a rejected item can be clarified");
    ITA_TRY(inserted, m_connection.query("INSERT INTO oit_clarifications (fiscal_year, agency_id, item, body, url, filed_on) "
                                         "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1",
                                         {year_text(year), agency_id, item, text, url, day}));
    if (inserted.rows() == 0) return fail(ErrorCode::conflict, "item " + item + " has already been clarified once");
    ITA_TRY_VOID(audit(actor, "clarify oit item", year, "agency=" + agency_id + " item=" + item + " url=" + url));
    return transaction.commit();
}

Result<std::vector<OitEntry>> PostgresStore::oit_entries(int year, const std::string& agency_id) {
    ITA_TRY(result, m_connection.query(
        "SELECT s.item, s.present, s.url, s.description, coalesce(r.verdict, ''), coalesce(r.comment, ''), coalesce(r.reviewer, ''), "
        "coalesce(c.body, ''), coalesce(c.url, ''), coalesce(c.filed_on, '') FROM oit_submissions s "
        "LEFT JOIN oit_reviews r ON r.fiscal_year = s.fiscal_year AND r.agency_id = s.agency_id AND r.item = s.item "
        "LEFT JOIN oit_clarifications c ON c.fiscal_year = s.fiscal_year AND c.agency_id = s.agency_id AND c.item = s.item "
        "WHERE s.fiscal_year = $1 AND s.agency_id = $2",
        {year_text(year), agency_id}));
    std::vector<OitEntry> entries;
    for (int row = 0; row < result.rows(); ++row)
        entries.push_back({agency_id, std::string(result.text(row, 0)), result.integer(row, 1) != 0, std::string(result.text(row, 2)),
                           std::string(result.text(row, 3)), std::string(result.text(row, 4)), std::string(result.text(row, 5)),
                           std::string(result.text(row, 6)), std::string(result.text(row, 7)), std::string(result.text(row, 8)),
                           std::string(result.text(row, 9))});
    return entries;
}

}  // namespace ita::storage::postgres
