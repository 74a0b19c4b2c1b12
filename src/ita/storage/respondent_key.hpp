// Respondent keys: a keyed BLAKE2b-256 hash (libsodium) of agency, instrument and the label a
// file gives a respondent, so re-importing a file finds its respondents without the label ever
// being stored. The key is random per database. Thread-safe.
#pragma once

#include <ita/core/instrument.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ita::storage {

inline constexpr std::size_t respondent_key_size = 32;
using RespondentKey = std::array<std::uint8_t, respondent_key_size>;

// A new random secret for a database.
std::vector<std::uint8_t> new_respondent_secret();

RespondentKey respondent_key(std::span<const std::uint8_t> secret, std::string_view agency_id, core::Instrument instrument,
                             std::string_view label);

// The hex of a keyed hash of `text` for `purpose` (Store::stamp).
std::string keyed_stamp(std::span<const std::uint8_t> secret, std::string_view purpose, std::string_view text);

// A random 63-bit id: response rows carry no order of arrival.
std::int64_t random_response_id();

// "2026-11-23T08:11:03Z", now.
std::string utc_now();

}  // namespace ita::storage
