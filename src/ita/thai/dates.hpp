// Dates as Thai official documents write them: day, abbreviated Thai month, Buddhist-era year.
// Pure function, thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ita::thai {

// The months' names, January first: in full ("ตุลาคม") and as documents abbreviate them ("ต.ค.").
inline constexpr std::array<std::string_view, 12> month_names = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
                                                                 "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม"};
inline constexpr std::array<std::string_view, 12> month_abbreviations = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                                                         "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};

// "2022-10-01" (Common Era, as dates are stored) as "1 ต.ค. 2565". Text that is not a
// YYYY-MM-DD date is returned unchanged, so a bad stored value shows rather than throws.
[[nodiscard]] std::string short_thai_date(std::string_view iso);
// "2026-11-23T17:02:00Z" (UTC, as stamps are stored) as Thai time (UTC+7): "24 พ.ย. 2569 00:02 น.".
// Text that is not such a stamp is returned unchanged.
[[nodiscard]] std::string short_thai_time(std::string_view utc_stamp);

// A day as Thai officials type it, as an ISO date (Common Era): "31/3/2566" or "31/03/2566"
// (day/month/Buddhist-era year, Thai or Arabic digits, '/', '-' or '.' between), or an ISO date
// "2023-03-31" as scripts and date pickers send it. Nothing for anything else or a day that
// does not exist.
[[nodiscard]] std::optional<std::string> parse_thai_date(std::string_view text);
// "2023-03-31" as "31/03/2566", the form fields' own shape.
[[nodiscard]] std::string thai_form_date(std::string_view iso);
// A day and a time of day in Thailand ("2023-03-31", "09:30", Thai or Arabic digits) as the
// UTC stamp the database keeps ("2023-03-31T02:30:00Z"); nothing for a bad time.
[[nodiscard]] std::optional<std::string> bangkok_time_to_utc(std::string_view iso_day, std::string_view clock);

}  // namespace ita::thai
