// Thai digits (๐–๙) for documents that use them. Pure function, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ita::thai {

// Replaces each ASCII digit 0–9 with the Thai digit ๐–๙; everything else is kept.
[[nodiscard]] std::string to_thai_digits(std::string_view text);
// Replaces each Thai digit ๐–๙ with the ASCII digit 0–9; everything else is kept.
[[nodiscard]] std::string to_arabic_digits(std::string_view text);

}  // namespace ita::thai
