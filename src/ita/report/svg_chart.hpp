// A BarChart as inline SVG for web pages and the HTML report: bars, the pass-mark line, value
// labels, and a <title> tooltip on every bar (no JavaScript). Pure; thread-safe.
#pragma once

#include <ita/report/document.hpp>

#include <string>
#include <vector>

namespace ita::report {

std::string bar_chart_svg(const BarChart& chart, int width = 640, int height = 300, bool thai_digits = false);

// How many agencies fall in each score band: bars scaled to the largest count, bands from
// `passing_from` on drawn as passing, a <title> tooltip on every bar.
struct Histogram {
    std::string title;
    std::vector<std::string> labels;  // one per band
    std::vector<std::size_t> counts;
    std::size_t passing_from = 0;  // the first band at or above the pass mark
};
std::string histogram_svg(const Histogram& histogram, int width = 640, int height = 260);

// Escapes text for HTML and XML (&, <, >, ", ').
std::string escape_html(std::string_view text);

}  // namespace ita::report
