// SqlStore: the EIT's counter devices (kiosk mode).
#include <ita/storage/sql/sql_store.hpp>

#include <cstdio>

namespace ita::storage {

std::string Kiosk::id() const {
    std::string hex;
    for (std::size_t index = 0; index < hash.size() && hex.size() < 12; ++index) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", hash[index]);
        hex += pair;
    }
    return hex;
}

namespace {
constexpr const char* kiosk_columns = "kiosk_hash, fiscal_year, agency_id, label, created_by, created_on, revoked, answers";

Kiosk kiosk_of(const sql::Rows& rows) {
    const auto hash = rows.bytes(0);
    return {{hash.begin(), hash.end()},
            static_cast<int>(rows.integer(1)),
            rows.string(2),
            rows.string(3),
            rows.string(4),
            rows.string(5),
            rows.integer(6) != 0,
            rows.integer(7)};
}
}  // namespace

Result<void> SqlStore::add_kiosk(const Kiosk& kiosk) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO kiosks (kiosk_hash, fiscal_year, agency_id, label, created_by, created_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {std::span<const std::uint8_t>(kiosk.hash), kiosk.fiscal_year, kiosk.agency_id, kiosk.label, kiosk.created_by, kiosk.created_on})));
    ITA_TRY_VOID(audit(kiosk.created_by, "kiosk on", kiosk.fiscal_year, kiosk.agency_id + " " + kiosk.label));
    return transaction.commit();
}

Result<std::optional<Kiosk>> SqlStore::kiosk(std::span<const std::uint8_t> kiosk_hash) {
    ITA_TRY(rows, database().query(std::string("SELECT ") + kiosk_columns + " FROM kiosks WHERE kiosk_hash = ?", {kiosk_hash}));
    ITA_TRY(row, rows->next());
    if (!row) return std::optional<Kiosk>();
    return std::optional<Kiosk>(kiosk_of(*rows));
}

Result<std::vector<Kiosk>> SqlStore::kiosks(int fiscal_year, const std::string& agency_id) {
    std::vector<Kiosk> found;
    ITA_TRY(rows, database().query(std::string("SELECT ") + kiosk_columns +
                                       " FROM kiosks WHERE fiscal_year = ? AND agency_id = ? ORDER BY created_on, label",
                                   {fiscal_year, agency_id}));
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        found.push_back(kiosk_of(*rows));
    }
    return found;
}

Result<void> SqlStore::revoke_kiosk(int fiscal_year, const std::string& agency_id, const std::string& id, std::string_view actor) {
    ITA_TRY(all, kiosks(fiscal_year, agency_id));
    const auto chosen = std::find_if(all.begin(), all.end(), [&](const Kiosk& kiosk) { return kiosk.id() == id; });
    if (chosen == all.end()) return fail(ErrorCode::not_found, "no such counter device");
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(
        without_value(db.execute("UPDATE kiosks SET revoked = 1 WHERE kiosk_hash = ?", {std::span<const std::uint8_t>(chosen->hash)})));
    ITA_TRY_VOID(audit(actor, "kiosk off", fiscal_year, agency_id + " " + chosen->label));
    return transaction.commit();
}

Result<void> SqlStore::count_kiosk_answer(std::span<const std::uint8_t> kiosk_hash) {
    return without_value(database().execute("UPDATE kiosks SET answers = answers + 1 WHERE kiosk_hash = ?", {kiosk_hash}));
}

}  // namespace ita::storage
