#include <ita/service/accounts.hpp>

#include <ita/util/identifier.hpp>

#include <sodium.h>

#include <algorithm>
#include <limits>

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

// A hash of a random password, made once with the same work factor as every stored one.
const std::string& unknown_user_hash() {
    static const std::string hash = [] {
        const std::string random = random_hex(16);
        char text[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(text, random.c_str(), random.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return std::string();
        return std::string(text);
    }();
    return hash;
}

}  // namespace

std::string new_form_token() {
    if (sodium_init() < 0) return {};
    return random_hex(16);
}

Result<void> add_user(storage::Store& store, const std::string& user_id, const std::string& name, const std::string& role,
                      const std::string& agency_id, const std::string& password, const std::string& actor) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    if (const auto problem = util::identifier_problem(user_id); !problem.empty())
        return fail(ErrorCode::invalid_input, "--user " + problem);
    const auto parsed = core::parse_role(role);
    if (!parsed) return fail(ErrorCode::invalid_input, "--role must be national_admin, agency_admin or auditor");
    if (parsed == core::Role::agency_admin) {
        ITA_TRY(agency, store.agency(agency_id));
        if (!agency) return fail(ErrorCode::invalid_input, "an agency admin needs --agency with an agency of the database");
    }
    if (password.size() < 10) return fail(ErrorCode::invalid_input, "the password must have at least 10 characters");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fail(ErrorCode::internal, "out of memory while hashing the password");
    return store.add_user({user_id, name, *parsed, parsed == core::Role::agency_admin ? agency_id : "", hash}, actor);
}

Result<Login> login(storage::Store& store, const std::string& user_id, const std::string& password, const std::string& remote,
                    std::int64_t now) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    // Only failures count, per user *and* address (so no one can lock another person's
    // account from elsewhere) and per address (so one address cannot try many accounts).
    const std::int64_t window = now / failure_window_seconds;
    const std::string pair_key = "login-failures:" + user_id + "\n" + remote, address_key = "login-failures-address:" + remote;
    ITA_TRY(pair_failures, store.count_hits(pair_key, window));
    ITA_TRY(address_failures, store.count_hits(address_key, window));
    if (pair_failures >= failures_per_user_and_address || address_failures >= failures_per_address)
        return fail(ErrorCode::rate_limited, "too many failed sign-ins from this address: try again in 15 minutes");
    const auto found = store.user(user_id);
    // An unknown user costs the same argon2id work as a known one: the time says nothing.
    const std::string& hash = found && !found->password_hash.empty() ? found->password_hash : unknown_user_hash();
    const bool valid =
        crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0 && found && !found->password_hash.empty();
    if (!valid) {
        for (const auto* key : {&pair_key, &address_key})
            if (auto counted = store.allow_hit(*key, window, std::numeric_limits<int>::max()); !counted)
                return std::unexpected(counted.error());
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
