#include <ita/thai/word_breaks.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

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

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> thai_words(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    // Thai letters are U+0E00–U+0E7F: E0 B8 xx or E0 B9 xx in UTF-8.
    bool has_thai = false;
    for (std::size_t at = 0; at + 1 < text.size() && !has_thai; ++at)
        has_thai = static_cast<unsigned char>(text[at]) == 0xE0 &&
                   (static_cast<unsigned char>(text[at + 1]) == 0xB8 || static_cast<unsigned char>(text[at + 1]) == 0xB9);
    auto* words = has_thai ? thread_word_breaker() : nullptr;
    if (!words) return ranges;
    // UTF-16 positions (ICU's) to byte offsets (the caller's).
    icu::UnicodeString unicode;
    std::vector<std::size_t> byte_at;
    byte_at.reserve(text.size() + 1);
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const auto piece =
            icu::UnicodeString::fromUTF8(icu::StringPiece(text.data() + at, static_cast<int32_t>(std::min(length, text.size() - at))));
        for (int32_t unit = 0; unit < piece.length(); ++unit) byte_at.push_back(at);
        unicode.append(piece);
        at += length;
    }
    byte_at.push_back(text.size());
    words->setText(unicode);
    for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next()) {
        if (unicode.countChar32(start, end - start) < 2) continue;
        bool thai = true;
        for (int32_t unit = start; unit < end && thai; ++unit) thai = is_thai_letter(unicode.char32At(unit));
        if (thai) ranges.emplace_back(byte_at[static_cast<std::size_t>(start)], byte_at[static_cast<std::size_t>(end)]);
    }
    return ranges;
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
