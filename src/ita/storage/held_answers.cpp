#include <ita/storage/held_answers.hpp>

#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>

namespace ita::storage {

namespace {

// Version 2 added the part; answers held as version 1 (before it) open with none.
constexpr std::uint8_t format_version = 2;

std::array<std::uint8_t, crypto_secretbox_KEYBYTES> sealing_key(std::span<const std::uint8_t> secret) {
    std::array<std::uint8_t, crypto_secretbox_KEYBYTES> key{};
    constexpr std::string_view purpose = "ita held answers v1";
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), secret.data(),
                       secret.size());
    return key;
}

void put_text(std::vector<std::uint8_t>& bytes, std::string_view text) {
    bytes.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(text.size(), 255)));
    bytes.insert(bytes.end(), text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(text.size(), 255)));
}

}  // namespace

std::uint32_t secure_uniform(std::uint32_t upper_bound) { return randombytes_uniform(upper_bound); }

std::vector<std::uint8_t> seal_submission(std::span<const std::uint8_t> secret, const HeldSubmission& submission) {
    if (sodium_init() < 0) return {};
    std::vector<std::uint8_t> plain{format_version};
    put_text(plain, submission.hour);
    put_text(plain, submission.duration);
    put_text(plain, submission.part);
    plain.insert(plain.end(), submission.packed.begin(), submission.packed.end());
    std::vector<std::uint8_t> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
    const auto key = sealing_key(secret);
    crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES, plain.data(), plain.size(), sealed.data(), key.data());
    sodium_memzero(plain.data(), plain.size());
    return sealed;
}

Result<HeldSubmission> open_submission(std::span<const std::uint8_t> secret, std::span<const std::uint8_t> sealed) {
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + 3)
        return fail(ErrorCode::internal, "a held answer is too short to be one");
    std::vector<std::uint8_t> plain(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
    const auto key = sealing_key(secret);
    if (crypto_secretbox_open_easy(plain.data(), sealed.data() + crypto_secretbox_NONCEBYTES, sealed.size() - crypto_secretbox_NONCEBYTES,
                                   sealed.data(), key.data()) != 0)
        return fail(ErrorCode::internal, "a held answer cannot be opened with this secrets file (another deployment's key, or altered)");
    const std::uint8_t version = plain[0];
    if (version != 1 && version != format_version) return fail(ErrorCode::internal, "a held answer has an unknown format");
    std::size_t at = 1;
    const auto take_text = [&]() -> std::optional<std::string> {
        if (at >= plain.size() || at + 1 + plain[at] > plain.size()) return std::nullopt;
        std::string text(plain.begin() + static_cast<std::ptrdiff_t>(at + 1),
                         plain.begin() + static_cast<std::ptrdiff_t>(at + 1 + plain[at]));
        at += 1 + plain[at];
        return text;
    };
    auto hour = take_text();
    auto duration = take_text();
    auto part = version >= 2 ? take_text() : std::optional<std::string>(std::string());
    if (!hour || !duration || !part) return fail(ErrorCode::internal, "a held answer is damaged");
    HeldSubmission submission{std::vector<std::uint8_t>(plain.begin() + static_cast<std::ptrdiff_t>(at), plain.end()), std::move(*hour),
                              std::move(*duration), std::move(*part)};
    sodium_memzero(plain.data(), plain.size());
    return submission;
}

}  // namespace ita::storage
