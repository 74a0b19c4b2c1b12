// SqlStore: the season calendar, headcounts and the OIT review cycle.
#include <ita/storage/sql/sql_store.hpp>

#include <algorithm>

namespace ita::storage {

Result<void> SqlStore::open_season(int year, std::span<const std::string> agency_ids, std::span<const SeasonWindow> windows,
                                   std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    // "WHERE true": SQLite would read the ON of ON CONFLICT as a join's after a bare FROM.
    if (agency_ids.empty()) {
        ITA_TRY_VOID(without_value(db.execute(
            "INSERT INTO assessments (agency_id, fiscal_year) SELECT agency_id, ? FROM agencies WHERE true ON CONFLICT DO NOTHING",
            {year})));
    } else {
        ITA_TRY_VOID(ensure_assessments(year, std::vector<std::string>(agency_ids.begin(), agency_ids.end())));
    }
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM season_windows WHERE fiscal_year = ?", {year})));
    std::string detail = "agencies=" + (agency_ids.empty() ? std::string("all") : std::to_string(agency_ids.size()));
    for (const auto& window : windows) {
        ITA_TRY_VOID(without_value(db.execute("INSERT INTO season_windows (fiscal_year, phase, opens_on, closes_on) VALUES (?, ?, ?, ?)",
                                              {year, core::season_phase_code(window.phase), window.opens_on, window.closes_on})));
        detail += " " + std::string(core::season_phase_code(window.phase)) + "=" + window.opens_on + ".." + window.closes_on;
    }
    ITA_TRY_VOID(audit(actor, "open season", year, detail));
    return transaction.commit();
}

Result<std::vector<SeasonWindow>> SqlStore::season_windows(int year) {
    ITA_TRY(rows, database().query("SELECT phase, opens_on, closes_on FROM season_windows WHERE fiscal_year = ? ORDER BY CASE phase "
                                   "WHEN 'iit' THEN 1 WHEN 'eit' THEN 2 WHEN 'oit_entry' THEN 3 WHEN 'review' THEN 4 ELSE 5 END",
                                   {year}));
    std::vector<SeasonWindow> windows;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        // A phase this build does not know (a newer ita's) is left out, not guessed.
        if (const auto phase = core::parse_season_phase(rows->text(0))) windows.push_back({*phase, rows->string(1), rows->string(2)});
    }
    return windows;
}

Result<bool> SqlStore::in_season(int year, const std::string& agency_id) {
    ITA_TRY(rows, database().query("SELECT 1 FROM assessments WHERE fiscal_year = ? AND agency_id = ?", {year, agency_id}));
    return rows->next();
}

Result<std::vector<std::string>> SqlStore::assessed_agencies(int year) {
    std::vector<std::string> ids;
    ITA_TRY_VOID(database().stream("SELECT agency_id FROM assessments WHERE fiscal_year = ? ORDER BY agency_id", {year},
                                   [&](const sql::Rows& row) { ids.push_back(row.string(0)); }));
    return ids;
}

Result<void> SqlStore::set_headcount(int year, const std::string& agency_id, long long headcount, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(
        without_value(db.execute("INSERT INTO assessments (agency_id, fiscal_year, iit_headcount) VALUES (?, ?, ?) "
                                 "ON CONFLICT (agency_id, fiscal_year) DO UPDATE SET iit_headcount = excluded.iit_headcount",
                                 {agency_id, year, headcount})));
    ITA_TRY_VOID(audit(actor, "set headcount", year, "agency=" + agency_id + " headcount=" + std::to_string(headcount)));
    return transaction.commit();
}

Result<std::map<std::string, long long>> SqlStore::headcounts(int year) {
    ITA_TRY(rows, database().query("SELECT agency_id, iit_headcount FROM assessments WHERE fiscal_year = ? AND iit_headcount IS NOT NULL",
                                   {year}));
    std::map<std::string, long long> counts;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        counts.emplace(rows->string(0), rows->integer(1));
    }
    return counts;
}

