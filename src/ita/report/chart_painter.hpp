// Paints a BarChart with cairo and pango, for the PDF page and for the PNG the DOCX embeds:
// one drawing, two outputs. Thread-safe (no shared state).
#pragma once

#include <ita/report/document.hpp>

#include <cstdint>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;  // NOLINT(bugprone-reserved-identifier): cairo's own name, declared as cairo.h does

namespace ita::report {

struct ChartStyle {
    std::string font = "Laksaman";
    double text_size = 12;
    bool thai_digits = false;
};

// Paints the chart (title excluded) in the box whose top-left corner is (x, y).
void paint_bar_chart(cairo_t* cairo, const BarChart& chart, double x, double y, double width, double height, const ChartStyle& style);

// The chart, title included, as PNG bytes of `width` × `height` pixels on white.
std::vector<std::uint8_t> bar_chart_png(const BarChart& chart, int width, int height, const ChartStyle& style);

}  // namespace ita::report
