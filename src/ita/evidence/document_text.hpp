// The readable text of fetched evidence: an HTML page's words (scripts and styles left out)
// with the signs of a sign-in form, or a PDF's text through poppler. What the checker looks
// for the year and the item's keywords in. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ita::evidence {

enum class DocumentKind { html, pdf, other };

struct DocumentText {
    DocumentKind kind = DocumentKind::other;
    bool readable = false;            // text could be read (a broken or cut-off PDF cannot)
    std::string title;                // HTML <title>
    std::string text;                 // UTF-8
    bool has_password_field = false;  // an <input type="password">: a sign-in wall
};

// What the bytes are, from the Content-Type and, when it is missing or generic, the bytes.
DocumentKind document_kind(std::string_view content_type, std::string_view body);

DocumentText read_document(std::string_view content_type, std::string_view body);

}  // namespace ita::evidence
