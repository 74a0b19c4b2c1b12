// The embedded methodology of a year, loaded once per test binary.
#pragma once

#include <ita/core/methodology.hpp>

namespace ita::test {

const core::Methodology& methodology(int fiscal_year);

}  // namespace ita::test
