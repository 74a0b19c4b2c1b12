#include <ita/evidence/document_readers.hpp>
#include <ita/evidence/document_text.hpp>
#include <ita/util/text.hpp>

#include <iconv.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace ita::evidence {

namespace readers {

DocumentText pdf(std::string_view body) {
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
    document.headline = opening_lines(document.text);
    document.readable = true;
    return document;
}

namespace {

// TIS-620 (and windows-874, its superset) to UTF-8 through iconv; none when it is neither.
std::optional<std::string> from_thai_codepage(std::string_view bytes) {
    iconv_t converter = iconv_open("UTF-8", "CP874");
    if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;  // NOLINT(performance-no-int-to-ptr): iconv_open's failure value
    std::string out(bytes.size() * 3, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* to = out.data();
    std::size_t out_left = out.size();
    const std::size_t done = iconv(converter, &in, &in_left, &to, &out_left);
    iconv_close(converter);
    if (done == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

}  // namespace

DocumentText plain(std::string_view content_type, std::string_view body) {
    DocumentText document;
    document.kind = DocumentKind::text;
    const std::string type = util::ascii_lower(content_type);
    const bool declared_thai = type.find("tis-620") != std::string::npos || type.find("windows-874") != std::string::npos ||
                               type.find("cp874") != std::string::npos;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // Excel's UTF-8 mark
    if (!declared_thai && !util::invalid_utf8_at(body)) {
        document.text = std::string(body);
    } else if (auto converted = from_thai_codepage(body)) {
        document.text = std::move(*converted);
    } else {
        return document;
    }
    document.headline = opening_lines(document.text);
    document.readable = true;
    return document;
}

std::string opening_lines(std::string_view text, std::size_t bytes) {
    std::string lines;
    for (std::size_t at = 0; at < text.size() && lines.size() < bytes;) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const auto line = util::trim(text.substr(at, end - at));
        if (!line.empty()) lines += (lines.empty() ? "" : "\n") + std::string(line);
        at = end + 1;
    }
    return lines;
}

}  // namespace readers

DocumentKind document_kind(std::string_view content_type, std::string_view body) {
    const std::string type = util::ascii_lower(util::trim(content_type.substr(0, content_type.find(';'))));
    if (type.find("html") != std::string::npos) return DocumentKind::html;
    if (type == "application/pdf") return DocumentKind::pdf;
    if (type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") return DocumentKind::docx;
    if (type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return DocumentKind::xlsx;
    if (type == "text/csv" || type == "text/plain" || type == "application/csv" || type == "text/comma-separated-values")
        return DocumentKind::text;
    if (type.empty() || type == "application/octet-stream" || type == "binary/octet-stream" || type == "application/zip") {
        if (body.starts_with("%PDF-")) return DocumentKind::pdf;
        if (body.starts_with("PK\x03\x04")) {  // an office file sent as bytes
            if (readers::zip_holds(body, "word/document.xml")) return DocumentKind::docx;
            if (readers::zip_holds(body, "xl/workbook.xml")) return DocumentKind::xlsx;
            return DocumentKind::other;
        }
        const std::string start = util::ascii_lower(body.substr(0, 512));
        if (start.find("<html") != std::string::npos || start.find("<!doctype html") != std::string::npos) return DocumentKind::html;
    }
    return DocumentKind::other;
}

DocumentText read_document(std::string_view content_type, std::string_view body) {
    switch (document_kind(content_type, body)) {
        case DocumentKind::html: return readers::html(content_type, body);
        case DocumentKind::pdf: return readers::pdf(body);
        case DocumentKind::docx: return readers::docx(body);
        case DocumentKind::xlsx: return readers::xlsx(body);
        case DocumentKind::text: return readers::plain(content_type, body);
        case DocumentKind::other: break;
    }
    return {};
}

}  // namespace ita::evidence
