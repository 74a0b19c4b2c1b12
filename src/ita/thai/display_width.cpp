#include <ita/thai/display_width.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace ita::thai {

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    int32_t offset = 0;
    const auto length = static_cast<int32_t>(utf8.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    while (offset < length) {
        UChar32 code_point = 0;
        U8_NEXT(bytes, offset, length, code_point);
        if (code_point < 0) {
            ++width;  // an invalid byte shows as one replacement character
            continue;
        }
        const auto category = u_charType(code_point);
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) continue;
        const auto east_asian = u_getIntPropertyValue(code_point, UCHAR_EAST_ASIAN_WIDTH);
        width += (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

std::string pad(std::string_view utf8, std::size_t width, bool align_right) {
    const std::size_t current = display_width(utf8);
    if (current >= width) return std::string(utf8);
    const std::string spaces(width - current, ' ');
    return align_right ? spaces + std::string(utf8) : std::string(utf8) + spaces;
}

}  // namespace ita::thai
