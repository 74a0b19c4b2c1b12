#include <ita/report/chart_painter.hpp>

#include <ita/report/pango_text.hpp>
#include <ita/report/png_encoder.hpp>

#include <ita/thai/digits.hpp>
#include <ita/util/decimal.hpp>

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

namespace ita::report {

namespace {

class ChartText {
public:
    ChartText(cairo_t* cairo, const ChartStyle& style) : m_cairo(cairo), m_style(style), m_layout(pango_cairo_create_layout(cairo)) {
        pango_cairo_context_set_resolution(pango_layout_get_context(m_layout), 72);
    }
    ~ChartText() { g_object_unref(m_layout); }
    ChartText(const ChartText&) = delete;
    ChartText& operator=(const ChartText&) = delete;

    void draw(const std::string& text, double size, bool bold, double x, double y, double width, PangoAlignment align) {
        pango_layout_set_alignment(m_layout, align);
        set_layout_text(m_layout, m_style.font, size, bold, width, m_style.thai_digits ? thai::to_thai_digits(text) : text);
        cairo_move_to(m_cairo, x, y);
        pango_cairo_show_layout(m_cairo, m_layout);
    }

    // The same, on a white patch just the size of the ink, so that lines behind stay readable.
    void draw_on_white(const std::string& text, double size, double x, double y, double width, PangoAlignment align) {
        pango_layout_set_alignment(m_layout, align);
        set_layout_text(m_layout, m_style.font, size, false, width, m_style.thai_digits ? thai::to_thai_digits(text) : text);
        PangoRectangle ink{}, logical{};
        pango_layout_get_pixel_extents(m_layout, &ink, &logical);
        cairo_save(m_cairo);
        cairo_set_source_rgb(m_cairo, 1, 1, 1);
        cairo_rectangle(m_cairo, x + ink.x - 1, y + ink.y - 1, ink.width + 2, ink.height + 2);
        cairo_fill(m_cairo);
        cairo_restore(m_cairo);
        cairo_move_to(m_cairo, x, y);
        pango_cairo_show_layout(m_cairo, m_layout);
    }

private:
    cairo_t* m_cairo;
    ChartStyle m_style;
    PangoLayout* m_layout;
};

}  // namespace

void paint_bar_chart(cairo_t* cairo, const BarChart& chart, double x, double y, double width, double height, const ChartStyle& style) {
    ChartText text(cairo, style);
    const double size = style.text_size;
    // Room for the tick labels on the left and the pass-mark label on the right, in text sizes, so
    // a chart drawn with larger text (the DOCX's, at body size) keeps its labels inside.
    const double left_room = size * 2.6, right_room = size * 5;
    const double axis_left = x + left_room, axis_bottom = y + height - size * 2, plot_height = height - size * 4;
    const double plot_width = width - left_room - right_room;
    const double slot = plot_width / static_cast<double>(std::max<std::size_t>(1, chart.values.size()));
    cairo_save(cairo);
    cairo_set_line_width(cairo, 0.5);
    for (int tick = 0; tick <= 100; tick += 20) {
        const double tick_y = axis_bottom - plot_height * tick / 100.0;
        cairo_set_source_rgb(cairo, 0.6, 0.6, 0.6);
        cairo_move_to(cairo, axis_left, tick_y);
        cairo_line_to(cairo, axis_left + plot_width, tick_y);
        cairo_stroke(cairo);
        cairo_set_source_rgb(cairo, 0.3, 0.3, 0.3);
        text.draw(std::to_string(tick), size, false, x, tick_y - size * 0.7, left_room - size * 0.4, PANGO_ALIGN_RIGHT);
    }
    for (std::size_t index = 0; index < chart.values.size(); ++index) {
        const double bar_x = axis_left + slot * static_cast<double>(index) + slot * 0.2;
        if (const auto& value = chart.values[index]) {
            const double bar_height = plot_height * std::clamp(*value, 0.0, 100.0) / 100.0;
            switch (tone_of(chart, index)) {
                case BarTone::pass: cairo_set_source_rgb(cairo, 0.16, 0.45, 0.70); break;
                case BarTone::fail: cairo_set_source_rgb(cairo, 0.85, 0.45, 0.15); break;
                case BarTone::no_verdict: cairo_set_source_rgb(cairo, 0.46, 0.46, 0.46); break;
            }
            cairo_rectangle(cairo, bar_x, axis_bottom - bar_height, slot * 0.6, bar_height);
            cairo_fill(cairo);
        }
        cairo_set_source_rgb(cairo, 0, 0, 0);
        text.draw(chart.labels[index], size, false, bar_x - slot * 0.2, axis_bottom + 2, slot, PANGO_ALIGN_CENTER);
    }
    // The pass mark, dashed across the plot.
    const double reference_y = axis_bottom - plot_height * chart.reference / 100.0;
    const double dashes[] = {4, 3};
    cairo_set_dash(cairo, dashes, 2, 0);
    cairo_set_source_rgb(cairo, 0.8, 0.1, 0.1);
    cairo_set_line_width(cairo, 1);
    cairo_move_to(cairo, axis_left, reference_y);
    cairo_line_to(cairo, axis_left + plot_width, reference_y);
    cairo_stroke(cairo);
    cairo_set_dash(cairo, nullptr, 0, 0);
    text.draw("เกณฑ์ " + util::format_fixed(chart.reference, 0), size, false, axis_left + plot_width + 4, reference_y - size * 0.7,
              right_room - 4, PANGO_ALIGN_LEFT);
    // Values last, over the pass-mark line, so a score near 85 stays legible.
    cairo_set_source_rgb(cairo, 0, 0, 0);
    for (std::size_t index = 0; index < chart.values.size(); ++index) {
        const auto& value = chart.values[index];
        if (!value) continue;
        const double bar_x = axis_left + slot * static_cast<double>(index) + slot * 0.2;
        const double bar_height = plot_height * std::clamp(*value, 0.0, 100.0) / 100.0;
        text.draw_on_white(util::format_fixed(*value), size - 1, bar_x - slot * 0.2, axis_bottom - bar_height - size * 1.3, slot,
                           PANGO_ALIGN_CENTER);
    }
    cairo_restore(cairo);
}

std::vector<std::uint8_t> bar_chart_png(const BarChart& chart, int width, int height, const ChartStyle& style) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cairo = cairo_create(surface);
    cairo_set_source_rgb(cairo, 1, 1, 1);
    cairo_paint(cairo);
    cairo_set_source_rgb(cairo, 0, 0, 0);
    {
        ChartText text(cairo, style);
        text.draw(chart.title, style.text_size + 2, true, 0, 4, width, PANGO_ALIGN_CENTER);
    }
    paint_bar_chart(cairo, chart, 10, style.text_size * 2.5, width - 20, height - style.text_size * 3, style);
    auto png = encode_png(surface);
    cairo_destroy(cairo);
    cairo_surface_destroy(surface);
    return png;
}

}  // namespace ita::report
