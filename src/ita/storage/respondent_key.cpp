#include <ita/storage/respondent_key.hpp>

#include <sodium.h>

#include <ctime>
#include <stdexcept>

namespace ita::storage {

namespace {
void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}
}  // namespace

std::vector<std::uint8_t> new_respondent_secret() {
    ensure_sodium();
    std::vector<std::uint8_t> secret(crypto_generichash_KEYBYTES);
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

RespondentKey respondent_key(std::span<const std::uint8_t> secret, std::string_view agency_id, core::Instrument instrument,
                             std::string_view label) {
    ensure_sodium();
    crypto_generichash_state state;
    crypto_generichash_init(&state, secret.data(), secret.size(), respondent_key_size);
    const auto feed = [&](std::string_view part) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
        const unsigned char separator = 0;
        crypto_generichash_update(&state, &separator, 1);
    };
    feed(agency_id);
    feed(core::instrument_code(instrument));
    feed(label);
    RespondentKey key{};
    crypto_generichash_final(&state, key.data(), key.size());
    return key;
}

std::int64_t random_response_id() {
    ensure_sodium();
    std::uint64_t value = 0;
    randombytes_buf(&value, sizeof value);
    return static_cast<std::int64_t>(value >> 1);
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string keyed_stamp(std::span<const std::uint8_t> secret, std::string_view purpose, std::string_view text) {
    const auto key = respondent_key(secret, purpose, core::Instrument::iit, text);
    std::array<char, respondent_key_size * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
    return std::string(hex.data(), respondent_key_size * 2);
}

}  // namespace ita::storage
