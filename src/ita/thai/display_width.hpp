// Terminal display width of UTF-8 text: Thai above and below vowels and tone marks take no
// column, East Asian wide characters take two. Pure function, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ita::thai {

[[nodiscard]] std::size_t display_width(std::string_view utf8);

// Pads `utf8` with spaces on the right (or left when `align_right`) to `width` columns.
[[nodiscard]] std::string pad(std::string_view utf8, std::size_t width, bool align_right = false);

}  // namespace ita::thai
