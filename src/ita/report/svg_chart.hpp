// A BarChart as inline SVG for web pages and the HTML report: bars, the pass-mark line, value
// labels, and a <title> tooltip on every bar (no JavaScript). Pure; thread-safe.
#pragma once

#include <ita/report/document.hpp>

#include <string>

namespace ita::report {

std::string bar_chart_svg(const BarChart& chart, int width = 640, int height = 300);

// Escapes text for HTML and XML (&, <, >, ", ').
std::string escape_html(std::string_view text);

}  // namespace ita::report
