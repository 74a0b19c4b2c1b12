#include <ita/service/accounts.hpp>

#include <ita/util/identifier.hpp>

#include <sodium.h>

#include <algorithm>

namespace ita::service {

namespace {

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string text(bytes * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), raw.data(), raw.size());
    text.pop_back();
    return text;
}

}  // namespace

Result<void> add_user(storage::Store& store, const std::string& user_id, const std::string& name, const std::string& role,
                      const std::string& agency_id, const std::string& password, const std::string& actor) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    if (const auto problem = util::identifier_problem(user_id); !problem.empty()) return fail(ErrorCode::invalid_input, "--user " + problem);
    if (role != "national_admin" && role != "agency_admin" && role != "auditor")
        return fail(ErrorCode::invalid_input, "--role must be national_admin, agency_admin or auditor");
    if (role == "agency_admin") {
        ITA_TRY(agency, store.agency(agency_id));
        if (!agency)
            return fail(ErrorCode::invalid_input, "an agency admin needs --agency with an agency of the database");
    }
    if (password.size() < 10) return fail(ErrorCode::invalid_input, "the password must have at least 10 characters");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fail(ErrorCode::internal, "out of memory while hashing the password");
    return store.add_user({user_id, name, role, role == "agency_admin" ? agency_id : "", hash}, actor);
}

Result<Login> login(storage::Store& store, const std::string& user_id, const std::string& password, const std::string& remote, std::int64_t now) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    const std::int64_t window = now / 900;
    ITA_TRY(user_allowed, store.allow_hit("login-user:" + user_id, window, 10));
    ITA_TRY(address_allowed, store.allow_hit("login-address:" + remote, window, 50));
    if (!user_allowed || !address_allowed) return fail(ErrorCode::rate_limited, "too many login attempts: try again in 15 minutes");
    const auto found = store.user(user_id);
    const bool valid = found && !found->password_hash.empty() &&
                       crypto_pwhash_str_verify(found->password_hash.c_str(), password.c_str(), password.size()) == 0;
    if (!valid) {
        ITA_TRY_VOID(store.record(user_id, "login failed", "address hashed away"));
        return fail(ErrorCode::invalid_input, "wrong user or password");
    }
    Login result{random_hex(32), {*found, random_hex(16), now + session_seconds}};
    ITA_TRY_VOID(store.add_session(result.token, user_id, result.session.csrf, result.session.expires_at));
    ITA_TRY_VOID(store.record(user_id, "login", ""));
    return result;
}

Result<void> logout(storage::Store& store, const std::string& token, const std::string& csrf, std::int64_t now) {
    ITA_TRY(session, store.session(token, now));
    if (csrf.size() != session.csrf.size() || sodium_memcmp(csrf.data(), session.csrf.data(), csrf.size()) != 0)
        return fail(ErrorCode::invalid_input, "the form's CSRF token does not match the session");
    ITA_TRY_VOID(store.remove_session(token));
    return store.record(session.user.user_id, "logout", "");
}

}  // namespace ita::service
