// Today's date in Thailand, for commands and pages (core never reads the clock). Season dates
// are Asia/Bangkok dates whatever the host's time zone (UTC+7 all year: Thailand keeps no
// daylight saving time). Thread-safe.
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace ita::util {

// "2026-11-23", the date in Asia/Bangkok at `now`.
std::string bangkok_date(std::time_t now);
std::string bangkok_date_today();

// "2026-11-30T18:20:01.123+07:00" at `milliseconds_since_epoch`: a log's or a file name's time.
std::string bangkok_timestamp(long long milliseconds_since_epoch);
std::string bangkok_timestamp_now();

// "02:00" as minutes after midnight (120); nullopt for anything but HH:MM within a day.
std::optional<int> minutes_of_day(const std::string& text);

}  // namespace ita::util
