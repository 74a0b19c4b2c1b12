#include <ita/evidence/document_text.hpp>
#include <ita/util/text.hpp>

#include <libxml/HTMLparser.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <vector>

namespace ita::evidence {

namespace {

bool named(const xmlNode* node, const char* name) {
    return node->name && xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

void collect(const xmlNode* node, DocumentText& document) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE && node->content) {
            document.text.append(reinterpret_cast<const char*>(node->content));
            document.text.push_back(' ');
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        if (named(node, "script") || named(node, "style") || named(node, "noscript") || named(node, "template")) continue;
        if (named(node, "input") && util::ascii_lower(attribute(node, "type")) == "password") document.has_password_field = true;
        if (named(node, "title") && document.title.empty() && node->children && node->children->content)
            document.title = reinterpret_cast<const char*>(node->children->content);
        collect(node->children, document);
    }
}

// The page's encoding: the Content-Type's charset, else none when the page declares one in a
// <meta> (libxml2 reads it), else UTF-8 (libxml2 would assume Latin-1). Older Thai government
// sites still serve TIS-620 or windows-874.
std::optional<std::string> encoding_of(std::string_view content_type, std::string_view body) {
    const std::string type = util::ascii_lower(content_type);
    if (const auto at = type.find("charset="); at != std::string::npos) {
        std::string charset(util::trim(type.substr(at + 8, type.find(';', at) - at - 8)));
        std::erase(charset, '"');
        if (!charset.empty()) return charset;
    }
    if (util::ascii_lower(body.substr(0, 4096)).find("charset") != std::string::npos) return std::nullopt;
    return "utf-8";
}

DocumentText read_html(std::string_view content_type, std::string_view body) {
    DocumentText document;
    document.kind = DocumentKind::html;
    const auto encoding = encoding_of(content_type, body);
    htmlDocPtr parsed = htmlReadMemory(body.data(), static_cast<int>(body.size()), nullptr, encoding ? encoding->c_str() : nullptr,
                                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!parsed) return document;
    collect(xmlDocGetRootElement(parsed), document);
    xmlFreeDoc(parsed);
    document.readable = true;
    return document;
}

DocumentText read_pdf(std::string_view body) {
    static const bool quiet = [] {  // a damaged PDF is a finding, not a message on stderr
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
        return true;
    }();
    (void)quiet;
    DocumentText document;
    document.kind = DocumentKind::pdf;
    // Read in place: `body` outlives the document.
    std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(body.data(), static_cast<int>(body.size())));
    if (!pdf || pdf->is_locked()) return document;
    for (int index = 0; index < pdf->pages(); ++index) {
        std::unique_ptr<poppler::page> page(pdf->create_page(index));
        if (!page) continue;
        const auto utf8 = page->text().to_utf8();
        document.text.append(utf8.begin(), utf8.end());
        document.text.push_back('\n');
    }
    document.readable = true;
    return document;
}

}  // namespace

DocumentKind document_kind(std::string_view content_type, std::string_view body) {
    const std::string type = util::ascii_lower(content_type.substr(0, content_type.find(';')));
    if (type.find("html") != std::string::npos) return DocumentKind::html;
    if (type == "application/pdf") return DocumentKind::pdf;
    if (type.empty() || type == "application/octet-stream" || type == "binary/octet-stream") {
        if (body.starts_with("%PDF-")) return DocumentKind::pdf;
        const std::string start = util::ascii_lower(body.substr(0, 512));
        if (start.find("<html") != std::string::npos || start.find("<!doctype html") != std::string::npos) return DocumentKind::html;
    }
    return DocumentKind::other;
}

DocumentText read_document(std::string_view content_type, std::string_view body) {
    switch (document_kind(content_type, body)) {
        case DocumentKind::html: return read_html(content_type, body);
        case DocumentKind::pdf: return read_pdf(body);
        case DocumentKind::other: break;
    }
    return {};
}

}  // namespace ita::evidence
