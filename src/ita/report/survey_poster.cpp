#include <ita/report/survey_poster.hpp>

#include <ita/report/pango_text.hpp>
#include <ita/report/qr_svg.hpp>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

namespace ita::report {

namespace {

constexpr const char* font = "Laksaman";

struct Page {
    double width, height, margin, scale;  // scale: 1 for A4; the card is drawn at its own size
};

struct Colour {
    double red, green, blue;
};
constexpr Colour ink{0.07, 0.07, 0.07}, white{1, 1, 1}, blue{0.114, 0.373, 0.659}, grey{0.33, 0.33, 0.33};

PangoLayout* text_layout(cairo_t* cairo, const std::string& text, double size, bool bold, double width, bool centred) {
    PangoLayout* layout = pango_cairo_create_layout(cairo);
    set_layout_text(layout, font, size, bold, width, text);
    pango_layout_set_alignment(layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    return layout;
}

double height_of(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

// The height `text` takes wrapped to `width`, without drawing it.
double measure_text(cairo_t* cairo, const std::string& text, double size, bool bold, double width, bool centred = true) {
    PangoLayout* layout = text_layout(cairo, text, size, bold, width, centred);
    const double height = height_of(layout);
    g_object_unref(layout);
    return height;
}

// Draws `text` wrapped to `width` from (x, y), centred or not; returns its height.
double draw_text(cairo_t* cairo, const std::string& text, double size, bool bold, double x, double y, double width, Colour colour,
                 bool centred = true) {
    PangoLayout* layout = text_layout(cairo, text, size, bold, width, centred);
    cairo_set_source_rgb(cairo, colour.red, colour.green, colour.blue);
    cairo_move_to(cairo, x, y);
    pango_cairo_show_layout(cairo, layout);
    const double height = height_of(layout);
    g_object_unref(layout);
    return height;
}

// The QR code as filled squares, `side` points wide with its quiet zone, top-left at (x, y).
void draw_qr(cairo_t* cairo, const QrModules& modules, double x, double y, double side) {
    const int quiet = 4;
    const double module = side / (modules.width + 2 * quiet);
    cairo_set_source_rgb(cairo, 1, 1, 1);
    cairo_rectangle(cairo, x, y, side, side);
    cairo_fill(cairo);
    cairo_set_source_rgb(cairo, 0, 0, 0);
    for (int row = 0; row < modules.width; ++row)
        for (int column = 0; column < modules.width; ++column)
            if (modules.at(column, row)) cairo_rectangle(cairo, x + (column + quiet) * module, y + (row + quiet) * module, module, module);
    cairo_fill(cairo);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// About 15 seconds a question, never under 3 minutes: what a person can plan for.
int minutes_for(std::size_t questions) { return std::max(3, static_cast<int>(std::lround(static_cast<double>(questions) * 15 / 60))); }

void draw(cairo_t* cairo, const SurveyPoster& poster, const QrModules& qr, const Page& page) {
    const double s = page.scale, inner = page.width - 2 * page.margin;
    // Lines broken where a reader pauses, not where the width runs out.
    const std::string title = "ร่วมประเมินคุณธรรมและความโปร่งใส",
                      subtitle = "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\nปีงบประมาณ พ.ศ. " + std::to_string(poster.fiscal_year);
    // A band that says what this is, readable across a room, as tall as its two lines need.
    const double band =
        16 * s + measure_text(cairo, title, 24 * s, true, inner) + measure_text(cairo, subtitle, 16 * s, false, inner) + 14 * s;
    cairo_set_source_rgb(cairo, blue.red, blue.green, blue.blue);
    cairo_rectangle(cairo, 0, 0, page.width, band);
    cairo_fill(cairo);
    double top = 16 * s;
    top += draw_text(cairo, title, 24 * s, true, page.margin, top, inner, white);
    draw_text(cairo, subtitle, 16 * s, false, page.margin, top, inner, white);
    top = band + 12 * s;
    top += draw_text(cairo, poster.agency_name, 24 * s, true, page.margin, top, inner, ink) + 2 * s;
    top += draw_text(cairo, "เคยติดต่อหรือรับบริการจากหน่วยงานนี้\nช่วยบอกเราว่าเป็นอย่างไร", 16 * s, false, page.margin, top, inner, ink) + 6 * s;
    // From the foot up: the footer, what answering means, the address, how to open it.
    const std::string footer = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ";
    const std::string points = "•  ตอบ " + std::to_string(poster.questions) + " ข้อ ใช้เวลาประมาณ " +
                               std::to_string(minutes_for(poster.questions)) + " นาที\n•  ไม่ต้องระบุชื่อหรือข้อมูลส่วนตัว\n•  ตอบได้คนละหนึ่งครั้ง";
    const std::string scan = "สแกนด้วยกล้องโทรศัพท์ หรือพิมพ์ที่อยู่นี้";
    double bottom = page.height - page.margin * 0.6;
    bottom -= measure_text(cairo, footer, 11 * s, false, inner);
    draw_text(cairo, footer, 11 * s, false, page.margin, bottom, inner, grey);
    const double points_width = inner - 60 * s;
    bottom -= measure_text(cairo, points, 16 * s, false, points_width, false) + 10 * s;
    draw_text(cairo, points, 16 * s, false, page.margin + 30 * s, bottom, points_width, ink, false);
    bottom -= measure_text(cairo, poster.url, 20 * s, true, inner) + 8 * s;
    draw_text(cairo, poster.url, 20 * s, true, page.margin, bottom, inner, blue);
    bottom -= measure_text(cairo, scan, 16 * s, false, inner);
    draw_text(cairo, scan, 16 * s, false, page.margin, bottom, inner, ink);
    // The QR code takes the space between, as large as fits (at most 300 points on A4).
    const double side = std::min(300 * s, bottom - top - 8 * s);
    draw_qr(cairo, qr, (page.width - side) / 2, top + (bottom - top - side) / 2, side);
}

}  // namespace

Result<std::string> survey_poster_pdf(const SurveyPoster& poster, PosterSize size) {
    const auto qr = qr_modules(poster.url);
    if (!qr) return fail(ErrorCode::invalid_input, "the survey's address cannot be encoded as a QR code");
    // A4 portrait, or A6 portrait drawn at the A4 layout's proportions.
    const Page page = size == PosterSize::a4_poster ? Page{595.28, 841.89, 40, 1.0} : Page{297.64, 419.53, 18, 0.5};
    std::string pdf;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &pdf, page.width, page.height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ("แบบวัด EIT " + poster.agency_name).c_str());
    cairo_t* cairo = cairo_create(surface);
    draw(cairo, poster, *qr, page);
    cairo_show_page(cairo);
    const cairo_status_t status = cairo_status(cairo);
    cairo_destroy(cairo);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return fail(ErrorCode::internal, std::string("cairo: ") + cairo_status_to_string(status));
    return pdf;
}

}  // namespace ita::report
