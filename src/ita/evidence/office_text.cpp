// DOCX and XLSX evidence: procurement lists and monthly summaries are often published as the
// office files they were typed in. Their text is XML inside a ZIP archive; libzip opens the
// archive in memory and pugixml reads the parts.
#include <ita/evidence/document_readers.hpp>

#include <zip.h>
#include <pugixml.hpp>

#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace ita::evidence::readers {

namespace {

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ZipCloser>;

Archive open_archive(std::string_view body) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(body.data(), body.size(), 0, &error);
    zip_error_fini(&error);
    if (!source) return nullptr;
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, nullptr);
    if (!archive) zip_source_free(source);
    return Archive(archive);
}

// A part's bytes; none when it is missing or larger than the evidence limits would allow.
std::optional<std::string> read_part(zip_t* archive, const char* name) {
    constexpr zip_uint64_t largest = zip_uint64_t{64} * 1024 * 1024;
    zip_stat_t stat;
    if (zip_stat(archive, name, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) || stat.size > largest) return std::nullopt;
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive, name, 0), &zip_fclose);
    if (!file) return std::nullopt;
    std::string bytes(stat.size, '\0');
    if (zip_fread(file.get(), bytes.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) return std::nullopt;
    return bytes;
}

bool parse(pugi::xml_document& xml, const std::string& bytes) {
    return xml.load_buffer(bytes.data(), bytes.size()).status == pugi::status_ok;
}

// Every w:t of a paragraph (or a table cell's paragraphs), a line per paragraph.
void paragraphs(const pugi::xml_node& node, std::string& text) {
    for (const auto& child : node.children()) {
        const std::string_view name = child.name();
        if (name == "w:p") {
            for (const auto& run : child.select_nodes(".//w:t")) text += run.node().text().get();
            text.push_back('\n');
        } else {
            paragraphs(child, text);
        }
    }
}

}  // namespace

bool zip_holds(std::string_view body, const char* name) {
    const Archive archive = open_archive(body);
    return archive && zip_name_locate(archive.get(), name, 0) >= 0;
}

DocumentText docx(std::string_view body) {
    DocumentText document;
    document.kind = DocumentKind::docx;
    const Archive archive = open_archive(body);
    if (!archive) return document;
    const auto part = read_part(archive.get(), "word/document.xml");
    pugi::xml_document xml;
    if (!part || !parse(xml, *part)) return document;
    paragraphs(xml.document_element(), document.text);
    document.headline = opening_lines(document.text);
    document.readable = true;
    return document;
}

DocumentText xlsx(std::string_view body) {
    DocumentText document;
    document.kind = DocumentKind::xlsx;
    const Archive archive = open_archive(body);
    if (!archive) return document;
    std::vector<std::string> shared;
    if (const auto strings = read_part(archive.get(), "xl/sharedStrings.xml")) {
        pugi::xml_document xml;
        if (!parse(xml, *strings)) return document;
        for (const auto& item : xml.document_element().children("si")) {
            std::string value;
            for (const auto& piece : item.select_nodes(".//t")) value += piece.node().text().get();
            shared.push_back(std::move(value));
        }
    }
    // Sheets in their archive order, each row a line of cells separated by tabs.
    const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t index = 0; index < entries; ++index) {
        const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(index), 0);
        if (!name || std::strncmp(name, "xl/worksheets/sheet", 19) != 0) continue;
        const auto part = read_part(archive.get(), name);
        pugi::xml_document xml;
        if (!part || !parse(xml, *part)) return document;
        for (const auto& row : xml.document_element().child("sheetData").children("row")) {
            for (const auto& cell : row.children("c")) {
                const std::string_view type = cell.attribute("t").value();
                if (type == "s") {
                    const auto at = cell.child("v").text().as_ullong(shared.size());
                    if (at < shared.size()) document.text += shared[at];
                } else if (type == "inlineStr") {
                    for (const auto& piece : cell.child("is").select_nodes(".//t")) document.text += piece.node().text().get();
                } else {
                    document.text += cell.child("v").text().get();
                }
                document.text.push_back('\t');
            }
            document.text.push_back('\n');
        }
    }
    document.headline = opening_lines(document.text);
    document.readable = true;
    return document;
}

}  // namespace ita::evidence::readers
