// The agency's report for seed 002's situation (tests/golden/2565/seed002_report: its published
// indicators, the questions and OIT items it quotes) in every format: the sections an official
// expects, with figures the seed states, read back from the PDF, from the DOCX as LibreOffice
// lays it out, from the XLSX's parts and from the HTML; every page rendered to PNG; and no line
// of the PDFs breaking inside a Thai word (for seed 002 and a few synthetic agencies).
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

#include <ita/thai/word_breaks.hpp>

#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ita::test::output_of;
using ita::test::run_ita;

std::string squeezed(std::string text) {
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f'; });
    return text;
}

const std::string golden = std::string(ITA_SOURCE_DIR) + "/tests/golden/2565/seed002_report/";

// The seed's situation in a store, its drafted measures adopted, one with a progress report.
std::string seed002_store(const ita::test::TempDir& files) {
    const std::string db = files.path("ita.db");
    EXPECT_EQ(run_ita("import --db " + db + " agencies " + golden + "agencies.csv").exit_code, 0);
    EXPECT_EQ(run_ita("import --db " + db + " --year 2565 published " + golden + "published.csv").exit_code, 0);
    EXPECT_EQ(run_ita("measures draft --db " + db + " --year 2566 --agency A1").exit_code, 0);
    for (int id = 1; id <= 4; ++id)
        EXPECT_EQ(
            run_ita("measures update --db " + db + " --year 2566 --agency A1 --id " + std::to_string(id) + " --status active").exit_code,
            0);
    EXPECT_EQ(run_ita("measures progress --db " + db +
                      " --id 1 --date 2023-01-15 --percent 40 --text "
                      "'ประชุมชี้แจงบุคลากรและจัดทำแผนประเมินความเสี่ยงการทุจริตแล้ว' --evidence https://example.go.th/ita/o38.pdf")
                  .exit_code,
              0);
    return db;
}

// What every format must say, squeezed (no spaces or line ends) as text layers come out.
const std::vector<std::string> sections{
    // every indicator below 85 has its section; the three most urgent are marked
    "ตัวชี้วัดที่5การแก้ไขปัญหาการทุจริต77.69คะแนน(เร่งด่วนลำดับที่1)",
    "ตัวชี้วัดที่6คุณภาพการดำเนินงาน78.31คะแนน(เร่งด่วนลำดับที่2)",
    "ตัวชี้วัดที่8การปรับปรุงการทำงาน78.41คะแนน(เร่งด่วนลำดับที่3)",
    "ตัวชี้วัดที่2การใช้งบประมาณ81.51คะแนน",
    "ตัวชี้วัดที่4การใช้ทรัพย์สินของราชการ81.99คะแนน",
    "ตัวชี้วัดที่7ประสิทธิภาพการสื่อสาร79.46คะแนน",
    "ตัวชี้วัดที่9การเปิดเผยข้อมูล83.06คะแนน",
    "มี7ตัวชี้วัด",
    // the low questions the seed quotes and the OIT items at 0, with advice
    "62.69",
    "60.71",
    "73.84",
    "65.88",
    "72.65",
    "O26",
    "O29",
    "แนวทางพัฒนา",
    "แนวทางรักษา",
    // the path: O38 closes the 1.06 gap with 1.25 points
    "ขาดอีก1.06คะแนน",
    "O38การเสริมสร้างวัฒนธรรมองค์กร(+1.25คะแนนรวม)",
    // no rank before publication, and why
    "ลำดับจะแสดงเมื่อประกาศผลแล้ว",
    // the measures and their progress
    "ความก้าวหน้าของมาตรการ",
    "ยังไม่รายงาน",
};

void expect_sections(const std::string& text, const std::string& format) {
    const std::string flat = squeezed(text);
    for (const auto& expected : sections) EXPECT_NE(flat.find(expected), std::string::npos) << format << ": " << expected;
    EXPECT_EQ(flat.find("อยู่ในลำดับที่"), std::string::npos) << format;
    EXPECT_EQ(flat.find("(ร่าง)"), std::string::npos) << format << ": adopted measures only";
}

struct TextLine {
    double x = 0, y = 0, height = 0;
    std::string text;
};

