// The readable text of fetched evidence: an HTML page's words (scripts and styles left out),
// its main content apart from the site's menus, header, footer and sidebars, and the signs of a
// sign-in form; a PDF's text through poppler; a DOCX's paragraphs, an XLSX's cells, a CSV's or
// plain text's lines. What the checker looks for the year and the item's words in. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ita::evidence {

enum class DocumentKind { html, pdf, docx, xlsx, text, other };

struct DocumentText {
    DocumentKind kind = DocumentKind::other;
    bool readable = false;  // text could be read (a broken or cut-off file cannot)
    std::string title;      // HTML <title>
    std::string text;       // UTF-8, all of it
    // An HTML page's own content, without its navigation, header, footer and sidebars (the
    // <main> element when there is one); other kinds leave it empty: content() is their text.
    std::string main_text;
    std::string main_headings;   // the headings (h1–h6) inside main_text, joined
    std::string headline;        // the first heading of the main content, else the opening lines
    std::size_t main_media = 0;  // pictures and embedded documents in the main content: content too
    // Where a <meta http-equiv="refresh"> sends the browser (an http/https address), else empty.
    std::string refresh_url;
    bool has_password_field = false;  // an <input type="password">: a sign-in wall

    // What the document itself says: an HTML page's main content, any other file's whole text.
    [[nodiscard]] const std::string& content() const { return kind == DocumentKind::html ? main_text : text; }
};

// What the bytes are, from the Content-Type and, when it is missing or generic, the bytes.
DocumentKind document_kind(std::string_view content_type, std::string_view body);

DocumentText read_document(std::string_view content_type, std::string_view body);

}  // namespace ita::evidence
