// The readers behind read_document, one per kind of file: HTML (its main content apart from the
// site's menus, header and footer), PDF (poppler), DOCX and XLSX (libzip and pugixml), plain
// text and CSV (UTF-8, else TIS-620 as older Thai systems export). Internal to evidence/.
#pragma once

#include <ita/evidence/document_text.hpp>

#include <string_view>

namespace ita::evidence::readers {

DocumentText html(std::string_view content_type, std::string_view body);
DocumentText pdf(std::string_view body);
DocumentText docx(std::string_view body);
DocumentText xlsx(std::string_view body);
DocumentText plain(std::string_view content_type, std::string_view body);

// Whether a ZIP archive holds the part `name` (a DOCX holds word/document.xml).
bool zip_holds(std::string_view body, const char* name);

// The first lines of a document's text, up to about `bytes`: what a reader sees as its title.
std::string opening_lines(std::string_view text, std::size_t bytes = 240);

}  // namespace ita::evidence::readers
