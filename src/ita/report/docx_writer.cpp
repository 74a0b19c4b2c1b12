#include <ita/report/docx_writer.hpp>

#include <ita/report/chart_painter.hpp>
#include <ita/thai/digits.hpp>

#include <zip.h>
#include <pugixml.hpp>

#include <list>
#include <sstream>

namespace ita::report {

namespace {

constexpr const char* font_name = "TH SarabunPSK";
constexpr int a4_short_twips = 11906, a4_long_twips = 16838;
constexpr int margin_left_twips = 1440, margin_right_twips = 1134;  // 2.54 cm and 2 cm

// A section's page: A4 upright or on its side, the page number at the top (none on the
// document's first page), numbered on from the section before.
void section_properties(pugi::xml_node section, bool landscape, bool first, bool thai_digits) {
    auto header = section.append_child("w:headerReference");
    header.append_attribute("w:type") = "default";
    header.append_attribute("r:id") = "rIdHeader";
    if (!first) section.append_child("w:type").append_attribute("w:val") = "nextPage";
    auto size = section.append_child("w:pgSz");
    size.append_attribute("w:w") = landscape ? a4_long_twips : a4_short_twips;
    size.append_attribute("w:h") = landscape ? a4_short_twips : a4_long_twips;
    if (landscape) size.append_attribute("w:orient") = "landscape";
    auto margins = section.append_child("w:pgMar");
    for (const auto& [name, value] : {std::pair{"w:top", 1440},
                                      {"w:right", margin_right_twips},
                                      {"w:bottom", 1134},
                                      {"w:left", margin_left_twips},
                                      {"w:header", 567},
                                      {"w:footer", 567},
                                      {"w:gutter", 0}})
        margins.append_attribute(name) = value;
    section.append_child("w:pgNumType").append_attribute("w:fmt") = thai_digits ? "thaiNumbers" : "decimal";  // one rule of digits
    if (first) section.append_child("w:titlePg");  // no number on the first page, as Thai official documents
}
constexpr long long emu_per_point = 12700;

std::string xml_text(const pugi::xml_document& document) {
    std::ostringstream out;
    document.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

// Builds word/document.xml from the blocks.
class BodyWriter {
public:
    BodyWriter(pugi::xml_node body, bool thai_digits) : m_body(body), m_thai_digits(thai_digits) {}

    std::vector<std::vector<std::uint8_t>> images;  // PNGs, referenced as rIdImage1…

    void write(const Heading& heading) {
        auto paragraph = m_body.append_child("w:p");
        auto properties = paragraph.append_child("w:pPr");
        properties.append_child("w:pStyle").append_attribute("w:val") = ("Heading" + std::to_string(heading.level)).c_str();
        if (heading.level == 1) properties.append_child("w:jc").append_attribute("w:val") = "center";
        run_lines(paragraph, heading.text, true);
    }

    void write(const Paragraph& text) {
        std::size_t start = 0;
        // One Word paragraph per line, so bullet lines stay separate and editable.
        while (true) {
            const auto end = text.text.find('\n', start);
            run_lines(m_body.append_child("w:p"), text.text.substr(start, end == std::string::npos ? std::string::npos : end - start),
                      text.bold);
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }

    void write(const Table& table) {
        auto element = m_body.append_child("w:tbl");
        auto properties = element.append_child("w:tblPr");
        properties.append_child("w:tblStyle").append_attribute("w:val") = "TableGrid";
        auto width = properties.append_child("w:tblW");
        width.append_attribute("w:w") = content_width_twips();
        width.append_attribute("w:type") = "dxa";
        auto grid = element.append_child("w:tblGrid");
        const auto widths = column_widths(table);
        for (const int column : widths) grid.append_child("w:gridCol").append_attribute("w:w") = column;
        row(element, table.header, widths, true);
        for (const auto& cells : table.rows) row(element, cells, widths, false);
        m_body.append_child("w:p");  // Word needs a paragraph between adjacent tables
    }

    void write(const BarChart& chart) {
        // The image is 450 pt wide from 1200 px: text of 32 px prints at 12 pt, as in the PDF (ten
        // value labels side by side leave no room for the body's 16 pt).
        images.push_back(bar_chart_png(chart, 1200, 560, {"Laksaman", 32, m_thai_digits}));
        const std::string id = "rIdImage" + std::to_string(images.size());
        const long long cx = 450 * emu_per_point, cy = 210 * emu_per_point;
        auto paragraph = m_body.append_child("w:p");
        paragraph.append_child("w:pPr").append_child("w:jc").append_attribute("w:val") = "center";
        auto inline_node = paragraph.append_child("w:r").append_child("w:drawing").append_child("wp:inline");
        auto extent = inline_node.append_child("wp:extent");
        extent.append_attribute("cx") = cx;
        extent.append_attribute("cy") = cy;
        auto doc_properties = inline_node.append_child("wp:docPr");
        doc_properties.append_attribute("id") = static_cast<int>(images.size());
        doc_properties.append_attribute("name") = chart.title.c_str();
        auto graphic = inline_node.append_child("a:graphic");
        graphic.append_attribute("xmlns:a") = "http://schemas.openxmlformats.org/drawingml/2006/main";
        auto data = graphic.append_child("a:graphicData");
        data.append_attribute("uri") = "http://schemas.openxmlformats.org/drawingml/2006/picture";
        auto picture = data.append_child("pic:pic");
        picture.append_attribute("xmlns:pic") = "http://schemas.openxmlformats.org/drawingml/2006/picture";
        auto names = picture.append_child("pic:nvPicPr");
        auto name = names.append_child("pic:cNvPr");
        name.append_attribute("id") = static_cast<int>(images.size());
        name.append_attribute("name") = ("chart" + std::to_string(images.size()) + ".png").c_str();
        names.append_child("pic:cNvPicPr");
        auto fill = picture.append_child("pic:blipFill");
        fill.append_child("a:blip").append_attribute("r:embed") = id.c_str();
        fill.append_child("a:stretch").append_child("a:fillRect");
        auto shape = picture.append_child("pic:spPr");
        auto transform = shape.append_child("a:xfrm");
        auto offset = transform.append_child("a:off");
        offset.append_attribute("x") = 0;
        offset.append_attribute("y") = 0;
        auto size = transform.append_child("a:ext");
        size.append_attribute("cx") = cx;
        size.append_attribute("cy") = cy;
        auto geometry = shape.append_child("a:prstGeom");
        geometry.append_attribute("prst") = "rect";
        geometry.append_child("a:avLst");
    }

    void write(const SignatureBlock& block) {
        Table table;
        table.header.assign(block.signers.size(), "(ลงชื่อ)......................");
        table.widths.assign(block.signers.size(), 1.0);
        std::vector<std::string> cells;
        cells.reserve(block.signers.size());
        for (const auto& signer : block.signers)
            cells.push_back(signer.role + "\n(" + (signer.name.empty() ? std::string(blank_signer_name) : signer.name) + ")\n" +
                            signer.position);
        table.rows.push_back(cells);
        m_body.append_child("w:p");
        auto element = m_body.append_child("w:tbl");
        auto properties = element.append_child("w:tblPr");
        auto width = properties.append_child("w:tblW");
        width.append_attribute("w:w") = content_width_twips();
        width.append_attribute("w:type") = "dxa";
        auto grid = element.append_child("w:tblGrid");
        const auto widths = column_widths(table);
        for (const int column : widths) grid.append_child("w:gridCol").append_attribute("w:w") = column;
        row(element, table.header, widths, false, true);
        row(element, cells, widths, false, true);
    }

    // A section ends where the orientation changes (Word keeps a section's page settings in a
    // paragraph at its end).
    void write(const PageTurn& turn) {
        if (turn.landscape == m_landscape) return;
        section_properties(m_body.append_child("w:p").append_child("w:pPr").append_child("w:sectPr"), m_landscape, m_sections == 0,
                           m_thai_digits);
        ++m_sections;
        m_landscape = turn.landscape;
    }

    // The body's closing section: the last one's page settings.
    void finish() { section_properties(m_body.append_child("w:sectPr"), m_landscape, m_sections == 0, m_thai_digits); }

private:
    int content_width_twips() const { return (m_landscape ? a4_long_twips : a4_short_twips) - margin_left_twips - margin_right_twips; }
    std::string shown(const std::string& text) const { return m_thai_digits ? thai::to_thai_digits(text) : text; }

    void run_lines(pugi::xml_node paragraph, const std::string& text, bool bold) {
        std::size_t start = 0;
        bool first = true;
        while (true) {
            const auto end = text.find('\n', start);
            auto run = paragraph.append_child("w:r");
            if (bold) {
                auto properties = run.append_child("w:rPr");
                properties.append_child("w:b");
                properties.append_child("w:bCs");
            }
            if (!first) run.append_child("w:br");
            first = false;
            auto node = run.append_child("w:t");
            node.append_attribute("xml:space") = "preserve";
            node.text().set(shown(text.substr(start, end == std::string::npos ? std::string::npos : end - start)).c_str());
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }

    std::vector<int> column_widths(const Table& table) const {
        std::vector<double> shares = table.widths;
        shares.resize(table.header.size(), 1.0);
        double total = 0;
        for (const double share : shares) total += share;
        std::vector<int> widths;
        widths.reserve(shares.size());
        for (const double share : shares) widths.push_back(static_cast<int>(content_width_twips() * share / total));
        return widths;
    }

    void row(pugi::xml_node table, const std::vector<std::string>& cells, const std::vector<int>& widths, bool header,
             bool centred = false) {
        auto element = table.append_child("w:tr");
        // A row stays on one page (a row taller than a page still flows on); the header repeats.
        auto row_properties = element.append_child("w:trPr");
        row_properties.append_child("w:cantSplit");
        if (header) row_properties.append_child("w:tblHeader");
        for (std::size_t column = 0; column < widths.size(); ++column) {
            auto cell = element.append_child("w:tc");
            auto properties = cell.append_child("w:tcPr");
            auto width = properties.append_child("w:tcW");
            width.append_attribute("w:w") = widths[column];
            width.append_attribute("w:type") = "dxa";
            if (header) {
                auto shading = properties.append_child("w:shd");
                shading.append_attribute("w:val") = "clear";
                shading.append_attribute("w:fill") = "E6EBF2";
            }
            auto paragraph = cell.append_child("w:p");
            if (header || centred) paragraph.append_child("w:pPr").append_child("w:jc").append_attribute("w:val") = "center";
            run_lines(paragraph, column < cells.size() ? cells[column] : "", header);
        }
    }

    pugi::xml_node m_body;
    bool m_thai_digits;
    bool m_landscape = false;
    int m_sections = 0;  // sections closed so far
};

std::string styles_xml() {
    std::ostringstream out;
    out << R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        << R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>)"
        << R"(<w:rFonts w:ascii=")" << font_name << R"(" w:hAnsi=")" << font_name << R"(" w:cs=")" << font_name << R"(" w:eastAsia=")"
        << font_name << R"("/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:bidi="th-TH"/></w:rPr></w:rPrDefault>)"
        << R"(<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
        << R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)";
    for (const auto& [level, size] : {std::pair{1, 40}, {2, 36}, {3, 32}})
        out << R"(<w:style w:type="paragraph" w:styleId="Heading)" << level << R"("><w:name w:val="heading )" << level
            << R"("/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120"/>)"
            << R"(<w:outlineLvl w:val=")" << level - 1 << R"("/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=")" << size
            << R"("/><w:szCs w:val=")" << size << R"("/></w:rPr></w:style>)";
    out << R"(<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>)";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
        out << "<w:" << side << R"( w:val="single" w:sz="4" w:space="0" w:color="000000"/>)";
    out << R"(</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>)";
    return out.str();
}

