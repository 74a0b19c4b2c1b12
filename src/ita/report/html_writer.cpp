#include <ita/report/html_writer.hpp>

#include <ita/report/svg_chart.hpp>
#include <ita/thai/digits.hpp>

#include <algorithm>

namespace ita::report {

namespace {

constexpr const char* style = R"(
@page { size: A4; margin: 2.54cm 2cm 2cm 2.54cm; }
body { font-family: "TH Sarabun New", "TH SarabunPSK", "Laksaman", "Sarabun", sans-serif; font-size: 16pt; line-height: 1.6;
       max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 20pt; text-align: center; margin: .2em 0; }
h2 { font-size: 18pt; margin: 1em 0 .3em; break-after: avoid; }
h3 { font-size: 16pt; margin: .8em 0 .2em; break-after: avoid; }
p { margin: .2em 0; white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; font-size: 14pt; }
th, td { border: 1px solid #444; padding: .2em .35em; vertical-align: top; white-space: pre-line; }
th { background: #e6ebf2; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.chart { width: 100%; height: auto; font-size: 12px; }
.chart .grid { stroke: #bbb; stroke-width: .5; }
.chart .tick { text-anchor: end; dominant-baseline: middle; fill: #555; }
.chart .pass { fill: #2873b3; } .chart .fail { fill: #d97326; } .chart .no-verdict { fill: #767676; }
.chart .value, .chart .label { text-anchor: middle; }
.chart .value { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.chart .reference { stroke: #c00; stroke-dasharray: 4 3; }
.chart .reference-label { fill: #c00; dominant-baseline: middle; }
figure { margin: .5em 0; }
.table-wrap { overflow-x: auto; }
@media (max-width: 600px) { body { font-size: 14pt; padding: 0 .5rem; } table { font-size: 12pt; } h1 { font-size: 17pt; } }
.signatures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; margin-top: 2rem; text-align: center; }
@page wide { size: A4 landscape; }
section.landscape { page: wide; }
@media print { body { max-width: none; margin: 0; padding: 0; } .table-wrap { overflow: visible; } }
)";

// Printed pages carry "- 2 -" at the top from the second, in the document's digits.
std::string page_number_style(bool thai_digits) {
    const std::string counter = thai_digits ? "counter(page, thai)" : "counter(page)";
    return "@page { @top-center { content: \"- \" " + counter +
           " \" -\"; font-family: \"TH Sarabun New\", \"TH SarabunPSK\", \"Laksaman\", sans-serif; font-size: 16pt; } }\n"
           "@page :first { @top-center { content: none; } }\n";
}

class HtmlWriter {
public:
    HtmlWriter(std::ostream& out, bool thai_digits) : m_out(out), m_thai_digits(thai_digits) {}

    void write(const Heading& heading) {
        const std::string tag = "h" + std::to_string(std::clamp(heading.level, 1, 3));
        m_out << "<" << tag << ">" << text(heading.text) << "</" << tag << ">\n";
    }
    void write(const Paragraph& paragraph) {
        m_out << "<p>" << (paragraph.bold ? "<strong>" : "") << text(paragraph.text) << (paragraph.bold ? "</strong>" : "") << "</p>\n";
    }
    void write(const Table& table) {
        // Wide tables scroll inside their box on a phone instead of widening the page.
        m_out << "<div class=\"table-wrap\"><table><thead><tr>";
        for (const auto& cell : table.header) m_out << "<th scope=\"col\">" << text(cell) << "</th>";
        m_out << "</tr></thead><tbody>\n";
        for (const auto& row : table.rows) {
            m_out << "<tr>";
            for (const auto& cell : row) m_out << "<td>" << text(cell) << "</td>";
            m_out << "</tr>\n";
        }
        m_out << "</tbody></table></div>\n";
    }
    void write(const BarChart& chart) {
        m_out << "<figure>" << bar_chart_svg(chart, 640, 300, m_thai_digits) << "<figcaption>" << text(chart.title)
              << "</figcaption></figure>\n";
    }
    // Printed on a landscape page (Chromium's named pages); on screen the table scrolls as any.
    void write(const PageTurn& turn) { m_out << (turn.landscape ? "<section class=\"landscape\">\n" : "</section>\n"); }
    void write(const SignatureBlock& block) {
        m_out << "<div class=\"signatures\">";
        for (const auto& signer : block.signers)
            m_out << "<p>(ลงชื่อ)......................\n"
                  << text(signer.role) << "\n(" << text(signer.name.empty() ? std::string(blank_signer_name) : signer.name) << ")\n"
                  << text(signer.position) << "</p>";
        m_out << "</div>\n";
    }

private:
    std::string text(const std::string& value) const { return escape_html(m_thai_digits ? thai::to_thai_digits(value) : value); }
    std::ostream& m_out;
    bool m_thai_digits;
};

}  // namespace

void write_html(std::ostream& out, const Document& document, bool thai_digits) {
    out << "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
        << escape_html(document.title) << "</title><style>" << style << page_number_style(thai_digits) << "</style></head><body>\n";
    HtmlWriter writer(out, thai_digits);
    for (const auto& block : document.blocks) std::visit([&](const auto& item) { writer.write(item); }, block);
    out << "</body></html>\n";
}

}  // namespace ita::report
