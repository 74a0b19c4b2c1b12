// Held answers: a survey submission as it waits, sealed, until its survey window closes. Spending
// a code (or a browser token) and holding its answers happen in one transaction, so that no
// acknowledged answer can be lost; what that transaction writes is opaque without the secrets
// file. When the window closes, release (Store::release_held_answers) opens every held answer
// of the year and instrument, shuffles them and writes them as response rows in one
// transaction, and counts their hours and completion times: from then on no transaction id,
// WAL commit, row position or time links a response to the code that brought it.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ita::storage {

// One submission: its packed answers, its UTC hour ("2026-05-31T14") and its completion-time
// bucket (core::duration_bucket_code), the last two only ever counted, and the EIT respondent
// part the form answers (the same for every web answer of a year; empty: none).
struct HeldSubmission {
    std::vector<std::uint8_t> packed;
    std::string hour;
    std::string duration;
    std::string part;
};

// XSalsa20-Poly1305 (libsodium secretbox) under a key derived from the deployment's secret.
std::vector<std::uint8_t> seal_submission(std::span<const std::uint8_t> secret, const HeldSubmission& submission);
// internal error when the bytes were not sealed under this secret or were altered.
Result<HeldSubmission> open_submission(std::span<const std::uint8_t> secret, std::span<const std::uint8_t> sealed);

// Shuffles in place with the system's cryptographic randomness (Fisher–Yates).
template <typename T>
void shuffle_securely(std::vector<T>& items);

std::uint32_t secure_uniform(std::uint32_t upper_bound);

template <typename T>
void shuffle_securely(std::vector<T>& items) {
    for (std::size_t index = items.size(); index > 1; --index) {
        const auto other = secure_uniform(static_cast<std::uint32_t>(index));
        std::swap(items[index - 1], items[other]);
    }
}

}  // namespace ita::storage
