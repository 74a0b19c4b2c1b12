// Accounts and sessions: national admins, agency admins (the ITA working group) and auditors.
// Passwords are argon2id (libsodium, interactive limits); sessions are random tokens stored as
// keyed hashes with a CSRF token for their forms; failed sign-ins (never successful ones) are
// limited per user and address and per address in the database (shared by every process), so
// an attacker elsewhere cannot lock a chosen account out; logins and logouts are audited.
#pragma once

#include <ita/storage/store.hpp>

#include <string>
#include <vector>

namespace ita::service {

// How long a session lasts and how many failed sign-ins are tolerated: a deployment's settings
// (`ita serve --session-hours …`, the config file), set once when the process starts, before
// any request; the defaults otherwise.
struct SignInPolicy {
    std::int64_t session_seconds = std::int64_t{8} * 3600;
    std::int64_t failure_window_seconds = std::int64_t{15} * 60;
    int failures_per_user_and_address = 10;
    int failures_per_address = 50;
};
const SignInPolicy& sign_in_policy();
void set_sign_in_policy(const SignInPolicy& policy);  // at start-up only: not synchronised

// invalid_input for an unknown role, a missing or unknown agency for an agency admin, or a
// password under 10 characters.
// `must_change`: the password was chosen for the user (a letter), to be changed at the first
// sign-in.
Result<void> add_user(storage::Store& store, const std::string& user_id, const std::string& name, const std::string& role,
                      const std::string& agency_id, const std::string& password, const std::string& actor, bool must_change = false);

struct Login {
    std::string token;  // for the cookie
    storage::Session session;
};
// invalid_input for a wrong user or password (the same message for both); rate_limited after
// the policy's failures for the user and address (10) or from the address (50) in its window.
// A random token for a form that has no session yet (the sign-in form's CSRF token).
std::string new_form_token();

Result<Login> login(storage::Store& store, const std::string& user_id, const std::string& password, const std::string& remote,
                    std::int64_t now);
// invalid_input when `csrf` is not the session's token.
Result<void> logout(storage::Store& store, const std::string& token, const std::string& csrf, std::int64_t now);

// A password for someone else to use once (a first-sign-in letter, a reset): 12 letters and
// digits that cannot be mistaken for one another on paper (no 0/O, 1/l/I), in groups of four.
std::string temporary_password();

// An account just given a temporary password: what its letter says. The password exists only
// here; the database keeps its argon2id hash.
struct IssuedAccount {
    std::string user_id;
    std::string display_name;
    core::Role role = core::Role::agency_admin;
    std::string agency_id;
    std::string agency_name;
    std::string password;
};

// One working-group account for each agency named (none: every agency) that has none yet: user
// "wg-<agency id>", a temporary password to change at the first sign-in. Agencies that already
// have a working-group account are left alone. Audited.
Result<std::vector<IssuedAccount>> create_agency_accounts(storage::Store& store, const std::vector<std::string>& agency_ids,
                                                          const std::string& actor);
// A new temporary password for the user (every session ends; changed at the next sign-in).
Result<IssuedAccount> reset_password(storage::Store& store, const std::string& user_id, const std::string& actor);
// The user's own change: the current password, a new one of at least 10 characters that differs
// from it. invalid_input with the field ("current", "fresh") named. Every session ends; the
// returned one replaces the caller's.
Result<Login> change_password(storage::Store& store, const std::string& user_id, const std::string& current, const std::string& fresh,
                              std::int64_t now);
// Another role for an account ("national_admin", "agency_admin" with an agency of the
// database, "auditor"); its sessions end. invalid_input (Thai) for an unknown role or agency, or
// for one's own account.
Result<void> change_role(storage::Store& store, const std::string& user_id, const std::string& role, const std::string& agency_id,
                         const std::string& actor);
// Disables or enables an account; nobody disables their own (invalid_input).
Result<void> set_disabled(storage::Store& store, const std::string& user_id, bool disabled, const std::string& actor);

}  // namespace ita::service
