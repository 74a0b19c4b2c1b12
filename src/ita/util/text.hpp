// Small text helpers that know nothing of ITA. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ita::util {

// Removes ASCII spaces and tabs at both ends. Inline: it runs for every CSV field.
[[nodiscard, gnu::always_inline]] inline std::string_view trim(std::string_view text) {
    // Most fields have nothing to trim: one check of both ends, no loop.
    if (text.empty() || (static_cast<unsigned char>(text.front()) > ' ' && static_cast<unsigned char>(text.back()) > ' ')) return text;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Thai digits ๐–๙ replaced by 0–9, everything else kept: a code typed or copied from a
// document in Thai digits ("O๓๘", seed 002) names the same item as "O38".
[[nodiscard]] std::string arabic_digits(std::string_view text);

// ASCII lower case; other bytes (Thai) are kept.
[[nodiscard]] std::string ascii_lower(std::string_view text);

// The letters of a text a person wrote (ASCII letters and every code point beyond ASCII but
// Thai digits) and how many different ones: "xxxxxxxxxx" is ten letters, one distinct. For
// "say something" checks (a progress report, a correction's reason).
struct LetterCount {
    std::size_t letters = 0;
    std::size_t distinct = 0;
};
[[nodiscard]] LetterCount count_letters(std::string_view text);

// Parses a whole decimal number ("85.32", "-1", "1e2"); nullopt when there is anything else.
[[nodiscard]] std::optional<double> parse_double(std::string_view text);

// Parses a whole non-negative integer; nullopt when there is anything else.
[[nodiscard]] std::optional<long long> parse_integer(std::string_view text);

// The next word of `rest` (words are separated by any of `separators`, by default white
// space), taking it and what precedes it off `rest`; empty when no word is left. For fields
// read on every row of a national file: no stream, no copy, no allocation.
//   for (std::string_view rest = text, word; !(word = util::next_word(rest)).empty();) ...
[[nodiscard]] std::string_view next_word(std::string_view& rest, std::string_view separators = " \t\r\n");

// Quotes text for a message: 'abc' (cut to 40 bytes on a UTF-8 boundary).
[[nodiscard]] std::string quoted(std::string_view text);

// The offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or nothing when all of it is.
[[nodiscard]] std::optional<std::size_t> invalid_utf8_at(std::string_view text);

}  // namespace ita::util
