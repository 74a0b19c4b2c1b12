// SqlStore: users and their sessions (tokens stored as keyed hashes).
#include <ita/storage/sql/sql_store.hpp>

namespace ita::storage {

namespace {
RespondentKey session_key(std::span<const std::uint8_t> secret, std::string_view token) {
    return respondent_key(secret, "session", core::Instrument::iit, token);
}
std::span<const std::uint8_t> bytes(const RespondentKey& key) { return key; }
}  // namespace

Result<void> SqlStore::add_user(const User& user, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY_VOID(without_value(
        db.execute("INSERT INTO users (user_id, display_name, role, agency_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {user.user_id, user.display_name, core::role_code(user.role),
                    user.agency_id.empty() ? sql::Value() : sql::Value(user.agency_id), user.password_hash, utc_now()})));
    ITA_TRY_VOID(audit(actor, "add user", std::nullopt, "user=" + user.user_id + " role=" + std::string(core::role_code(user.role))));
    return transaction.commit();
}

Result<User> SqlStore::user(const std::string& user_id) {
    ITA_TRY(rows, database().query("SELECT user_id, display_name, role, coalesce(agency_id, ''), coalesce(password_hash, '') FROM users "
                                   "WHERE user_id = ?",
                                   {user_id}));
    ITA_TRY(found, rows->next());
    if (!found) return fail(ErrorCode::not_found, "no user " + user_id);
    const auto role = core::parse_role(rows->text(2));
    if (!role) return fail(ErrorCode::internal, "user " + user_id + " has an unknown role " + rows->string(2));
    return User{rows->string(0), rows->string(1), *role, rows->string(3), rows->string(4)};
}

Result<void> SqlStore::add_session(std::string_view token, const std::string& user_id, const std::string& csrf, std::int64_t expires_at) {
    const auto key = session_key(secret(), token);
    return without_value(database().execute("INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)",
                                            {bytes(key), user_id, csrf, expires_at}));
}

Result<Session> SqlStore::session(std::string_view token, std::int64_t now) {
    const auto key = session_key(secret(), token);
    std::string user_id;
    Session found;
    {
        ITA_TRY(rows, database().query("SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
                                       {bytes(key), now}));
        ITA_TRY(exists, rows->next());
        if (!exists) return fail(ErrorCode::not_found, "no such session");
        user_id = rows->string(0);
        found.csrf = rows->string(1);
        found.expires_at = rows->integer(2);
    }
    ITA_TRY(owner, user(user_id));
    found.user = std::move(owner);
    return found;
}

Result<void> SqlStore::remove_session(std::string_view token) {
    const auto key = session_key(secret(), token);
    return without_value(database().execute("DELETE FROM sessions WHERE token_hash = ?", {bytes(key)}));
}

}  // namespace ita::storage
