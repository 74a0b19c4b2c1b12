// Thai collation (ICU, locale "th"): the order of Thai dictionaries, not of code points, so
// that provinces and agency types are listed as people expect. Thread-safe (a collator is
// created per call).
#pragma once

#include <string>
#include <vector>

namespace ita::thai {

// Sorts UTF-8 strings in Thai dictionary order.
void sort_thai(std::vector<std::string>& texts);

}  // namespace ita::thai