// The lines of a PDF's text layer in drawing order with their positions (pdftotext -bbox-layout;
// pieces of one line at the same height, as Thai tone marks come out, joined).
std::vector<TextLine> text_lines(const std::string& pdf) {
    const std::string xml = output_of("pdftotext -bbox-layout " + pdf + " - 2>/dev/null");
    const std::regex line_pattern(
        "<line xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">([\\s\\S]*?)</line>|<page ");
    const std::regex word_pattern("<word[^>]*>([^<]*)</word>");
    std::vector<TextLine> lines;
    for (std::sregex_iterator line(xml.begin(), xml.end(), line_pattern), end; line != end; ++line) {
        if (!(*line)[1].matched) {  // a new page: nothing joins across it
            lines.push_back({-1, -1, 0, ""});
            continue;
        }
        TextLine piece{std::stod((*line)[1]), std::stod((*line)[2]), 0, ""};
        piece.height = std::stod((*line)[3]) - piece.y;
        const std::string words = (*line)[4];
        for (std::sregex_iterator word(words.begin(), words.end(), word_pattern); word != end; ++word)
            piece.text += (piece.text.empty() ? "" : " ") + (*word)[1].str();
        if (!lines.empty() && lines.back().x >= 0 && std::abs(piece.y - lines.back().y) < 1.0)
            lines.back().text += piece.text;
        else
            lines.push_back(std::move(piece));
    }
    return lines;
}

// Every line that wraps onto the next (the next starts at the same left edge one line step
// lower: the same paragraph or table cell) ends at a Thai word boundary. `line_step` is the
// step between the lines of a paragraph as a share of a line's box: Pango sets them about 0.85
// apart (a new paragraph or row adds space); LibreOffice's DOCX lines about 1.32.
void expect_thai_words_whole(const std::string& pdf, double line_step = 0.846) {
    int joins = 0;
    const auto lines = text_lines(pdf);
    for (std::size_t at = 1; at < lines.size(); ++at) {
        const auto& above = lines[at - 1];
        const auto& below = lines[at];
        const double step = below.y - above.y;
        if (above.x < 0 || below.x < 0 || std::abs(below.x - above.x) > 1.0 || std::abs(step - line_step * above.height) > 1.5) continue;
        ++joins;
        EXPECT_TRUE(ita::thai::breaks_between_words(above.text, below.text))
            << pdf << ": a word broken between\n  " << above.text << "\n  " << below.text;
    }
    EXPECT_GT(joins, 10) << pdf;
}

// Renders every page of a PDF to PNG at 1280 px wide; how many pages came out.
int rendered_pages(const ita::test::TempDir& files, const std::string& pdf, const std::string& stem) {
    output_of("pdftoppm -scale-to-x 1280 -scale-to-y -1 -png " + pdf + " " + files.path(stem) + " 2>&1");
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(files.path("")))
        if (entry.path().filename().string().starts_with(stem + "-") && entry.file_size() > 10000) ++pages;
    return pages;
}

std::string libreoffice_pdf(const ita::test::TempDir& files, const std::string& input) {
    output_of("soffice -env:UserInstallation=file://" + files.path("lo-profile") + " --headless --convert-to pdf --outdir " +
              files.path("converted") + " " + input + " 2>&1");
    const std::string name = input.substr(input.rfind('/') + 1);
    return files.path("converted/" + name.substr(0, name.rfind('.')) + ".pdf");
}

}  // namespace

TEST(AgencyReportGolden, Seed002InEveryFormat) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    const auto report = [&](const std::string& format) {
        const std::string out = files.path("report." + format);
        const auto made = run_ita("report --db " + db + " --year 2565 --agency A1 --format " + format + " --out " + out +
                                  " --reporter 'นายปรมินทร์ ศรีอ่าง|นิติกรชำนาญการ'");
        EXPECT_EQ(made.exit_code, 0) << made.output;
        return out;
    };

    const std::string pdf = report("pdf");
    expect_sections(output_of("pdftotext -raw " + pdf + " -"), "pdf");
    expect_thai_words_whole(pdf);
    EXPECT_EQ(output_of("pdftotext -raw " + pdf + " -").find("\n)\n"), std::string::npos);  // no signature's ")" alone on a line
    EXPECT_GE(rendered_pages(files, pdf, "pdf-page"), 6);
    // The measures' six columns on pages on their side, and upright again for the 4M.
    const std::string sizes = output_of("pdfinfo -f 1 -l 99 " + pdf);
    EXPECT_NE(sizes.find("841.89 x 595.28"), std::string::npos) << sizes;
    EXPECT_NE(sizes.rfind("595.28 x 841.89"), std::string::npos);

    const std::string docx = report("docx");
    EXPECT_NE(output_of("unzip -p " + docx + " word/document.xml").find("w:orient=\"landscape\""), std::string::npos);
    const std::string docx_pdf = libreoffice_pdf(files, docx);
    EXPECT_NE(output_of("pdfinfo -f 1 -l 99 " + docx_pdf).find("841.89 x 595.3"), std::string::npos);
    expect_sections(output_of("pdftotext -raw " + docx_pdf + " -"), "docx");
    expect_thai_words_whole(docx_pdf, 1.32);  // as LibreOffice breaks the lines (Latin text tagged English)
    EXPECT_GE(rendered_pages(files, docx_pdf, "docx-page"), 6);

    std::string html;
    {
        const std::string path = report("html");
        html = output_of("sed -e 's/<[^>]*>/ /g' " + path);
    }
    expect_sections(html, "html");

    // The XLSX: its sheets, two decimals shown, frozen headers, Thai labels and the analysis.
    const std::string xlsx = report("xlsx");
    const std::string workbook = output_of("unzip -p " + xlsx + " xl/workbook.xml");
    for (const char* sheet : {"สรุป", "ตัวชี้วัด", "จุดอ่อน", "แนวทางสู่เป้าหมาย", "มาตรการ", "ความก้าวหน้า"})
        EXPECT_NE(workbook.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
    EXPECT_NE(output_of("unzip -p " + xlsx + " xl/styles.xml").find("formatCode=\"0.00\""), std::string::npos);
    EXPECT_NE(output_of("unzip -p " + xlsx + " xl/worksheets/sheet1.xml").find("state=\"frozen\""), std::string::npos);
    const std::string strings = output_of("unzip -p " + xlsx + " xl/sharedStrings.xml");
    for (const char* text : {"ลำดับที่ 1", "การเสริมสร้างวัฒนธรรมองค์กร", "ดำเนินการ", "15 ม.ค. 2566"})
        EXPECT_NE(strings.find(text), std::string::npos) << text;
    const std::string calc_pdf = libreoffice_pdf(files, xlsx);
    EXPECT_GE(rendered_pages(files, calc_pdf, "xlsx-page"), 4);
}

