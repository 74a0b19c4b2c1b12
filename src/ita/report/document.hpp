// Document: the agency report as a sequence of blocks (headings, paragraphs, tables, charts,
// a signature block), independent of the output format. Each writer (PDF, XLSX, …) renders the
// same document, so every format says the same thing. Plain values.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ita::report {

struct Heading {
    int level = 1;  // 1 title, 2 section, 3 subsection
    std::string text;
};

struct Paragraph {
    std::string text;
    bool bold = false;
};

struct Table {
    std::vector<std::string> header;
    std::vector<double> widths;  // shares of the line width, one per column
    std::vector<std::vector<std::string>> rows;
};

// How a bar is coloured: passing, failing, or grey for a result given no verdict (withheld),
// which must never look like a pass.
enum class BarTone { pass, fail, no_verdict };

// Bars with a reference line (the pass mark), for indicator scores.
struct BarChart {
    std::string title;
    std::vector<std::string> labels;
    std::vector<std::optional<double>> values;
    double reference = 85;
    std::vector<std::string> links;  // web pages only: where each bar leads (empty: nowhere)
    std::vector<BarTone> tones;      // one per bar; none given: the value shown against the reference
};

// A bar's tone: the one given, else pass when the value shown (two decimals) reaches the reference.
[[nodiscard]] BarTone tone_of(const BarChart& chart, std::size_t index);

struct Signer {
    std::string role;  // ผู้รายงานข้อมูล, ผู้รับรองข้อมูล, ผู้เห็นชอบข้อมูล
    std::string name;
    std::string position;
};

// The blank for a signer's name to be written in by hand: short enough that "(…)" fits a
// third of the page on one line (a longer one left a lone ")" on the next).
inline constexpr const char* blank_signer_name = "........................";

struct SignatureBlock {
    std::vector<Signer> signers;
};

// From here on, pages are landscape (or portrait again): a table of many columns (the measures)
// gets the width of an A4 page on its side. Writers start a new page where the orientation changes.
struct PageTurn {
    bool landscape = false;
};

using Block = std::variant<Heading, Paragraph, Table, BarChart, SignatureBlock, PageTurn>;

struct Document {
    std::string title;
    std::vector<Block> blocks;
};

}  // namespace ita::report
