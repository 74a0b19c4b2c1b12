#include <ita/util/clock.hpp>

#include <ctime>

namespace ita::util {

std::string local_date_today() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace ita::util
