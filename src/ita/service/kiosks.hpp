// Kiosk mode: a counter's shared device (a tablet at a service desk) on which citizens answer the
// EIT one after another. The working group turns it on for a device while signed in on it: the
// device gets a random token in a cookie for the agency's EIT address, the database only the
// token's keyed hash. On such a device the one-answer-per-browser rule gives way to a fresh
// browser token for each person, and a per-device limit an hour takes the place of the
// per-address one; how many answers each device sent is counted (never which answers), shown to
// the group and to auditors beside the integrity analytics. A device can be turned off.
#pragma once

#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

// EIT answers one counter device may send in an hour.
inline constexpr int kiosk_answers_per_hour = 20;

// The cookie that marks a counter device, for one agency's EIT address.
inline std::string kiosk_cookie_name(const std::string& agency_id) { return "ita_kiosk_" + agency_id; }

// Turns the device on: returns the token for its cookie. invalid_input for an empty label (the
// group names each device, "เคาน์เตอร์ชั้น 1") or one over 60 letters.
Result<std::string> add_kiosk(storage::Store& store, int fiscal_year, const std::string& agency_id, const std::string& label,
                              const std::string& actor, const std::string& today);

// The device behind a cookie's token, when it is on and belongs to this agency and year.
Result<std::optional<storage::Kiosk>> kiosk_for(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                                const std::string& token);

// The keyed hash a token is kept as.
Result<std::vector<std::uint8_t>> kiosk_hash(storage::Store& store, const std::string& token);

}  // namespace ita::service
