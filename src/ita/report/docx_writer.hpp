// Writes a Document as an editable DOCX (WordprocessingML in a zip: pugixml + libzip): text in
// the font "TH SarabunPSK" 16 pt, real Word tables whose header row repeats on every page, the
// chart as an embedded picture, page numbers in Thai digits. Thread-safe (no shared state).
#pragma once

#include <ita/report/document.hpp>
#include <ita/util/error.hpp>

#include <string>

namespace ita::report {

// Fails with ErrorCode::io when the file cannot be written.
Result<void> write_docx(const Document& document, const std::string& path, bool thai_digits = false);

}  // namespace ita::report
