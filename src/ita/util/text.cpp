#include <ita/util/text.hpp>

#include <cctype>

#include <set>

#include <cstdint>
#include <cstring>

#include <charconv>

namespace ita::util {

std::string arabic_digits(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t index = 0; index < text.size(); ++index) {
        // U+0E50–U+0E59 are E0 B9 90–99 in UTF-8.
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

std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

std::optional<double> parse_double(std::string_view text) {
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<long long> parse_integer(std::string_view text) {
    long long value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

std::string quoted(std::string_view text) {
    constexpr std::size_t limit = 40;
    if (text.size() <= limit) return "'" + std::string(text) + "'";
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "'" + std::string(text.substr(0, cut)) + "…'";
}

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
        // ASCII, eight bytes at a time: most of an answers file.
        if (at + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes + at, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                at += 8;
                continue;
            }
        }
        const unsigned char lead = bytes[at];
        if (lead < 0x80) {
            ++at;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF)
            length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return at;
        }
        if (at + length > size) return at;
        if (bytes[at + 1] < low || bytes[at + 1] > high) return at;
        for (std::size_t next = 2; next < length; ++next)
            if (bytes[at + next] < 0x80 || bytes[at + next] > 0xBF) return at;
        at += length;
    }
    return std::nullopt;
}

LetterCount count_letters(std::string_view text) {
    LetterCount count;
    std::set<std::uint32_t> seen;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t point = lead < 0x80 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t next = 1; next < length && at + next < text.size(); ++next)
            point = (point << 6) | (static_cast<unsigned char>(text[at + next]) & 0x3F);
        at += length;
        const bool thai_digit = point >= 0x0E50 && point <= 0x0E59;
        if (point >= 0x80 ? thai_digit : std::isalpha(static_cast<int>(point)) == 0) continue;
        ++count.letters;
        seen.insert(point);
    }
    count.distinct = seen.size();
    return count;
}

std::string_view next_word(std::string_view& rest, std::string_view separators) {
    const std::size_t begin = rest.find_first_not_of(separators);
    if (begin == std::string_view::npos) {
        rest = {};
        return {};
    }
    const std::size_t end = std::min(rest.find_first_of(separators, begin), rest.size());
    const std::string_view word = rest.substr(begin, end - begin);
    rest.remove_prefix(end);
    return word;
}

}  // namespace ita::util
