#include <ita/thai/digits.hpp>

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

std::string to_arabic_digits(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t index = 0; index < text.size(); ++index) {
        if (index + 2 < text.size() && text[index] == '\xE0' && text[index + 1] == '\xB9' && text[index + 2] >= '\x90' &&
            text[index + 2] <= '\x99') {
            result += static_cast<char>('0' + (text[index + 2] - '\x90'));
            index += 2;
        } else {
            result += text[index];
        }
    }
    return result;
}

}  // namespace ita::thai
