#include <ita/report/pdf_writer.hpp>

#include <ita/report/chart_painter.hpp>
#include <ita/report/layout_cache.hpp>

#include <ita/thai/digits.hpp>
#include <ita/util/decimal.hpp>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace ita::report {

namespace {

constexpr double a4_width = 595.28;  // A4 upright, in points
constexpr double a4_height = 841.89;
constexpr double margin_left = 72;     // 2.54 cm, as Thai official documents
constexpr double margin_right = 56.7;  // 2 cm
constexpr double margin_top = 72;
constexpr double margin_bottom = 56.7;
constexpr double cell_padding = 4;

double height_of(PangoLayout* layout) {
    int width = 0, height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

// A table row laid out: one layout per cell and the row's height with its padding.
struct LaidOutRow {
    std::vector<Layout> cells;
    double height = 0;
};

// Lays out and paints a document page by page. One object per document; not thread-safe.
class PdfPainter {
public:
    PdfPainter(cairo_t* cairo, const PdfOptions& options) : m_cairo(cairo), m_options(options) { start_page(); }
    PdfPainter(const PdfPainter&) = delete;
    PdfPainter& operator=(const PdfPainter&) = delete;

    // `next` is the block the heading introduces: the heading goes to a new page unless the
    // start of that block (two lines, a table's header and first row, a whole chart) fits under it.
    void paint(const Heading& heading, const Block* next) {
        const double size = heading.level == 1   ? m_options.body_size + 4
                            : heading.level == 2 ? m_options.body_size + 2
                                                 : m_options.body_size;
        const auto layout = lay_out(heading.text, size, true, content_width(), heading.level == 1 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
        const double height = height_of(layout.get());
        ensure_room(height + size * 0.8 + (next ? lead_height(*next) : 0.0));  // a heading never ends a page
        m_y += heading.level == 1 ? 0 : size * 0.5;
        show(layout.get(), margin_left, m_y);
        m_y += height + size * 0.3;
    }

    void paint(const Paragraph& paragraph) {
        const auto layout = lay_out(paragraph.text, m_options.body_size, paragraph.bold, content_width(), PANGO_ALIGN_LEFT);
        const double height = height_of(layout.get());
        if (height > available()) {
            // A long paragraph flows line by line across pages.
            paint_lines(layout.get());
            return;
        }
        show(layout.get(), margin_left, m_y);
        m_y += height + 4;
    }

    void paint(const Table& table) {
        const auto widths = column_widths(table);
        // The header is laid out once and drawn again on every page the table reaches.
        const auto header = lay_out_row(table.header, widths, true);
        // The header never stands alone at a page's foot: it goes with the first row (or as much of
        // a row taller than a page as the page can hold).
        const double first_row = table.rows.empty() ? 0.0 : lay_out_row(table.rows.front(), widths, false).height;
        ensure_room(header.height + first_lines(first_row, header.height));
        draw_row(header, widths, true);
        bool row_on_page = false;  // a body row drawn under the header
        for (const auto& cells : table.rows) {
            const auto row = lay_out_row(cells, widths, false);
            if (row.height <= available()) {
                draw_row(row, widths, false);
            } else if (row_on_page && row.height <= page_height() - margin_top - margin_bottom - header.height) {
                // A whole row goes to the next page rather than split.
                new_page();
                draw_row(header, widths, true);
                draw_row(row, widths, false);
            } else {
                // Taller than a page, or the first under the header (moving it would leave the
                // header and its heading alone on this page): its lines flow on.
                draw_split_row(header, row, widths);
            }
            row_on_page = true;
        }
        m_y += 8;
    }

    static constexpr double bar_chart_height = 230;

    // How much of a table's first row must fit under its header: all of it when it fits on a page
    // with the header, else a few lines (it will flow on across pages anyway).
    double first_lines(double row_height, double header_height) const {
        const double page_room = page_height() - margin_top - margin_bottom - header_height;
        return row_height <= page_room ? row_height : std::min(row_height, m_options.body_size * 5);
    }

    void paint(const BarChart& chart) {
        constexpr double chart_height = bar_chart_height;
        ensure_room(chart_height + 40);
        show(lay_out(chart.title, m_options.body_size, true, content_width(), PANGO_ALIGN_CENTER).get(), margin_left, m_y);
        m_y += m_options.body_size * 1.6;
        paint_bar_chart(m_cairo, chart, margin_left, m_y, content_width(), chart_height - 10,
                        {m_options.font, m_options.body_size - 4, m_options.thai_digits});
        m_y += chart_height;
    }

    void paint(const SignatureBlock& block) {
        const double column = content_width() / static_cast<double>(std::max<std::size_t>(1, block.signers.size()));
        double tallest = 0;
        std::vector<Layout> layouts;
        for (const auto& signer : block.signers) {
            const std::string name = signer.name.empty() ? std::string(blank_signer_name) : signer.name;
            layouts.push_back(lay_out("(ลงชื่อ)......................\n" + signer.role + "\n(" + name + ")\n" + signer.position,
                                      m_options.body_size - 1, false, column - 8, PANGO_ALIGN_CENTER));
            tallest = std::max(tallest, height_of(layouts.back().get()));
        }
        ensure_room(tallest + 30);
        m_y += 20;
        for (std::size_t index = 0; index < layouts.size(); ++index)
            show(layouts[index].get(), margin_left + column * static_cast<double>(index), m_y);
        m_y += tallest + 10;
    }

    void finish() { cairo_show_page(m_cairo); }

    // A new page on its side (or upright again) where the orientation changes.
    void paint(const PageTurn& turn) {
        if (turn.landscape == m_landscape) return;
        cairo_show_page(m_cairo);
        m_landscape = turn.landscape;
        cairo_pdf_surface_set_size(cairo_get_target(m_cairo), page_width(), page_height());
        ++m_page;
        start_page();
    }

    // How much of a block must follow its heading on the same page.
    double lead_height(const Block& block) {
        if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            const auto layout = lay_out(paragraph->text, m_options.body_size, paragraph->bold, content_width(), PANGO_ALIGN_LEFT);
            const double line = height_of(layout.get()) / std::max(1, pango_layout_get_line_count(layout.get()));
            return std::min(height_of(layout.get()), line * 2) + 4;
        }
        if (const auto* table = std::get_if<Table>(&block)) {
            const auto widths = column_widths(*table);
            const double header = lay_out_row(table->header, widths, true).height;
            return header + (table->rows.empty() ? 0.0 : first_lines(lay_out_row(table->rows.front(), widths, false).height, header));
        }
        if (std::holds_alternative<BarChart>(block)) return bar_chart_height + 40;
        if (std::holds_alternative<Heading>(block)) return m_options.body_size * 3;
        return m_options.body_size * 4;  // a signature block's first lines
    }

private:
    double page_width() const { return m_landscape ? a4_height : a4_width; }
    double page_height() const { return m_landscape ? a4_width : a4_height; }
    double content_width() const { return page_width() - margin_left - margin_right; }
    std::string number(const std::string& text) const { return m_options.thai_digits ? thai::to_thai_digits(text) : text; }
    double available() const { return page_height() - margin_bottom - m_y; }

    // Each piece of text is shaped once (measured and drawn from the same layout), and text
    // another report of this thread already had is not shaped again.
    Layout lay_out(const std::string& text, double size, bool bold, double width, PangoAlignment align) {
        return cached_layout({number(text), m_options.font, size, bold, width, align});
    }

    void show(PangoLayout* layout, double x, double y) {
        if (pango_layout_get_character_count(layout) == 0) return;  // an empty cell draws nothing
        cairo_move_to(m_cairo, x, y);
        pango_cairo_show_layout(m_cairo, layout);
    }

    struct LineBox {
        double top, bottom, baseline;
    };
    static std::vector<LineBox> line_boxes(PangoLayout* layout) {
        std::vector<LineBox> boxes;
        PangoLayoutIter* iter = pango_layout_get_iter(layout);
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            boxes.push_back({static_cast<double>(logical.y) / PANGO_SCALE, static_cast<double>(logical.y + logical.height) / PANGO_SCALE,
                             static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE});
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
        return boxes;
    }

    // Draws the lines of `layout` whose boxes lie in [from, to), shifted so `from` is at y.
    void show_lines(PangoLayout* layout, const std::vector<LineBox>& boxes, double from, double to, double x, double y) {
        for (int line = 0; line < static_cast<int>(boxes.size()); ++line) {
            const auto& box = boxes[static_cast<std::size_t>(line)];
            if (box.top < from - 0.01 || box.bottom > to + 0.01) continue;
            cairo_move_to(m_cairo, x, y + box.baseline - from);
            pango_cairo_show_layout_line(m_cairo, pango_layout_get_line_readonly(layout, line));
        }
    }

    // The furthest line bottom at or before `limit`, counting from `from`.
    static double cut_at(const std::vector<LineBox>& boxes, double from, double limit) {
        double cut = from;
        for (const auto& box : boxes)
            if (box.top >= from - 0.01 && box.bottom - from <= limit) cut = std::max(cut, box.bottom);
        return cut;
    }

    void paint_lines(PangoLayout* layout) {
        const auto boxes = line_boxes(layout);
        double from = 0;
        const double total = boxes.empty() ? 0 : boxes.back().bottom;
        while (from < total - 0.01) {
            double cut = cut_at(boxes, from, available());
            if (cut <= from) {  // not even one line fits here
                new_page();
                cut = cut_at(boxes, from, available());
            }
            show_lines(layout, boxes, from, cut, margin_left, m_y);
            m_y += cut - from;
            from = cut;
            if (from < total - 0.01) new_page();
        }
        m_y += 4;
    }

    void draw_split_row(const LaidOutRow& header, const LaidOutRow& row, const std::vector<double>& widths) {
        std::vector<std::vector<LineBox>> boxes;
        boxes.reserve(row.cells.size());
        for (const auto& cell : row.cells) boxes.push_back(line_boxes(cell.get()));
        std::vector<double> from(widths.size(), 0);
        const auto done = [&] {
            for (std::size_t column = 0; column < widths.size(); ++column)
                if (!boxes[column].empty() && from[column] < boxes[column].back().bottom - 0.01) return false;
            return true;
        };
        while (!done()) {
            if (available() < 3 * m_options.body_size) {
                new_page();
                draw_row(header, widths, true);
            }
            const double room = available() - 2 * cell_padding;
            std::vector<double> cut(widths.size());
            double piece = 0;
            for (std::size_t column = 0; column < widths.size(); ++column) {
                cut[column] = cut_at(boxes[column], from[column], room);
                piece = std::max(piece, cut[column] - from[column]);
            }
            double x = margin_left;
            for (std::size_t column = 0; column < widths.size(); ++column) {
                cairo_set_source_rgb(m_cairo, 0, 0, 0);
                cairo_set_line_width(m_cairo, 0.5);
                cairo_rectangle(m_cairo, x, m_y, widths[column], piece + 2 * cell_padding);
                cairo_stroke(m_cairo);
                show_lines(row.cells[column].get(), boxes[column], from[column], cut[column], x + cell_padding, m_y + cell_padding);
                from[column] = cut[column];
                x += widths[column];
            }
            m_y += piece + 2 * cell_padding;
            if (!done()) {
                new_page();
                draw_row(header, widths, true);
            }
        }
    }

    std::vector<double> column_widths(const Table& table) const {
        std::vector<double> widths = table.widths;
        widths.resize(table.header.size(), 1.0);
        double total = 0;
        for (const double width : widths) total += width;
        for (double& width : widths) width = content_width() * width / total;
        return widths;
    }

    LaidOutRow lay_out_row(const std::vector<std::string>& cells, const std::vector<double>& widths, bool header) {
        LaidOutRow row;
        double tallest = 0;
        for (std::size_t column = 0; column < widths.size(); ++column) {
            row.cells.push_back(lay_out(column < cells.size() ? cells[column] : "", m_options.body_size - 2, header,
                                        widths[column] - 2 * cell_padding, header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT));
            tallest = std::max(tallest, height_of(row.cells.back().get()));
        }
        row.height = tallest + 2 * cell_padding;
        return row;
    }

    // The row's background (a header's), its cell borders as one path (one stroke, not one a
    // cell: fewer operations in the PDF), then the cells' text.
    void draw_row(const LaidOutRow& row, const std::vector<double>& widths, bool header) {
        double row_width = 0;
        for (const double width : widths) row_width += width;
        if (header) {
            cairo_set_source_rgb(m_cairo, 0.90, 0.92, 0.95);
            cairo_rectangle(m_cairo, margin_left, m_y, row_width, row.height);
            cairo_fill(m_cairo);
        }
        cairo_set_source_rgb(m_cairo, 0, 0, 0);
        cairo_set_line_width(m_cairo, 0.5);
        double x = margin_left;
        for (const double width : widths) {
            cairo_rectangle(m_cairo, x, m_y, width, row.height);
            x += width;
        }
        cairo_stroke(m_cairo);
        x = margin_left;
        for (std::size_t column = 0; column < widths.size(); ++column) {
            show(row.cells[column].get(), x + cell_padding, m_y + cell_padding);
            x += widths[column];
        }
        m_y += row.height;
    }

    void ensure_room(double height) {
        if (height > available() && m_y > margin_top + 1) new_page();
    }

    void start_page() {
        m_y = margin_top;
        if (m_page > 1) {
            // Thai official style: the page number centred at the top, "- ๒ -", from page 2, in the
            // document's digits.
            show(lay_out("- " + number(std::to_string(m_page)) + " -", m_options.body_size, false, content_width(), PANGO_ALIGN_CENTER)
                     .get(),
                 margin_left, 30);
        }
    }

    void new_page() {
        cairo_show_page(m_cairo);
        ++m_page;
        start_page();
    }

    cairo_t* m_cairo;
    PdfOptions m_options;
    double m_y = margin_top;
    int m_page = 1;
    bool m_landscape = false;
};

}  // namespace

namespace {

// Paints the document on a PDF surface and finishes it; the surface's status.
cairo_status_t paint_document(cairo_surface_t* surface, const Document& document, const PdfOptions& options) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ita");
    cairo_t* cairo = cairo_create(surface);
    {
        PdfPainter painter(cairo, options);
        for (std::size_t index = 0; index < document.blocks.size(); ++index) {
            const Block* next = index + 1 < document.blocks.size() ? &document.blocks[index + 1] : nullptr;
            std::visit(
                [&](const auto& item) {
                    if constexpr (std::is_same_v<std::decay_t<decltype(item)>, Heading>)
                        painter.paint(item, next);
                    else
                        painter.paint(item);
                },
                document.blocks[index]);
        }
        painter.finish();
    }
    cairo_destroy(cairo);
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return status;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<void> write_pdf(const Document& document, const std::string& path, const PdfOptions& options) {
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), a4_width, a4_height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return fail(ErrorCode::io, "cannot write " + path);
    }
    if (const auto status = paint_document(surface, document, options); status != CAIRO_STATUS_SUCCESS)
        return fail(ErrorCode::io, "writing " + path + " failed: " + cairo_status_to_string(status));
    return {};
}

Result<std::string> pdf_bytes(const Document& document, const PdfOptions& options) {
    std::string bytes;
    bytes.reserve(std::size_t{256} << 10);  // a long report's size: no copies as it grows
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_to_string, &bytes, a4_width, a4_height);
    if (const auto status = paint_document(surface, document, options); status != CAIRO_STATUS_SUCCESS)
        return fail(ErrorCode::io, std::string("writing the PDF failed: ") + cairo_status_to_string(status));
    return bytes;
}

}  // namespace ita::report
