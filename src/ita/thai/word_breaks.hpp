// Thai word boundaries by ICU's dictionary: Thai writes no spaces between words, so a line may
// break only where a word ends. Used to check that laid-out text (the report's PDF) never breaks
// inside a word. Thread-safe (each call has its own break iterator).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace ita::thai {

// Whether a line break between `left` and `right` (UTF-8, as two lines end and begin) falls at a
// word boundary: always when either side is not a Thai letter; otherwise when ICU's Thai word
// breaker puts a boundary at the join of the text around it.
[[nodiscard]] bool breaks_between_words(std::string_view left, std::string_view right);

// The byte offsets in `text` (UTF-8) where libthai — Pango's Thai line breaker — would break a
// line although ICU's dictionary sees no word boundary there (it splits compounds such as
// เว็บ|ไซต์ and ผู้|รับผิดชอบ, and names it does not know). A layout must not break at them.
// Empty for text with no Thai.
[[nodiscard]] std::vector<std::size_t> breaks_inside_words(std::string_view text);

}  // namespace ita::thai
