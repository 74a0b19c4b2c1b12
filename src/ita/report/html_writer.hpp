// Writes a Document as one self-contained HTML page: the same content as the PDF, charts as
// inline SVG, and print CSS (A4, 16 pt Thai fonts, table headers repeated on every printed page).
// Pure; thread-safe.
#pragma once

#include <ita/report/document.hpp>

#include <ostream>

namespace ita::report {

void write_html(std::ostream& out, const Document& document, bool thai_digits = false);

}  // namespace ita::report
