// Search keys for Thai names: the same key for the ways one name reaches a search box —
// with or without spaces, zero-width characters or punctuation; with the sara am typed or
// copied as nikhahit + sara aa (ํ + า, as PDFs often give it); with a tone mark and an upper
// vowel in either order; with Thai or Arabic digits; Latin in any case. A leading vowel (เ แ โ
// ใ ไ) typed after its consonant instead of before cannot be put back in place (ทเศ: of ท or of
// ศ?), so the looser skeleton key leaves leading vowels out. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ita::thai {

// The key of a text: find a query's key inside a name's key to match.
[[nodiscard]] std::string search_key(std::string_view text);
// The key without leading vowels: matches whatever order they were typed in.
[[nodiscard]] std::string skeleton_key(std::string_view key);

}  // namespace ita::thai
