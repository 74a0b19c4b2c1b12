// Validation of a Methodology built from a file: everything the scoring relies on.
// Pure function, thread-safe.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/util/error.hpp>

namespace ita::core {

// Success when the methodology is complete and consistent. Otherwise an Error listing every
// problem with the source file and the JSON pointer of the element: instrument weights that do
// not sum to 1, duplicate or malformed codes, indicators with no questions or items, points
// outside 0–100, verdict levels out of order, parts that do not cover their instrument, ...
Result<void> validate_methodology(const Methodology& methodology);

}  // namespace ita::core
