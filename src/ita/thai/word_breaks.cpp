#include <ita/thai/word_breaks.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <thai/thbrk.h>

#include <algorithm>
#include <memory>

namespace ita::thai {

namespace {

bool is_thai_letter(UChar32 c) { return c >= 0x0E01 && c <= 0x0E5B && c != 0x0E3F && !(c >= 0x0E50 && c <= 0x0E59); }

// One word breaker per thread, made once (making one loads the dictionary's state).
icu::BreakIterator* thread_word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> words = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
        return U_FAILURE(status) ? nullptr : std::move(made);
    }();
    return words.get();
}

// libthai's breaker, one per thread (its dictionary is loaded once per breaker).
ThBrk* thread_thai_breaker() {
    struct Breaker {
        ThBrk* brk = th_brk_new(nullptr);
        ~Breaker() {
            if (brk) th_brk_delete(brk);
        }
    };
    thread_local Breaker breaker;
    return breaker.brk;
}

}  // namespace

std::vector<std::size_t> breaks_inside_words(std::string_view text) {
    std::vector<std::size_t> forbidden;
    // Thai letters are U+0E00–U+0E7F: E0 B8 xx or E0 B9 xx in UTF-8.
    bool has_thai = false;
    for (std::size_t at = 0; at + 1 < text.size() && !has_thai; ++at)
        has_thai = static_cast<unsigned char>(text[at]) == 0xE0 &&
                   (static_cast<unsigned char>(text[at + 1]) == 0xB8 || static_cast<unsigned char>(text[at + 1]) == 0xB9);
    auto* words = has_thai ? thread_word_breaker() : nullptr;
    auto* syllables = has_thai ? thread_thai_breaker() : nullptr;
    if (!words || !syllables) return forbidden;
    // The text once in UTF-16 (ICU's), with the byte offset of every UTF-16 unit (the caller's).
    const auto unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    std::vector<std::size_t> byte_at;
    byte_at.reserve(static_cast<std::size_t>(unicode.length()) + 1);
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        byte_at.push_back(at);
        if (length == 4) byte_at.push_back(at);  // a surrogate pair: two units
        at += length;
    }
    byte_at.push_back(text.size());
    if (byte_at.size() != static_cast<std::size_t>(unicode.length()) + 1) return forbidden;  // not well-formed UTF-8
    words->setText(unicode);
    std::string tis;  // one ICU word in TIS-620, libthai's encoding (U+0E01–U+0E5B is A1–FB)
    std::vector<int> positions;
    for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
        if (end - start < 3) continue;  // too short to hold a break between syllables
        tis.clear();
        for (int32_t unit = start; unit < end; ++unit) {
            const UChar32 c = unicode.charAt(unit);
            if (!is_thai_letter(c)) {
                tis.clear();
                break;
            }
            tis += static_cast<char>(c - 0x0E00 + 0xA0);
        }
        if (tis.empty()) continue;
        positions.resize(tis.size());
        const int found = th_brk_find_breaks(syllables, reinterpret_cast<const thchar_t*>(tis.c_str()), positions.data(), positions.size());
        for (int index = 0; index < found; ++index) {
            const int32_t inside = positions[static_cast<std::size_t>(index)];  // letters from the word's start
            if (inside > 0 && inside < end - start)
                forbidden.push_back(byte_at[static_cast<std::size_t>(start) + static_cast<std::size_t>(inside)]);
        }
    }
    return forbidden;
}

bool breaks_between_words(std::string_view left, std::string_view right) {
    const auto before = icu::UnicodeString::fromUTF8(icu::StringPiece(left.data(), static_cast<int32_t>(left.size())));
    const auto after = icu::UnicodeString::fromUTF8(icu::StringPiece(right.data(), static_cast<int32_t>(right.size())));
    if (before.isEmpty() || after.isEmpty()) return true;
    if (!is_thai_letter(before.char32At(before.length() - 1)) || !is_thai_letter(after.char32At(0))) return true;
    // The Thai run on each side of the join is enough context for the dictionary.
    int32_t start = before.length();
    while (start > 0 && is_thai_letter(before.char32At(start - 1))) --start;
    int32_t end = 0;
    while (end < after.length() && is_thai_letter(after.char32At(end))) ++end;
    icu::UnicodeString joined(before, start);
    const int32_t join = joined.length();
    joined.append(after, 0, end);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("th"), status));
    if (U_FAILURE(status) || !words) return true;
    words->setText(joined);
    return words->isBoundary(join) != 0;
}

}  // namespace ita::thai