namespace {
// The first column of the first row, if any. With {for_update}, PostgreSQL locks the row until
// the transaction ends, so that a concurrent review waits for this entry or wins (SQLite's writer
// lock already serialises them).
Result<std::optional<std::string>> first_text(sql::Database& db, std::string_view sql, sql::Values parameters) {
    ITA_TRY(rows, db.query(sql, parameters));
    ITA_TRY(found, rows->next());
    if (!found) return std::optional<std::string>();
    return std::optional(rows->string(0));
}
}  // namespace

namespace {
std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
    return text;
}
std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        if (end > at) lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}
}  // namespace

Result<void> SqlStore::enter_oit(int year, const OitEntry& entry, std::string_view actor, const std::string& day) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(reviewed, first_text(db, "SELECT verdict FROM oit_reviews WHERE fiscal_year = ? AND agency_id = ? AND item = ?{for_update}",
                                 {year, entry.agency_id, entry.item}));
    if (reviewed) return fail(ErrorCode::conflict, "item " + entry.item + " has been reviewed; it can no longer be changed");
    ITA_TRY(sent, first_text(db, "SELECT sent_on FROM oit_sendings WHERE fiscal_year = ? AND agency_id = ?{for_update}",
                             {year, entry.agency_id}));
    if (sent)
        return fail(ErrorCode::conflict,
                    "agency " + entry.agency_id + " sent its OIT entries on " + *sent + "; they can no longer be changed");
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO oit_submissions (fiscal_year, agency_id, item, present, url, more_urls, description, submitted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET present = excluded.present, url = excluded.url, "
        "more_urls = excluded.more_urls, description = excluded.description, submitted_at = excluded.submitted_at",
        {year, entry.agency_id, entry.item, entry.present ? 1 : 0, entry.url, join_lines(entry.more_urls), entry.description, day})));
    ITA_TRY_VOID(audit(actor, "enter oit item", year,
                       "agency=" + entry.agency_id + " item=" + entry.item + " present=" + (entry.present ? "yes" : "no") +
                           " url=" + entry.url + (entry.more_urls.empty() ? "" : " more=" + std::to_string(entry.more_urls.size()))));
    return transaction.commit();
}

Result<std::optional<std::string>> SqlStore::oit_sent_on(int year, const std::string& agency_id) {
    return first_text(database(), "SELECT sent_on FROM oit_sendings WHERE fiscal_year = ? AND agency_id = ?", {year, agency_id});
}

Result<std::map<std::string, std::string>> SqlStore::oit_sendings(int year) {
    std::map<std::string, std::string> sent;
    ITA_TRY_VOID(database().stream("SELECT agency_id, sent_on FROM oit_sendings WHERE fiscal_year = ?", {year},
                                   [&](const sql::Rows& row) { sent.emplace(row.string(0), row.string(1)); }));
    return sent;
}

Result<void> SqlStore::unsend_oit(int year, const std::string& agency_id, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(removed, db.execute("DELETE FROM oit_sendings WHERE fiscal_year = ? AND agency_id = ?", {year, agency_id}));
    if (removed == 0) return fail(ErrorCode::not_found, "agency " + agency_id + " has not sent its OIT entries");
    ITA_TRY_VOID(audit(actor, "reopen oit", year, "agency=" + agency_id));
    return transaction.commit();
}

Result<void> SqlStore::send_oit(int year, const std::string& agency_id, std::string_view actor, const std::string& day) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(added, db.execute("INSERT INTO oit_sendings (fiscal_year, agency_id, sent_by, sent_on) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (fiscal_year, agency_id) DO NOTHING",
                              {year, agency_id, std::string(actor), day}));
    if (added == 0) return fail(ErrorCode::conflict, "agency " + agency_id + " has sent its OIT entries already");
    ITA_TRY_VOID(audit(actor, "send oit", year, "agency=" + agency_id));
    return transaction.commit();
}

