// Writes a Document as an A4 PDF with cairo and pango: Thai shaped and broken at word
// boundaries, font Laksaman (metric twin of TH Sarabun PSK) 16 pt, tables that break across
// pages with their header repeated, bar charts, and page numbers in the Thai style (- ๒ -).
// Thread-safe (no shared state).
#pragma once

#include <ita/report/document.hpp>
#include <ita/util/error.hpp>

#include <string>

namespace ita::report {

struct PdfOptions {
    bool thai_digits = false;  // write numbers with Thai digits
    std::string font = "Laksaman";
    double body_size = 16;
};

// Fails with ErrorCode::io when the file cannot be written.
Result<void> write_pdf(const Document& document, const std::string& path, const PdfOptions& options = {});
// The same PDF in memory (a download: no file in between).
Result<std::string> pdf_bytes(const Document& document, const PdfOptions& options = {});

}  // namespace ita::report
