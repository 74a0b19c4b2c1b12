// The PDF writer's per-thread layouts: shared for the same text, font and width only, never
// across threads, and a document written with a warm cache reads exactly as one written cold.
#include <ita/report/layout_cache.hpp>
#include <ita/report/pdf_writer.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

using namespace ita;

namespace {

report::LayoutKey key(std::string text, double width = 200, bool bold = false) {
    return {std::move(text), "Laksaman", 14, bold, width, PANGO_ALIGN_LEFT};
}

std::string pdf_text(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("pdftotext -layout '" + path + "' -").c_str(), "r"), pclose);
    std::string text;
    std::array<char, 4096> buffer{};
    for (std::size_t read = 0; pipe && (read = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) text.append(buffer.data(), read);
    return text;
}

report::Document long_table_document() {
    report::Document document;
    document.title = "ทดสอบ";
    document.blocks.push_back(report::Heading{1, "รายงานผลการประเมิน ๒๕๖๕"});
    report::Table table{{"ตัวชี้วัด", "โครงการ/กิจกรรม", "ผู้รับผิดชอบ"}, {1, 2, 1}, {}};
    for (int row = 1; row <= 60; ++row)
        table.rows.push_back(
            {"ตัวชี้วัดที่ " + std::to_string(row % 10 + 1), "กิจกรรมเสริมสร้างคุณธรรม ครั้งที่ " + std::to_string(row), "กลุ่มงานบริหารทั่วไป"});
    document.blocks.push_back(table);
    return document;
}

}  // namespace

TEST(PdfLayouts, TheSameTextFontAndWidthShareOneLayout) {
    const auto first = report::cached_layout(key("การเปิดเผยข้อมูล"));
    const auto again = report::cached_layout(key("การเปิดเผยข้อมูล"));
    EXPECT_EQ(first.get(), again.get());
    EXPECT_NE(first.get(), report::cached_layout(key("การเปิดเผยข้อมูล", 120)).get());
    EXPECT_NE(first.get(), report::cached_layout(key("การเปิดเผยข้อมูล", 200, true)).get());
    EXPECT_NE(first.get(), report::cached_layout(key("การเปิดเผยข้อมูล ")).get());
}

TEST(PdfLayouts, ANarrowerWidthWrapsTheSameTextOntoMoreLines) {
    const std::string text = "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";
    EXPECT_EQ(pango_layout_get_line_count(report::cached_layout(key(text, 1000)).get()), 1);
    EXPECT_GT(pango_layout_get_line_count(report::cached_layout(key(text, 80)).get()), 2);
}

TEST(PdfLayouts, EachThreadLaysOutItsOwn) {
    const auto here = report::cached_layout(key("ผู้รับผิดชอบ"));
    PangoLayout* there = nullptr;
    std::thread([&] { there = report::cached_layout(key("ผู้รับผิดชอบ")).get(); }).join();
    EXPECT_NE(here.get(), there);
}

TEST(PdfLayouts, AWarmCacheWritesTheSameDocumentAsAColdOne) {
    const auto folder = std::filesystem::temp_directory_path() / ("ita-pdf-layout-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto document = long_table_document();
    const std::string cold = (folder / "cold.pdf").string(), warm = (folder / "warm.pdf").string();
    std::thread([&] { ASSERT_TRUE(report::write_pdf(document, cold)); }).join();  // a thread with no layouts yet
    ASSERT_TRUE(report::write_pdf(document, warm));
    ASSERT_TRUE(report::write_pdf(document, warm));  // this thread's layouts now all made
    const auto text = pdf_text(warm);
    EXPECT_EQ(text, pdf_text(cold));
    EXPECT_NE(text.find("ที่ 60 "), std::string::npos) << text;  // the last row (pdftotext reorders ั้ so match after it)
    std::size_t headers = 0;                                   // the header again on every page the table reaches
    for (auto at = text.find("โครงการ/กิจกรรม"); at != std::string::npos; at = text.find("โครงการ/กิจกรรม", at + 1)) ++headers;
    EXPECT_GE(headers, 2u);
    std::filesystem::remove_all(folder);
}
