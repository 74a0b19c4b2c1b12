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
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO users (user_id, display_name, role, agency_id, password_hash, created_at, disabled, must_change_password) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {user.user_id, user.display_name, core::role_code(user.role), user.agency_id.empty() ? sql::Value() : sql::Value(user.agency_id),
         user.password_hash, utc_now(), user.disabled ? 1 : 0, user.must_change_password ? 1 : 0})));
    ITA_TRY_VOID(audit(actor, "add user", std::nullopt, "user=" + user.user_id + " role=" + std::string(core::role_code(user.role))));
    return transaction.commit();
}

namespace {

constexpr const char* user_columns = "user_id, display_name, role, coalesce(agency_id, ''), disabled, must_change_password";

Result<User> user_of(const sql::Rows& row) {
    const auto role = core::parse_role(row.text(2));
    if (!role) return fail(ErrorCode::internal, "user " + row.string(0) + " has an unknown role " + row.string(2));
    return User{row.string(0), row.string(1), *role, row.string(3), "", row.integer(4) != 0, row.integer(5) != 0};
}

}  // namespace

Result<User> SqlStore::user(const std::string& user_id) {
    ITA_TRY(rows, database().query(std::string("SELECT ") + user_columns + ", coalesce(password_hash, '') FROM users WHERE user_id = ?",
                                   {user_id}));
    ITA_TRY(found, rows->next());
    if (!found) return fail(ErrorCode::not_found, "no user " + user_id);
    ITA_TRY(user, user_of(*rows));
    user.password_hash = rows->string(6);
    return user;
}

Result<std::vector<User>> SqlStore::users() {
    std::vector<User> list;
    Result<void> problem;
    ITA_TRY_VOID(database().stream(std::string("SELECT ") + user_columns + " FROM users ORDER BY user_id", {}, [&](const sql::Rows& row) {
        auto user = user_of(row);
        if (!user) {
            problem = std::unexpected(user.error());
            return;
        }
        list.push_back(std::move(*user));
    }));
    ITA_TRY_VOID(std::move(problem));
    return list;
}

Result<void> SqlStore::set_password(const std::string& user_id, const std::string& password_hash, bool must_change,
                                    std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(changed, db.execute("UPDATE users SET password_hash = ?, must_change_password = ? WHERE user_id = ?",
                                {password_hash, must_change ? 1 : 0, user_id}));
    if (changed == 0) return fail(ErrorCode::not_found, "no user " + user_id);
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM sessions WHERE user_id = ?", {user_id})));
    ITA_TRY_VOID(audit(actor, must_change ? "set temporary password" : "change password", std::nullopt, "user=" + user_id));
    return transaction.commit();
}

Result<void> SqlStore::set_user_role(const std::string& user_id, core::Role role, const std::string& agency_id, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(changed, db.execute("UPDATE users SET role = ?, agency_id = ? WHERE user_id = ?",
                                {core::role_code(role), agency_id.empty() ? sql::Value() : sql::Value(agency_id), user_id}));
    if (changed == 0) return fail(ErrorCode::not_found, "no user " + user_id);
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM sessions WHERE user_id = ?", {user_id})));
    ITA_TRY_VOID(
        audit(actor, "change role", std::nullopt,
              "user=" + user_id + " role=" + std::string(core::role_code(role)) + (agency_id.empty() ? "" : " agency=" + agency_id)));
    return transaction.commit();
}

Result<void> SqlStore::set_user_disabled(const std::string& user_id, bool disabled, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(changed, db.execute("UPDATE users SET disabled = ? WHERE user_id = ?", {disabled ? 1 : 0, user_id}));
    if (changed == 0) return fail(ErrorCode::not_found, "no user " + user_id);
    if (disabled) ITA_TRY_VOID(without_value(db.execute("DELETE FROM sessions WHERE user_id = ?", {user_id})));
    ITA_TRY_VOID(audit(actor, disabled ? "disable user" : "enable user", std::nullopt, "user=" + user_id));
    return transaction.commit();
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
    if (owner.disabled) return fail(ErrorCode::not_found, "no such session");  // ended when the account was disabled
    found.user = std::move(owner);
    return found;
}

Result<void> SqlStore::remove_session(std::string_view token) {
    const auto key = session_key(secret(), token);
    return without_value(database().execute("DELETE FROM sessions WHERE token_hash = ?", {bytes(key)}));
}

}  // namespace ita::storage
