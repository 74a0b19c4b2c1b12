// SqlStore: each year's methodology as the deployment uses it, versioned and frozen.
#include <ita/storage/respondent_key.hpp>
#include <ita/storage/sql/sql_store.hpp>

#include <atomic>
#include <chrono>

namespace ita::storage {

namespace {

// Moved whenever this process records or freezes a methodology: every connection's remembered
// version is then read again, so a change made here is seen here at once.
std::atomic<std::uint64_t> methodology_epoch{0};
// How long a connection trusts the version it read: a version recorded by another process is in
// force everywhere within this.
constexpr std::chrono::seconds stamp_lifetime{1};

constexpr const char* history_columns = "fiscal_year, version, reason, actor, recorded_at, frozen";

StoredMethodology history_row(const sql::Rows& rows) {
    StoredMethodology methodology;
    methodology.fiscal_year = static_cast<int>(rows.integer(0));
    methodology.version = rows.string(1);
    methodology.reason = rows.string(2);
    methodology.actor = rows.string(3);
    methodology.recorded_at = rows.string(4);
    methodology.frozen = rows.boolean(5);
    return methodology;
}

}  // namespace

Result<void> SqlStore::record_methodology(const StoredMethodology& methodology) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    const std::string year = std::to_string(methodology.fiscal_year);
    ITA_TRY(taken, sql::single_integer(db, "SELECT count(*) FROM methodologies WHERE fiscal_year = ? AND version = ?",
                                       {methodology.fiscal_year, methodology.version}));
    if (taken.value_or(0) > 0)
        return fail(ErrorCode::conflict,
                    "fiscal year " + year + " already has version " + methodology.version + ": give the changed file a new version");
    ITA_TRY(frozen,
            sql::single_integer(db, "SELECT count(*) FROM methodologies WHERE fiscal_year = ? AND frozen", {methodology.fiscal_year}));
    // A frozen year keeps its versions; a new one is the year's in force from now, with its reason.
    if (frozen.value_or(0) > 0 && methodology.reason.empty())
        return fail(ErrorCode::conflict, "fiscal year " + year + " is frozen (its season has opened): a new version needs a reason");
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO methodologies (fiscal_year, version, document, reason, actor, recorded_at, frozen) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {methodology.fiscal_year, methodology.version, methodology.document, methodology.reason, methodology.actor, utc_now(),
         methodology.frozen || frozen.value_or(0) > 0})));
    ITA_TRY_VOID(audit(methodology.actor, "record methodology", methodology.fiscal_year,
                       "version=" + methodology.version + (methodology.reason.empty() ? "" : " reason=" + methodology.reason)));
    ITA_TRY_VOID(transaction.commit());
    ++methodology_epoch;
    return {};
}

Result<void> SqlStore::freeze_methodology(int year, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(changed, db.execute("UPDATE methodologies SET frozen = ? WHERE fiscal_year = ? AND methodology_id = "
                                "(SELECT max(methodology_id) FROM methodologies WHERE fiscal_year = ?)",
                                {true, year, year}));
    if (changed == 0) return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has no recorded methodology to freeze");
    ITA_TRY_VOID(audit(actor, "freeze methodology", year, ""));
    ITA_TRY_VOID(transaction.commit());
    ++methodology_epoch;
    return {};
}

Result<std::optional<StoredMethodology>> SqlStore::current_methodology(int year) {
    ITA_TRY(rows, database().query(std::string("SELECT ") + history_columns +
                                       ", document FROM methodologies WHERE fiscal_year = ? ORDER BY methodology_id DESC LIMIT 1",
                                   {year}));
    ITA_TRY(row, rows->next());
    if (!row) return std::optional<StoredMethodology>();
    auto methodology = history_row(*rows);
    methodology.document = rows->string(6);
    return std::optional(std::move(methodology));
}

Result<std::optional<std::pair<std::string, std::int64_t>>> SqlStore::methodology_stamp(int year) {
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t epoch = methodology_epoch.load();
    if (const auto found = m_methodology_stamps.find(year);
        found != m_methodology_stamps.end() && found->second.epoch == epoch && now - found->second.read_at < stamp_lifetime)
        return found->second.value;
    ITA_TRY(stamp, read_methodology_stamp(year));
    m_methodology_stamps[year] = {stamp, now, epoch};
    return stamp;
}

Result<std::optional<std::pair<std::string, std::int64_t>>> SqlStore::read_methodology_stamp(int year) {
    ITA_TRY(rows,
            database().query(
                "SELECT version, length(document) FROM methodologies WHERE fiscal_year = ? ORDER BY methodology_id DESC LIMIT 1", {year}));
    ITA_TRY(row, rows->next());
    if (!row) return std::optional<std::pair<std::string, std::int64_t>>();
    return std::optional(std::pair(rows->string(0), rows->integer(1)));
}

Result<std::vector<StoredMethodology>> SqlStore::methodology_history() {
    ITA_TRY(rows, database().query(std::string("SELECT ") + history_columns + " FROM methodologies ORDER BY fiscal_year, methodology_id"));
    std::vector<StoredMethodology> list;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        list.push_back(history_row(*rows));
    }
    return list;
}

}  // namespace ita::storage
