#include <ita/thai/digits.hpp>

#include <ita/util/text.hpp>

namespace ita::thai {

std::string to_thai_digits(std::string_view text) {
    std::string result;
    result.reserve(text.size() * 3);
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            // U+0E50 + n is E0 B9 90+n in UTF-8.
            result += '\xE0';
            result += '\xB9';
            result += static_cast<char>('\x90' + (c - '0'));
        } else {
            result += c;
        }
    }
    return result;
}

std::string to_arabic_digits(std::string_view text) { return util::arabic_digits(text); }

}  // namespace ita::thai
