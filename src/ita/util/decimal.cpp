#include <ita/util/decimal.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ita::util {

double round_half_away(double value, int places) {
    const double scale = std::pow(10.0, places);
    const double scaled = std::abs(value) * scale;
    const double lower = std::floor(scaled);
    const double fraction = scaled - lower;
    const double tolerance = 1e-9 * std::max(1.0, scaled);
    const double magnitude = (fraction >= 0.5 - tolerance) ? lower + 1.0 : lower;
    return std::copysign(magnitude / scale, value);
}

std::string format_fixed(double value, int places) {
    const double rounded = round_half_away(value, places);
    char buffer[64];
    const int length = std::snprintf(buffer, sizeof buffer, "%.*f", places, rounded == 0.0 ? 0.0 : rounded);
    return std::string(buffer, static_cast<std::size_t>(length));
}

std::string format_shortest(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

}  // namespace ita::util
