// Dates as Thai official documents write them: day, abbreviated Thai month, Buddhist-era year.
// Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ita::thai {

// "2022-10-01" (Common Era, as dates are stored) as "1 ต.ค. 2565". Text that is not a
// YYYY-MM-DD date is returned unchanged, so a bad stored value shows rather than throws.
[[nodiscard]] std::string short_thai_date(std::string_view iso);
// "2026-11-23T17:02:00Z" (UTC, as stamps are stored) as Thai time (UTC+7): "24 พ.ย. 2569 00:02 น.".
// Text that is not such a stamp is returned unchanged.
[[nodiscard]] std::string short_thai_time(std::string_view utc_stamp);

}  // namespace ita::thai
