// Accounts and sessions: national admins, agency admins (the ITA working group) and auditors.
// Passwords are argon2id (libsodium, interactive limits); sessions are random tokens stored as
// keyed hashes with a CSRF token for their forms; failed sign-ins (never successful ones) are
// limited per user and address and per address in the database (shared by every process), so
// an attacker elsewhere cannot lock a chosen account out; logins and logouts are audited.
#pragma once

#include <ita/storage/store.hpp>

#include <string>

namespace ita::service {

inline constexpr std::int64_t session_seconds = std::int64_t{8} * 3600;
inline constexpr std::int64_t failure_window_seconds = std::int64_t{15} * 60;
inline constexpr int failures_per_user_and_address = 10;
inline constexpr int failures_per_address = 50;

// invalid_input for an unknown role, a missing or unknown agency for an agency admin, or a
// password under 10 characters.
Result<void> add_user(storage::Store& store, const std::string& user_id, const std::string& name, const std::string& role,
                      const std::string& agency_id, const std::string& password, const std::string& actor);

struct Login {
    std::string token;  // for the cookie
    storage::Session session;
};
// invalid_input for a wrong user or password (the same message for both); rate_limited after
// 10 failures for the user or 50 from the address within 15 minutes.
// A random token for a form that has no session yet (the sign-in form's CSRF token).
std::string new_form_token();

Result<Login> login(storage::Store& store, const std::string& user_id, const std::string& password, const std::string& remote,
                    std::int64_t now);
// invalid_input when `csrf` is not the session's token.
Result<void> logout(storage::Store& store, const std::string& token, const std::string& csrf, std::int64_t now);

}  // namespace ita::service
