// Today's date in Thailand, for commands and pages (core never reads the clock). Season dates
// are Asia/Bangkok dates whatever the host's time zone (UTC+7 all year: Thailand keeps no
// daylight saving time). Thread-safe.
#pragma once

#include <ctime>
#include <string>

namespace ita::util {

// "2026-11-23", the date in Asia/Bangkok at `now`.
std::string bangkok_date(std::time_t now);
std::string bangkok_date_today();

}  // namespace ita::util
