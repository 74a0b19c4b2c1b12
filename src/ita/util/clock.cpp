#include <ita/util/clock.hpp>

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

}  // namespace ita::util
