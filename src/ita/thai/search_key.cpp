#include <ita/thai/search_key.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

namespace ita::thai {

namespace {

constexpr UChar32 nikhahit = 0x0E4D, sara_aa = 0x0E32, sara_am = 0x0E33;

bool is_tone_mark(UChar32 c) { return c >= 0x0E48 && c <= 0x0E4B; }
// Marks written above or below a consonant, in the order the key keeps them: vowels first,
// then tone marks, then the other signs.
int mark_rank(UChar32 c) {
    if (c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || c == 0x0E47) return 1;
    if (is_tone_mark(c)) return 2;
    if (c == 0x0E4C || c == nikhahit || c == 0x0E4E) return 3;
    return 0;
}

std::vector<UChar32> code_points(std::string_view text) {
    std::vector<UChar32> points;
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t offset = 0; offset < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, offset, length, c);
        if (c < 0) continue;                                     // a malformed byte is dropped
        if (c >= 0x0E50 && c <= 0x0E59) c = '0' + (c - 0x0E50);  // Thai digits
        if (u_isalnum(c) || mark_rank(c) != 0 || c == sara_am || c == sara_aa ||
            (c >= 0x0E00 && c <= 0x0E7F && c != 0x0E2F && c != 0x0E46 && c != 0x0E5A && c != 0x0E5B))
            points.push_back(u_tolower(c));
    }
    return points;
}

}  // namespace

std::string search_key(std::string_view text) {
    auto points = code_points(text);
    // Nikhahit (+ tone marks) + sara aa → (tone marks +) sara am.
    for (std::size_t index = 0; index < points.size(); ++index) {
        if (points[index] != nikhahit) continue;
        std::size_t next = index + 1;
        while (next < points.size() && is_tone_mark(points[next])) ++next;
        if (next < points.size() && points[next] == sara_aa) {
            std::rotate(points.begin() + static_cast<std::ptrdiff_t>(index), points.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                        points.begin() + static_cast<std::ptrdiff_t>(next) + 1);
            points.erase(points.begin() + static_cast<std::ptrdiff_t>(next));
            points[next - 1] = sara_am;
        }
    }
    // Marks above and below a consonant in one order.
    for (std::size_t start = 0; start < points.size();) {
        std::size_t end = start;
        while (end < points.size() && mark_rank(points[end]) != 0) ++end;
        if (end > start + 1)
            std::stable_sort(points.begin() + static_cast<std::ptrdiff_t>(start), points.begin() + static_cast<std::ptrdiff_t>(end),
                             [](UChar32 a, UChar32 b) { return mark_rank(a) < mark_rank(b); });
        start = end == start ? start + 1 : end;
    }
    std::string key;
    key.reserve(text.size());
    for (const UChar32 c : points) {
        char buffer[4];
        int32_t length = 0;
        U8_APPEND_UNSAFE(buffer, length, c);
        key.append(buffer, static_cast<std::size_t>(length));
    }
    return key;
}

std::string skeleton_key(std::string_view key) {
    std::string skeleton;
    skeleton.reserve(key.size());
    for (std::size_t at = 0; at < key.size();) {
        // Leading vowels are U+0E40–U+0E44: E0 B9 80–84 in UTF-8.
        if (at + 2 < key.size() && static_cast<unsigned char>(key[at]) == 0xE0 && static_cast<unsigned char>(key[at + 1]) == 0xB9 &&
            static_cast<unsigned char>(key[at + 2]) >= 0x80 && static_cast<unsigned char>(key[at + 2]) <= 0x84) {
            at += 3;
            continue;
        }
        skeleton += key[at++];
    }
    return skeleton;
}

}  // namespace ita::thai