std::string header_xml(bool thai_digits) {
    // The page number at the top centre, as "- ๒ -". The section's page number format gives the
    // digits (Word follows it; LibreOffice 7.4 shows Arabic digits for it, and maps the field
    // switch \* ThaiArabic to Thai letters, so the switch is not used).
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
           R"(<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>)"
           R"(<w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>)"
           R"(<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)"
           R"(<w:r><w:t>)" +
           std::string(thai_digits ? "๑" : "1") +
           R"(</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p></w:hdr>)";
}

}  // namespace

Result<void> write_docx(const Document& document, const std::string& path, bool thai_digits) {
    pugi::xml_document xml;
    auto declaration = xml.prepend_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    declaration.append_attribute("standalone") = "yes";
    auto root = xml.append_child("w:document");
    root.append_attribute("xmlns:w") = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    root.append_attribute("xmlns:r") = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    root.append_attribute("xmlns:wp") = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    auto body = root.append_child("w:body");
    BodyWriter writer(body, thai_digits);
    for (const auto& block : document.blocks) std::visit([&](const auto& item) { writer.write(item); }, block);
    writer.finish();

    std::string relationships =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
        R"(<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>)";
    for (std::size_t index = 1; index <= writer.images.size(); ++index)
        relationships += R"(<Relationship Id="rIdImage)" + std::to_string(index) +
                         R"(" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/chart)" +
                         std::to_string(index) + R"(.png"/>)";
    relationships += "</Relationships>";

    // libzip reads the buffers at zip_close: keep every entry alive until then.
    std::list<std::string> entries;
    const auto add = [&](zip_t* archive, const char* name, std::string content) {
        entries.push_back(std::move(content));
        zip_source_t* source = zip_source_buffer(archive, entries.back().data(), entries.back().size(), 0);
        return source && zip_file_add(archive, name, source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0;
    };
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) return fail(ErrorCode::io, "cannot write " + path);
    bool ok = add(
        archive, "[Content_Types].xml",
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>)"
        R"(<Default Extension="png" ContentType="image/png"/>)"
        R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
        R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
        R"(<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>)");
    ok =
        ok &&
        add(archive, "_rels/.rels",
            R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
            R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)");
    ok = ok && add(archive, "word/document.xml", xml_text(xml));
    ok = ok && add(archive, "word/styles.xml", styles_xml());
    ok = ok && add(archive, "word/header1.xml", header_xml(thai_digits));
    ok = ok && add(archive, "word/_rels/document.xml.rels", relationships);
    for (std::size_t index = 0; index < writer.images.size(); ++index)
        ok = ok && add(archive, ("word/media/chart" + std::to_string(index + 1) + ".png").c_str(),
                       std::string(writer.images[index].begin(), writer.images[index].end()));
    if (!ok) {
        zip_discard(archive);
        return fail(ErrorCode::io, "cannot write " + path);
    }
    if (zip_close(archive) != 0) {
        const std::string reason = zip_strerror(archive);
        zip_discard(archive);
        return fail(ErrorCode::io, "writing " + path + " failed: " + reason);
    }
    return {};
}

}  // namespace ita::report
