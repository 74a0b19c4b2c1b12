#include <ita/util/clock.hpp>

#include <chrono>
#include <cstdio>

namespace ita::util {

std::string bangkok_date(std::time_t now) {
    constexpr std::time_t bangkok_offset = std::time_t{7} * 3600;
    const std::time_t shifted = now + bangkok_offset;
    std::tm parts{};
    gmtime_r(&shifted, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

std::string bangkok_date_today() { return bangkok_date(std::time(nullptr)); }

std::string bangkok_timestamp(long long milliseconds_since_epoch) {
    // Thailand keeps UTC+7 all year (no daylight saving): the offset is fixed.
    constexpr long long offset_ms = 7LL * 3600 * 1000;
    const long long local_ms = milliseconds_since_epoch + offset_ms;
    const std::time_t seconds = static_cast<std::time_t>(local_ms / 1000);
    std::tm parts{};
    ::gmtime_r(&seconds, &parts);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+07:00", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                  parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(local_ms % 1000));
    return text;
}

std::string bangkok_timestamp_now() {
    return bangkok_timestamp(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

std::optional<int> minutes_of_day(const std::string& text) {
    int hour = -1, minute = -1;
    char end = 0;
    if (std::sscanf(text.c_str(), "%d:%d%c", &hour, &minute, &end) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return std::nullopt;
    return hour * 60 + minute;
}

}  // namespace ita::util
