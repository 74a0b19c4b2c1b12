// One place that sets a Pango layout's font, wrap width and text, shared by the PDF page
// writer and the chart painter so both typeset Thai the same way.
#pragma once

#include <pango/pangocairo.h>

#include <string>

namespace ita::report {

// Sets `family` at `size` points (bold or normal), wraps at `width` points and sets `text`.
void set_layout_text(PangoLayout* layout, const std::string& family, double size, bool bold, double width, const std::string& text);

}  // namespace ita::report