// Two stored years: 2564 with an overall of 78.17 and 89.07 for indicator 5, and seed 002's 2565
// (83.9378, indicator 5 77.69). The report gives the changes in words and each year's
// instruments and indicators side by side.
TEST(AgencyReportGolden, HistoryOfEveryInstrumentAndTheChangeInWords) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    const std::string last = files.write("last.csv",
                                         "agency_id,level,code,score\n"
                                         "A1,overall,,78.17\nA1,indicator,5,89.07\n");
    ASSERT_EQ(run_ita("import --db " + db + " --year 2564 published " + last).exit_code, 0);
    const std::string pdf = files.path("history.pdf");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --out " + pdf).exit_code, 0);
    const std::string text = squeezed(output_of("pdftotext -raw " + pdf + " -"));
    EXPECT_NE(text.find("เทียบกับปีก่อนเพิ่มขึ้น5.77คะแนน"), std::string::npos);  // 83.9378 − 78.17
    EXPECT_NE(text.find("เทียบกับปีก่อนลดลง11.38คะแนน"), std::string::npos);  // indicator 5: 77.69 − 89.07
    EXPECT_NE(text.find("ผลการประเมินพ.ศ.2564พ.ศ.2565"), std::string::npos);
    EXPECT_NE(text.find("ตัวชี้วัดที่5การแก้ไขปัญหาการทุจริต89.0777.69"), std::string::npos);
}

// A year whose verdict was withheld (5 staff answered of 40, below the minimum: the golden case
// 2565/below_minimum_sample) is grey in the history chart, never the colour of a pass, though
// its overall of 93.00 is above the pass mark; the year before (80, not passing) is orange.
TEST(AgencyReportGolden, AWithheldYearIsNeverColouredAsAPass) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const std::string golden_case = std::string(ITA_SOURCE_DIR) + "/tests/golden/2565/below_minimum_sample/";
    ASSERT_EQ(run_ita("import --db " + db + " agencies " + golden_case + "agencies.csv").exit_code, 0);
    ASSERT_EQ(run_ita("import --db " + db + " --year 2565 published " + golden_case + "published.csv").exit_code, 0);
    ASSERT_EQ(run_ita("import --db " + db + " --year 2565 responses " + golden_case + "responses.csv").exit_code, 0);
    ASSERT_EQ(
        run_ita("import --db " + db + " --year 2564 published " + files.write("before.csv", "agency_id,level,code,score\nM,overall,,80\n"))
            .exit_code,
        0);
    const std::string html = files.path("report.html");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency M --format html --out " + html).exit_code, 0);
    const std::string page = output_of("cat " + html);
    EXPECT_NE(page.find("class=\"no-verdict\"><title>2565: 93.00"), std::string::npos) << "the withheld year is grey";
    EXPECT_NE(page.find("class=\"fail\"><title>2564: 80.00"), std::string::npos);
    EXPECT_EQ(page.find("class=\"pass\"><title>2565"), std::string::npos);
}

// Synthetic agencies of a published season: every report's lines end at Thai word boundaries.
TEST(AgencyReportGolden, NoThaiWordBrokenAcrossLines) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_TRUE(ita::test::import_synthetic_season(db, files.path("data"), 6, 11));
    ASSERT_EQ(run_ita("publish --db " + db + " --year 2565").exit_code, 0);
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --all --jobs 2 --out " + files.path("reports")).exit_code, 0);
    int reports = 0;
    for (const auto& entry : std::filesystem::directory_iterator(files.path("reports"))) {
        expect_thai_words_whole(entry.path().string());
        ++reports;
    }
    EXPECT_EQ(reports, 6);
}
