// Today's date on this machine's clock, for commands and pages (core never reads the clock).
// Thread-safe.
#pragma once

#include <string>

namespace ita::util {

// "2026-11-23" in local time.
std::string local_date_today();

}  // namespace ita::util