Result<void> SqlStore::review_oit(int year, const std::string& agency_id, const std::string& item, bool accepted,
                                  const std::string& comment, std::string_view reviewer, const std::string& day) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(entered, first_text(db, "SELECT item FROM oit_submissions WHERE fiscal_year = ? AND agency_id = ? AND item = ?{for_update}",
                                {year, agency_id, item}));
    if (!entered) return fail(ErrorCode::not_found, "agency " + agency_id + " has entered nothing for item " + item);
    const char* verdict = accepted ? "accepted" : "rejected";
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO oit_reviews (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fiscal_year, agency_id, item) DO UPDATE SET verdict = excluded.verdict, comment = excluded.comment, "
        "reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
        {year, agency_id, item, verdict, comment, reviewer, day})));
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO oit_review_history (fiscal_year, agency_id, item, verdict, comment, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {year, agency_id, item, verdict, comment, reviewer, day})));
    // A clarification filed before this verdict has now been looked at.
    ITA_TRY_VOID(without_value(db.execute("UPDATE oit_clarifications SET reviewed = 1 WHERE fiscal_year = ? AND agency_id = ? AND item = ?",
                                          {year, agency_id, item})));
    ITA_TRY_VOID(
        audit(reviewer, "review oit item", year, "agency=" + agency_id + " item=" + item + " verdict=" + verdict + " comment=" + comment));
    return transaction.commit();
}

Result<void> SqlStore::clarify_oit(int year, const std::string& agency_id, const std::string& item, const std::string& text,
                                   const std::string& url, std::string_view actor, const std::string& day) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(verdict, first_text(db, "SELECT verdict FROM oit_reviews WHERE fiscal_year = ? AND agency_id = ? AND item = ?{for_update}",
                                {year, agency_id, item}));
    if (verdict != "rejected") return fail(ErrorCode::conflict, "only a rejected item can be clarified");
    ITA_TRY(filed,
            db.execute("INSERT INTO oit_clarifications (fiscal_year, agency_id, item, body, url, filed_on) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT DO NOTHING",
                       {year, agency_id, item, text, url, day}));
    if (filed == 0) return fail(ErrorCode::conflict, "item " + item + " has already been clarified once");
    ITA_TRY_VOID(audit(actor, "clarify oit item", year, "agency=" + agency_id + " item=" + item + " url=" + url));
    return transaction.commit();
}

Result<std::vector<OitEntry>> SqlStore::oit_entries(int year, const std::string& agency_id) {
    ITA_TRY(
        rows,
        database().query(
            "SELECT s.item, s.present, s.url, s.description, coalesce(r.verdict, ''), coalesce(r.comment, ''), coalesce(r.reviewer, ''), "
            "coalesce(c.body, ''), coalesce(c.url, ''), coalesce(c.filed_on, ''), s.more_urls FROM oit_submissions s "
            "LEFT JOIN oit_reviews r ON r.fiscal_year = s.fiscal_year AND r.agency_id = s.agency_id AND r.item = s.item "
            "LEFT JOIN oit_clarifications c ON c.fiscal_year = s.fiscal_year AND c.agency_id = s.agency_id AND c.item = s.item "
            "WHERE s.fiscal_year = ? AND s.agency_id = ?",
            {year, agency_id}));
    std::vector<OitEntry> entries;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        entries.push_back({agency_id, rows->string(0), rows->integer(1) != 0, rows->string(2), rows->string(3),
                           core::parse_review(rows->text(4)).value_or(core::ReviewVerdict::pending), rows->string(5), rows->string(6),
                           rows->string(7), rows->string(8), rows->string(9), split_lines(rows->string(10))});
    }
    return entries;
}

