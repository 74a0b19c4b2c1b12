#include <ita/service/accounts.hpp>

#include <ita/util/identifier.hpp>

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

namespace ita::service {

namespace {
SignInPolicy& policy_in_force() {
    static SignInPolicy policy;
    return policy;
}
}  // namespace

const SignInPolicy& sign_in_policy() { return policy_in_force(); }
void set_sign_in_policy(const SignInPolicy& policy) { policy_in_force() = policy; }

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

namespace {

Result<std::string> password_hash(const std::string& password) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return fail(ErrorCode::internal, "out of memory while hashing the password");
    return std::string(hash);
}

}  // namespace

std::string temporary_password() {
    static constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    if (sodium_init() < 0) return {};
    std::string password;
    for (int index = 0; index < 12; ++index) {
        if (index > 0 && index % 4 == 0) password += '-';
        password += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
    }
    return password;
}

Result<std::vector<IssuedAccount>> create_agency_accounts(storage::Store& store, const std::vector<std::string>& agency_ids,
                                                          const std::string& actor) {
    ITA_TRY(agencies, store.agencies());
    ITA_TRY(users, store.users());
    std::set<std::string> served;
    for (const auto& user : users)
        if (user.role == core::Role::agency_admin) served.insert(user.agency_id);
    std::set<std::string> taken;
    for (const auto& user : users) taken.insert(user.user_id);
    const std::set<std::string> named(agency_ids.begin(), agency_ids.end());
    for (const auto& id : named)
        if (std::none_of(agencies.begin(), agencies.end(), [&](const core::Agency& agency) { return agency.agency_id == id; }))
            return fail(ErrorCode::invalid_input, "ไม่พบหน่วยงาน " + id);
    std::vector<IssuedAccount> issued;
    for (const auto& agency : agencies) {
        if ((!named.empty() && !named.contains(agency.agency_id)) || served.contains(agency.agency_id)) continue;
        std::string user_id = "wg-" + agency.agency_id;
        std::transform(user_id.begin(), user_id.end(), user_id.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!util::is_identifier(user_id) || taken.contains(user_id)) continue;  // agency ids are identifiers; a name taken by hand stays
        IssuedAccount account{user_id,     "คณะทำงาน ITA " + agency.name, core::Role::agency_admin, agency.agency_id,
                              agency.name, temporary_password()};
        ITA_TRY(hash, password_hash(account.password));
        ITA_TRY_VOID(store.add_user({user_id, account.display_name, core::Role::agency_admin, agency.agency_id, hash, false, true}, actor));
        issued.push_back(std::move(account));
    }
    return issued;
}

Result<IssuedAccount> reset_password(storage::Store& store, const std::string& user_id, const std::string& actor) {
    ITA_TRY(user, store.user(user_id));
    IssuedAccount account{user.user_id, user.display_name, user.role, user.agency_id, "", temporary_password()};
    if (!user.agency_id.empty()) {
        ITA_TRY(agency, store.agency(user.agency_id));
        if (agency) account.agency_name = agency->name;
    }
    ITA_TRY(hash, password_hash(account.password));
    ITA_TRY_VOID(store.set_password(user_id, hash, true, actor));
    return account;
}

Result<Login> change_password(storage::Store& store, const std::string& user_id, const std::string& current, const std::string& fresh,
                              std::int64_t now) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    ITA_TRY(user, store.user(user_id));
    const auto refuse = [](std::string field, std::string message) {
        Error error{ErrorCode::invalid_input, message, {{"", 0, std::move(field), message}}, 0};
        return std::unexpected(std::move(error));
    };
    if (user.password_hash.empty() || crypto_pwhash_str_verify(user.password_hash.c_str(), current.c_str(), current.size()) != 0)
        return refuse("current", "รหัสผ่านปัจจุบันไม่ถูกต้อง");
    if (fresh.size() < 10) return refuse("fresh", "รหัสผ่านใหม่ต้องยาวอย่างน้อย 10 ตัวอักษร");
    if (fresh == current) return refuse("fresh", "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม");
    ITA_TRY(hash, password_hash(fresh));
    ITA_TRY_VOID(store.set_password(user_id, hash, false, user_id));
    user.must_change_password = false;
    Login result{random_hex(32), {user, random_hex(16), now + sign_in_policy().session_seconds}};
    result.session.user.password_hash.clear();
    ITA_TRY_VOID(store.add_session(result.token, user_id, result.session.csrf, result.session.expires_at));
    return result;
}

Result<void> change_role(storage::Store& store, const std::string& user_id, const std::string& role, const std::string& agency_id,
                         const std::string& actor) {
    if (user_id == actor) return fail(ErrorCode::invalid_input, "เปลี่ยนบทบาทของบัญชีตนเองไม่ได้");
    const auto parsed = core::parse_role(role);
    if (!parsed) return fail(ErrorCode::invalid_input, "บทบาท: เลือกจากรายการ");
    if (*parsed == core::Role::agency_admin) {
        ITA_TRY(agency, store.agency(agency_id));
        if (!agency) return fail(ErrorCode::invalid_input, "รหัสหน่วยงาน: คณะทำงานต้องระบุหน่วยงานที่มีในระบบ");
    }
    return store.set_user_role(user_id, *parsed, *parsed == core::Role::agency_admin ? agency_id : "", actor);
}

Result<void> set_disabled(storage::Store& store, const std::string& user_id, bool disabled, const std::string& actor) {
    if (disabled && user_id == actor) return fail(ErrorCode::invalid_input, "ระงับบัญชีของตนเองไม่ได้");
    return store.set_user_disabled(user_id, disabled, actor);
}

Result<void> add_user(storage::Store& store, const std::string& user_id, const std::string& name, const std::string& role,
                      const std::string& agency_id, const std::string& password, const std::string& actor, bool must_change) {
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
    ITA_TRY(hash, password_hash(password));
    return store.add_user({user_id, name, *parsed, parsed == core::Role::agency_admin ? agency_id : "", hash, false, must_change}, actor);
}

Result<Login> login(storage::Store& store, const std::string& user_id, const std::string& password, const std::string& remote,
                    std::int64_t now) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    // Only failures count, per user *and* address (so no one can lock another person's
    // account from elsewhere) and per address (so one address cannot try many accounts).
    const auto& policy = sign_in_policy();
    const std::int64_t window = now / policy.failure_window_seconds;
    const std::string pair_key = "login-failures:" + user_id + "\n" + remote, address_key = "login-failures-address:" + remote;
    ITA_TRY(pair_failures, store.count_hits(pair_key, window));
    ITA_TRY(address_failures, store.count_hits(address_key, window));
    if (pair_failures >= policy.failures_per_user_and_address || address_failures >= policy.failures_per_address)
        return fail(ErrorCode::rate_limited, "too many failed sign-ins from this address: try again in " +
                                                 std::to_string(policy.failure_window_seconds / 60) + " minutes");
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
    if (found->disabled) return fail(ErrorCode::conflict, "the account is disabled");
    Login result{random_hex(32), {*found, random_hex(16), now + sign_in_policy().session_seconds}};
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
