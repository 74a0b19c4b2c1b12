#include <ita/util/calendar.hpp>

#include <charconv>

namespace ita::util {

namespace {
// The digits at `text[from, from + count)` as a number, or -1.
int digits(std::string_view text, std::size_t from, std::size_t count) {
    if (text.size() < from + count) return -1;
    int value = 0;
    for (std::size_t index = from; index < from + count; ++index) {
        const char c = text[index];
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}
}  // namespace

std::optional<int> parse_fiscal_year(std::string_view text) {
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (error != std::errc() || end != text.data() + text.size() || year < first_fiscal_year || year > last_fiscal_year)
        return std::nullopt;
    return year;
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

bool is_iso_date(std::string_view text) { return parse_iso_date(text).has_value(); }

std::string iso_date(std::chrono::year_month_day date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

std::optional<std::time_t> parse_utc_stamp(std::string_view text) {
    const auto date = parse_iso_date(text.substr(0, 10));
    if (!date || text.size() < 13 || text[10] != 'T') return std::nullopt;
    const int hour = digits(text, 11, 2);
    const int minute = text.size() >= 16 && text[13] == ':' ? digits(text, 14, 2) : 0;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
    const auto days = std::chrono::sys_days{*date}.time_since_epoch().count();
    return static_cast<std::time_t>(days) * 86400 + std::time_t{hour} * 3600 + std::time_t{minute} * 60;
}

int fiscal_year_of(std::chrono::year_month_day date) {
    return static_cast<int>(date.year()) + 543 + (date.month() >= std::chrono::October ? 1 : 0);
}

std::chrono::year_month_day fiscal_year_first_day(int fiscal_year) {
    return {std::chrono::year{fiscal_year - 544}, std::chrono::October, std::chrono::day{1}};
}

std::chrono::year_month_day fiscal_year_last_day(int fiscal_year) {
    return {std::chrono::year{fiscal_year - 543}, std::chrono::September, std::chrono::day{30}};
}

}  // namespace ita::util