Result<std::vector<OitReviewProgress>> SqlStore::oit_review_progress(int year) {
    std::vector<OitReviewProgress> list;
    ITA_TRY_VOID(database().stream(
        "SELECT s.agency_id, count(*), sum(CASE WHEN r.verdict IS NULL THEN 1 ELSE 0 END), "
        "sum(CASE WHEN r.verdict = 'accepted' THEN 1 ELSE 0 END), sum(CASE WHEN r.verdict = 'rejected' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN c.item IS NOT NULL AND c.reviewed = 0 THEN 1 ELSE 0 END) FROM oit_submissions s "
        "LEFT JOIN oit_reviews r ON r.fiscal_year = s.fiscal_year AND r.agency_id = s.agency_id AND r.item = s.item "
        "LEFT JOIN oit_clarifications c ON c.fiscal_year = s.fiscal_year AND c.agency_id = s.agency_id AND c.item = s.item "
        "WHERE s.fiscal_year = ? GROUP BY s.agency_id ORDER BY s.agency_id",
        {year}, [&](const sql::Rows& row) {
            const auto count = [&](int column) { return static_cast<std::size_t>(row.integer(column)); };
            list.push_back({row.string(0), count(1), count(2), count(3), count(4), count(5)});
        }));
    return list;
}

Result<std::vector<VerdictRecord>> SqlStore::verdict_history(int year, const std::string& agency_id) {
    std::vector<VerdictRecord> list;
    ITA_TRY_VOID(
        database().stream("SELECT item, verdict, comment, reviewer, reviewed_at FROM oit_review_history "
                          "WHERE fiscal_year = ? AND agency_id = ? ORDER BY history_id",
                          {year, agency_id}, [&](const sql::Rows& row) {
                              list.push_back({row.string(0), core::parse_review(row.text(1)).value_or(core::ReviewVerdict::pending),
                                              row.string(2), row.string(3), row.string(4)});
                          }));
    return list;
}

Result<void> SqlStore::assign_reviews(int year, std::span<const std::pair<std::string, std::string>> assignments, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    const std::string now = utc_now();
    std::size_t assigned = 0, removed = 0;
    for (const auto& [agency_id, auditor] : assignments) {
        ITA_TRY(agency, sql::single_integer(db, "SELECT count(*) FROM agencies WHERE agency_id = ?", {agency_id}));
        if (agency.value_or(0) == 0) return fail(ErrorCode::invalid_input, "unknown agency " + agency_id);
        if (auditor.empty()) {
            ITA_TRY(gone, db.execute("DELETE FROM review_assignments WHERE fiscal_year = ? AND agency_id = ?", {year, agency_id}));
            removed += static_cast<std::size_t>(gone);
            continue;
        }
        ITA_TRY(role,
                sql::single_integer(db, "SELECT count(*) FROM users WHERE user_id = ? AND role = 'auditor' AND disabled = 0", {auditor}));
        if (role.value_or(0) == 0) return fail(ErrorCode::invalid_input, auditor + " is not an auditor");
        ITA_TRY_VOID(without_value(
            db.execute("INSERT INTO review_assignments (fiscal_year, agency_id, auditor, assigned_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (fiscal_year, agency_id) DO UPDATE SET auditor = excluded.auditor, assigned_at = excluded.assigned_at",
                       {year, agency_id, auditor, now})));
        ++assigned;
    }
    ITA_TRY_VOID(audit(actor, "assign reviews", year, "assigned=" + std::to_string(assigned) + " removed=" + std::to_string(removed)));
    return transaction.commit();
}

Result<std::map<std::string, std::string>> SqlStore::review_assignments(int year) {
    std::map<std::string, std::string> assigned;
    ITA_TRY_VOID(database().stream("SELECT agency_id, auditor FROM review_assignments WHERE fiscal_year = ?", {year},
                                   [&](const sql::Rows& row) { assigned.emplace(row.string(0), row.string(1)); }));
    return assigned;
}

}  // namespace ita::storage
