// PostgresStore: users, sessions and free-form audit entries.
#include <ita/storage/postgres/postgres_store.hpp>

namespace ita::storage::postgres {

namespace {
std::string session_key(std::span<const std::uint8_t> secret, std::string_view token) {
    return bytea_hex(respondent_key(secret, "session", core::Instrument::iit, token));
}
}  // namespace

Result<void> PostgresStore::add_user(const User& user, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO users (user_id, display_name, role, agency_id, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {user.user_id, user.display_name, user.role, user.agency_id.empty() ? Parameter() : Parameter(user.agency_id), user.password_hash,
         utc_now()}));
    ITA_TRY_VOID(audit(actor, "add user", std::nullopt, "user=" + user.user_id + " role=" + user.role));
    return transaction.commit();
}

Result<User> PostgresStore::user(const std::string& user_id) {
    ITA_TRY(result, m_connection.query("SELECT user_id, display_name, role, coalesce(agency_id, ''), coalesce(password_hash, '') FROM users "
                                       "WHERE user_id = $1",
                                       {user_id}));
    if (result.rows() == 0) return fail(ErrorCode::not_found, "no user " + user_id);
    return User{std::string(result.text(0, 0)), std::string(result.text(0, 1)), std::string(result.text(0, 2)), std::string(result.text(0, 3)),
                std::string(result.text(0, 4))};
}

Result<void> PostgresStore::add_session(std::string_view token, const std::string& user_id, const std::string& csrf, std::int64_t expires_at) {
    ITA_TRY(secret, respondent_secret());
    return m_connection.execute("INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES ($1::bytea, $2, $3, $4)",
                                {session_key(secret, token), user_id, csrf, std::to_string(expires_at)});
}

Result<Session> PostgresStore::session(std::string_view token, std::int64_t now) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(result, m_connection.query("SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = $1::bytea AND expires_at > $2",
                                       {session_key(secret, token), std::to_string(now)}));
    if (result.rows() == 0) return fail(ErrorCode::not_found, "no such session");
    ITA_TRY(owner, user(std::string(result.text(0, 0))));
    return Session{std::move(owner), std::string(result.text(0, 1)), result.integer(0, 2)};
}

Result<void> PostgresStore::remove_session(std::string_view token) {
    ITA_TRY(secret, respondent_secret());
    return m_connection.execute("DELETE FROM sessions WHERE token_hash = $1::bytea", {session_key(secret, token)});
}

Result<void> PostgresStore::record(std::string_view actor, std::string_view action, std::string_view detail) {
    return audit(actor, action, std::nullopt, detail);
}

}  // namespace ita::storage::postgres
