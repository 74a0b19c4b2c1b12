#include <ita/thai/dates.hpp>

#include <ita/thai/digits.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/text.hpp>

#include <cstdio>
#include <ctime>

#include <charconv>

namespace ita::thai {

namespace {

bool parse_int(std::string_view text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string short_thai_date(std::string_view iso) {
    int year = 0, month = 0, day = 0;
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !parse_int(iso.substr(0, 4), year) || !parse_int(iso.substr(5, 2), month) ||
        !parse_int(iso.substr(8, 2), day) || month < 1 || month > 12 || day < 1 || day > 31)
        return std::string(iso);
    return std::to_string(day) + " " + std::string(month_abbreviations[static_cast<std::size_t>(month - 1)]) + " " +
           std::to_string(year + 543);
}

std::string short_thai_time(std::string_view utc_stamp) {
    const auto utc = utc_stamp.size() >= 16 ? util::parse_utc_stamp(utc_stamp) : std::nullopt;  // minutes needed
    if (!utc) return std::string(utc_stamp);
    const std::time_t thai_time = *utc + std::time_t{7} * 3600;  // Thailand keeps UTC+7 all year
    std::tm local{};
    gmtime_r(&thai_time, &local);
    char date[16], clock[8];
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    std::strftime(clock, sizeof clock, "%H:%M", &local);
    return short_thai_date(date) + " " + clock + " น.";
}

std::optional<std::string> parse_thai_date(std::string_view text) {
    const std::string typed = thai::to_arabic_digits(util::trim(text));
    if (util::is_iso_date(typed)) return typed;
    int parts[3] = {0, 0, 0};
    std::size_t part = 0, start = 0;
    for (std::size_t at = 0; at <= typed.size(); ++at) {
        if (at < typed.size() && typed[at] != '/' && typed[at] != '-' && typed[at] != '.') continue;
        if (part == 3 || !parse_int(std::string_view(typed).substr(start, at - start), parts[part])) return std::nullopt;
        ++part;
        start = at + 1;
    }
    if (part != 3 || parts[2] < 2400 || parts[2] > 2800) return std::nullopt;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", parts[2] - 543, parts[1], parts[0]);
    if (!util::is_iso_date(iso)) return std::nullopt;
    return std::string(iso);
}

std::string thai_form_date(std::string_view iso) {
    const auto day = util::parse_iso_date(iso);
    if (!day) return std::string(iso);
    char text[16];
    std::snprintf(text, sizeof text, "%02u/%02u/%d", static_cast<unsigned>(day->day()), static_cast<unsigned>(day->month()),
                  static_cast<int>(day->year()) + 543);
    return text;
}

std::optional<std::string> bangkok_time_to_utc(std::string_view iso_day, std::string_view clock) {
    const auto day = util::parse_iso_date(iso_day);
    const std::string typed = thai::to_arabic_digits(util::trim(clock));
    const auto colon = typed.find_first_of(":.");
    int hour = 0, minute = 0;
    if (!day || colon == std::string::npos || !parse_int(std::string_view(typed).substr(0, colon), hour) ||
        !parse_int(std::string_view(typed).substr(colon + 1), minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return std::nullopt;
    const auto seconds = std::chrono::sys_days(*day).time_since_epoch() + std::chrono::hours(hour - 7) + std::chrono::minutes(minute);
    const std::time_t utc = std::chrono::duration_cast<std::chrono::seconds>(seconds).count();
    std::tm parts{};
    gmtime_r(&utc, &parts);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(stamp);
}

}  // namespace ita::thai
