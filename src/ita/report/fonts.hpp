// Whether the fonts the documents need are installed (ita doctor asks).
#pragma once

#include <string>

namespace ita::report {

// Whether fontconfig (through Pango) has a font of this family: the PDF and charts need
// Laksaman (Debian: fonts-thai-tlwg); without it Pango substitutes a font without Thai metrics.
bool font_family_installed(const std::string& family);

}  // namespace ita::report
