// SqliteStore: users, sessions and free-form audit entries.
#include <ita/storage/sqlite/sqlite_store.hpp>

namespace ita::storage::sqlite {

namespace {
RespondentKey session_key(std::span<const std::uint8_t> secret, std::string_view token) {
    return respondent_key(secret, "session", core::Instrument::iit, token);
}
}  // namespace

Result<void> SqliteStore::add_user(const User& user, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(insert, m_connection.prepare("INSERT INTO users (user_id, display_name, role, agency_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.bind(1, user.user_id).bind(2, user.display_name).bind(3, user.role).bind(5, user.password_hash).bind(6, utc_now());
    if (!user.agency_id.empty()) insert.bind(4, user.agency_id);
    ITA_TRY_VOID(insert.run());
    ITA_TRY_VOID(audit(actor, "add user", std::nullopt, "user=" + user.user_id + " role=" + user.role));
    return transaction.commit();
}

Result<User> SqliteStore::user(const std::string& user_id) {
    ITA_TRY(query, m_connection.prepare("SELECT user_id, display_name, role, coalesce(agency_id, ''), coalesce(password_hash, '') FROM users WHERE user_id = ?"));
    query.bind(1, user_id);
    ITA_TRY(row, query.step());
    if (!row) return fail(ErrorCode::not_found, "no user " + user_id);
    return User{std::string(query.text(0)), std::string(query.text(1)), std::string(query.text(2)), std::string(query.text(3)),
                std::string(query.text(4))};
}

Result<void> SqliteStore::add_session(std::string_view token, const std::string& user_id, const std::string& csrf, std::int64_t expires_at) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(insert, m_connection.prepare("INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?, ?, ?, ?)"));
    return insert.bind_blob(1, session_key(secret, token)).bind(2, user_id).bind(3, csrf).bind(4, expires_at).run();
}

Result<Session> SqliteStore::session(std::string_view token, std::int64_t now) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(query, m_connection.prepare("SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?"));
    query.bind_blob(1, session_key(secret, token)).bind(2, now);
    ITA_TRY(row, query.step());
    if (!row) return fail(ErrorCode::not_found, "no such session");
    const std::string user_id(query.text(0));
    Session found{{}, std::string(query.text(1)), query.integer(2)};
    query.reset();
    ITA_TRY(owner, user(user_id));
    found.user = std::move(owner);
    return found;
}

Result<void> SqliteStore::remove_session(std::string_view token) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(remove, m_connection.prepare("DELETE FROM sessions WHERE token_hash = ?"));
    return remove.bind_blob(1, session_key(secret, token)).run();
}

Result<void> SqliteStore::record(std::string_view actor, std::string_view action, std::string_view detail) {
    return audit(actor, action, std::nullopt, detail);
}

}  // namespace ita::storage::sqlite
