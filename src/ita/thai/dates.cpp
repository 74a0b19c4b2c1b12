#include <ita/thai/dates.hpp>

#include <cstdio>
#include <ctime>
#include <ita/util/calendar.hpp>

#include <charconv>

namespace ita::thai {

namespace {

bool parse_int(std::string_view text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string short_thai_date(std::string_view iso) {
    static constexpr const char* months[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                             "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};
    int year = 0, month = 0, day = 0;
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !parse_int(iso.substr(0, 4), year) || !parse_int(iso.substr(5, 2), month) ||
        !parse_int(iso.substr(8, 2), day) || month < 1 || month > 12 || day < 1 || day > 31)
        return std::string(iso);
    return std::to_string(day) + " " + months[month - 1] + " " + std::to_string(year + 543);
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

}  // namespace ita::thai
