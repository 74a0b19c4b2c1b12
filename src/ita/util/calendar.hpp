// Dates and fiscal years, parsed and written in one place. Thai fiscal years are Buddhist-era
// (CE + 543) and run from 1 October to 30 September: fiscal 2566 is 2022-10-01..2023-09-30.
// Dates are ISO (YYYY-MM-DD, Common Era), as the database and the forms' date inputs keep them.
// Pure functions, thread-safe.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace ita::util {

// The Buddhist-era years ita accepts as a fiscal year.
inline constexpr int first_fiscal_year = 2500;
inline constexpr int last_fiscal_year = 2700;

// "2566" (in the range above) as 2566; nothing for anything else.
std::optional<int> parse_fiscal_year(std::string_view text);

// "2023-02-29" is not a date: exactly YYYY-MM-DD, a real day.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);
bool is_iso_date(std::string_view text);
std::string iso_date(std::chrono::year_month_day date);

// A UTC stamp "2026-05-31T14:05…" or hour "2026-05-31T14" as seconds since the epoch (the
// minutes as 0 when absent); nothing when it does not start so.
std::optional<std::time_t> parse_utc_stamp(std::string_view text);

// The fiscal year a day falls in, and its first and last day.
int fiscal_year_of(std::chrono::year_month_day date);
std::chrono::year_month_day fiscal_year_first_day(int fiscal_year);
std::chrono::year_month_day fiscal_year_last_day(int fiscal_year);

}  // namespace ita::util
