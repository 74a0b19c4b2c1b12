// Rounding and formatting of scores for people. Pure functions, thread-safe.
#pragma once

#include <string>

namespace ita::util {

// Rounds to `places` decimals, halves away from zero. A value within a relative 1e-9 of a
// half is treated as that half, so 85.325 computed as 85.32499999999999 still becomes 85.33
// (the value a person computing by hand or in a spreadsheet publishes).
[[nodiscard]] double round_half_away(double value, int places = 2);

// "85.32": the value rounded as above, always with `places` decimals.
[[nodiscard]] std::string format_fixed(double value, int places = 2);

// Shortest text that reads back as the same double ("85.324", "100").
[[nodiscard]] std::string format_shortest(double value);

}  // namespace ita::util
