// The checker's rules on hand-built inputs: years, ranges, robots.txt, and each status with
// the cases that must not be flagged.
#include <ita/evidence/readiness.hpp>
#include <ita/evidence/robots.hpp>

#include <gtest/gtest.h>

using namespace ita;
using evidence::Readiness;

namespace {

evidence::FetchResult answered(long status = 200, std::string type = "text/html; charset=utf-8") {
    evidence::FetchResult fetched;
    fetched.url = fetched.final_url = "https://www.example.go.th/ita/o1";
    fetched.http_status = status;
    fetched.content_type = std::move(type);
    return fetched;
}

// A page as the HTML reader gives it: `text` and a sentence an agency adds to what it publishes
// (neither a keyword nor a year), so the page is more than a heading.
evidence::DocumentText page(const std::string& text, const std::string& title = "หน่วยงานตัวอย่าง") {
    return evidence::read_document("text/html; charset=utf-8",
                                   "<html><head><title>" + title + "</title></head><body><p>" + text +
                                       "</p><p>เผยแพร่เพื่อให้ประชาชนทราบโดยทั่วกัน รายละเอียดตามเอกสารแนบท้ายนี้</p></body></html>");
}

evidence::EvidenceRules rules(core::EvidencePeriod period, std::vector<std::string> keywords = {"โครงสร้าง"}) {
    return {
        .fiscal_year = 2565, .keywords = std::move(keywords), .period = period, .signs = {}, .online_service = false, .agency_sites = {}};
}

std::string codes(const evidence::Assessment& assessment) {
    std::string text;
    for (const auto& finding : assessment.findings) text += (text.empty() ? "" : ",") + finding.code;
    return text;
}

}  // namespace

TEST(FiscalYear, TheYearInArabicOrThaiDigitsWithOrWithoutพศ) {
    EXPECT_TRUE(evidence::mentions_fiscal_year("แผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2565", 2565));
    EXPECT_TRUE(evidence::mentions_fiscal_year("แผนดำเนินงานประจำปี ๒๕๖๕", 2565));
    EXPECT_TRUE(evidence::mentions_fiscal_year("ปีงบประมาณ 65", 2565));
    EXPECT_TRUE(evidence::mentions_fiscal_year("ข้อมูล ณ พ.ศ.๖๕", 2565));
}

TEST(FiscalYear, OctoberToDecemberOfTheYearBeforeBelongToIt) {
    EXPECT_TRUE(evidence::mentions_fiscal_year("สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนตุลาคม 2564", 2565));
    EXPECT_TRUE(evidence::mentions_fiscal_year("เดือน ธ.ค. ๒๕๖๔", 2565));
    EXPECT_FALSE(evidence::mentions_fiscal_year("ประจำเดือนกันยายน 2564", 2565));  // FY 2564's last month
}

TEST(FiscalYear, OtherNumbersAreNotTheYear) {
    EXPECT_FALSE(evidence::mentions_fiscal_year("โทร 02-256-5000 ต่อ 25650", 2565));
    EXPECT_FALSE(evidence::mentions_fiscal_year("ปีงบประมาณ 2564", 2565));
    EXPECT_FALSE(evidence::mentions_fiscal_year("อายุ 65 ปี", 2565));
    EXPECT_FALSE(evidence::mentions_fiscal_year("จำนวน 65 ราย", 2565));
}

TEST(FiscalYear, APlanOfSeveralYearsCoversTheYearsOfItsSpan) {
    EXPECT_TRUE(evidence::mentions_fiscal_year("แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565)", 2565, true));
    EXPECT_TRUE(evidence::mentions_fiscal_year("แผนยุทธศาสตร์ ๒๕๖๓–๒๕๖๗", 2565, true));
    EXPECT_TRUE(evidence::mentions_fiscal_year("ปี 2563 ถึง 2567", 2565, true));
    EXPECT_FALSE(evidence::mentions_fiscal_year("แผนยุทธศาสตร์ 2566-2570", 2565, true));
    EXPECT_FALSE(evidence::mentions_fiscal_year("แผนยุทธศาสตร์ 2563-2567", 2565, false));  // a span only where the item is a plan
}

TEST(FiscalYear, YearsInTextAreListedOnceAscending) {
    EXPECT_EQ(evidence::years_in("2564 ๒๕๖๒ 2564 โทร 1234 2565"), (std::vector<int>{2562, 2564, 2565}));
}

TEST(Robots, TheLongestRuleOfOurGroupOrOfStarDecides) {
    const std::string robots = "User-agent: *\nDisallow: /private/\nAllow: /private/ita/\n\nUser-agent: BadBot\nDisallow: /\n";
    EXPECT_TRUE(evidence::robots_allows(robots, evidence::robots_agent, "/ita/o1.html"));
    EXPECT_FALSE(evidence::robots_allows(robots, evidence::robots_agent, "/private/report.pdf"));
    EXPECT_TRUE(evidence::robots_allows(robots, evidence::robots_agent, "/private/ita/o1"));
    EXPECT_FALSE(evidence::robots_allows(robots, "BadBot", "/ita/o1.html"));
}

TEST(Robots, AGroupNamingUsReplacesStar) {
    const std::string robots = "User-agent: *\nDisallow: /\n\nUser-agent: ita-evidence-check\nAllow: /\n";
    EXPECT_TRUE(evidence::robots_allows(robots, evidence::robots_agent, "/anything"));
}

TEST(Robots, PatternsAndEmptyRules) {
    const std::string robots = "User-agent: *\nDisallow: /*.pdf$\nDisallow:\n";
    EXPECT_FALSE(evidence::robots_allows(robots, evidence::robots_agent, "/docs/plan.pdf"));
    EXPECT_TRUE(evidence::robots_allows(robots, evidence::robots_agent, "/docs/plan.pdf?download=1"));
    EXPECT_TRUE(evidence::robots_allows(robots, evidence::robots_agent, "/docs/plan.html"));
    EXPECT_TRUE(evidence::robots_allows("", evidence::robots_agent, "/"));
    // A pattern of many stars against a long path that it does not match ends quickly.
    EXPECT_TRUE(evidence::robots_allows("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*b$\n", evidence::robots_agent,
                                        "/" + std::string(5000, 'a')));
}

TEST(Assess, AStandingPageNamingItsItemIsOk) {
    const auto assessment = evidence::assess(answered(), page("แผนผังโครงสร้างหน่วยงาน กองคลัง กองช่าง"), rules(core::EvidencePeriod::standing));
    EXPECT_EQ(assessment.status, Readiness::ok) << assessment.reason();
    EXPECT_TRUE(assessment.findings.empty());
}

TEST(Assess, KeywordsMatchThaiTypedOrCopiedEitherWay) {
    // A PDF's text often comes with the sara am as nikhahit + sara aa and spaces inside words.
    auto assessment = evidence::assess(answered(), page("รายงานการด\u0E4D\u0E32เนินงาน ประจ\u0E4D\u0E32ปี 2565"),
                                       rules(core::EvidencePeriod::fiscal_year, {"การดำเนินงาน"}));
    EXPECT_EQ(assessment.status, Readiness::ok) << assessment.reason();
    assessment = evidence::assess(answered(), page("โครง สร้าง หน่วยงาน"), rules(core::EvidencePeriod::standing));
    EXPECT_EQ(assessment.status, Readiness::ok) << assessment.reason();
}

TEST(Assess, AYearlyItemWithoutTheYearIsStaleAndSaysWhatItFound) {
    const auto assessment = evidence::assess(answered(), page("แผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2563 และ 2564"),
                                             rules(core::EvidencePeriod::fiscal_year, {"แผนดำเนินงาน"}));
    EXPECT_EQ(assessment.status, Readiness::stale);
    EXPECT_EQ(codes(assessment), "stale_year");
    EXPECT_NE(assessment.reason().find("2565"), std::string::npos);
    EXPECT_NE(assessment.reason().find("2564"), std::string::npos) << assessment.reason();
}

TEST(Assess, AnAnnualReportOfTheYearBeforeIsCurrent) {
    const auto assessment = evidence::assess(answered(), page("รายงานผลการดำเนินงานประจำปี พ.ศ. 2564"),
                                             rules(core::EvidencePeriod::previous_year, {"ผลการดำเนินงาน"}));
    EXPECT_EQ(assessment.status, Readiness::ok) << assessment.reason();
    const auto older = evidence::assess(answered(), page("รายงานผลการดำเนินงานประจำปี พ.ศ. 2562"),
                                        rules(core::EvidencePeriod::previous_year, {"ผลการดำเนินงาน"}));
    EXPECT_EQ(older.status, Readiness::stale);
}

TEST(Assess, APageAboutSomethingElseIsSuspicious) {
    const auto assessment = evidence::assess(answered(), page("ยินดีต้อนรับสู่เว็บไซต์ ข่าวกีฬาประจำวัน 2565"), rules(core::EvidencePeriod::standing));
    EXPECT_EQ(assessment.status, Readiness::suspicious);
    EXPECT_EQ(codes(assessment), "keywords_missing");
}

TEST(Assess, StaleAndOffTopicTogetherReportBothTheWorstFirst) {
    const auto assessment = evidence::assess(answered(), page("ยินดีต้อนรับ ข่าวกีฬา 2560"), rules(core::EvidencePeriod::fiscal_year));
    EXPECT_EQ(assessment.status, Readiness::stale);  // the wrong year fails review; a missing keyword may not
    EXPECT_EQ(codes(assessment), "stale_year,keywords_missing");
}

TEST(Assess, WhatTheAuditorCouldNotOpenIsBroken) {
    EXPECT_EQ(evidence::assess(answered(404), page("x"), rules(core::EvidencePeriod::standing)).findings.at(0).code, "http_404");
    EXPECT_EQ(evidence::assess(answered(503), page("x"), rules(core::EvidencePeriod::standing)).status, Readiness::broken);
    EXPECT_EQ(evidence::assess(answered(403), page("x"), rules(core::EvidencePeriod::standing)).status, Readiness::broken);
    auto failed = answered(0);
    failed.error = "timeout";
    EXPECT_EQ(codes(evidence::assess(failed, {}, rules(core::EvidencePeriod::standing))), "timeout");
    auto sign_in = page("กรุณาเข้าสู่ระบบ ชื่อผู้ใช้ รหัสผ่าน โครงสร้าง");
    sign_in.has_password_field = true;
    EXPECT_EQ(codes(evidence::assess(answered(), sign_in, rules(core::EvidencePeriod::standing))), "sign_in_wall");
    auto redirected = answered();
    redirected.final_url = "https://www.example.go.th/wp-login.php?redirect_to=%2Fita";
    EXPECT_EQ(codes(evidence::assess(redirected, page("โครงสร้าง"), rules(core::EvidencePeriod::standing))), "sign_in_wall");
    EXPECT_EQ(codes(evidence::assess(answered(), page("ขออภัย ไม่พบหน้าที่คุณต้องการ", "404 Not Found"), rules(core::EvidencePeriod::standing))),
              "not_found_page");
}

TEST(Assess, NumbersAndWordsThatOnlyLookLikeFailuresAreNot) {
    // "404" as a number on a real page, and a sign-in link without a password field.
    const auto assessment =
        evidence::assess(answered(), page("โครงสร้างหน่วยงาน อาคาร 404 ชั้น 4 | เข้าสู่ระบบ"), rules(core::EvidencePeriod::standing));
    EXPECT_EQ(assessment.status, Readiness::ok) << assessment.reason();
}

TEST(Assess, UnreadableOrEmptyIsForTheAuditorToOpen) {
    evidence::DocumentText pdf;
    pdf.kind = evidence::DocumentKind::pdf;
    auto big = answered(200, "application/pdf");
    big.truncated = true;
    big.body.assign(2 * 1024 * 1024, 'x');
    EXPECT_EQ(codes(evidence::assess(big, pdf, rules(core::EvidencePeriod::standing))), "too_large");
    EXPECT_EQ(codes(evidence::assess(answered(200, "application/pdf"), pdf, rules(core::EvidencePeriod::standing))), "unreadable");
    EXPECT_EQ(codes(evidence::assess(answered(), evidence::read_document("text/html", "<html><body> \n </body></html>"),
                                     rules(core::EvidencePeriod::standing))),
              "no_text");
    const auto image = evidence::assess(answered(200, "image/png"), {}, rules(core::EvidencePeriod::fiscal_year));
    EXPECT_EQ(image.status, Readiness::ok);
    EXPECT_EQ(codes(image), "content_not_read");
}

// An auditor reads evidence as a person would: a JSON or XML body is data for programs.
TEST(Assess, DataForProgramsIsNotEvidence) {
    for (const char* type : {"application/json", "application/json; charset=utf-8", "application/ld+json", "text/xml"})
        EXPECT_EQ(codes(evidence::assess(answered(200, type), {}, rules(core::EvidencePeriod::standing))), "not_for_readers") << type;
    // A file ita does not read (an image, a spreadsheet) is still passed on for the auditor to open.
    EXPECT_EQ(codes(evidence::assess(answered(200, "image/png"), {}, rules(core::EvidencePeriod::standing))), "content_not_read");
}

// The main content: the site's header, menus and footer are left out; an article's own header
// (its title) and a document shown in a frame are kept; a meta refresh's target is read.
TEST(DocumentText, TheMainContentIsThePagesOwn) {
    const auto document = evidence::read_document(
        "text/html; charset=utf-8",
        "<html><head><meta http-equiv=\"refresh\" content=\"5; url=https://www.example.go.th/plan.pdf\"><title>แผน</title></head><body>"
        "<header class=\"site-header\">เทศบาลตัวอย่าง ITA 2566</header><nav><a href=\"/o1\">O1 โครงสร้าง</a></nav>"
        "<main><article><header class=\"entry-header\"><h1>แผนดำเนินงานประจำปี 2566</h1></header>"
        "<p>รายละเอียดโครงการ</p><iframe src=\"/plan.pdf\" title=\"เอกสารแผน\"></iframe></article></main>"
        "<footer>สงวนลิขสิทธิ์ 2566</footer></body></html>");
    EXPECT_EQ(document.headline, "แผนดำเนินงานประจำปี 2566");
    EXPECT_EQ(document.main_text.find("เทศบาลตัวอย่าง"), std::string::npos);
    EXPECT_EQ(document.main_text.find("โครงสร้าง"), std::string::npos);
    EXPECT_EQ(document.main_text.find("สงวนลิขสิทธิ์"), std::string::npos);
    EXPECT_NE(document.main_text.find("รายละเอียดโครงการ"), std::string::npos);
    EXPECT_EQ(document.main_media, 1u);
    EXPECT_EQ(document.refresh_url, "https://www.example.go.th/plan.pdf");
    EXPECT_NE(document.text.find("สงวนลิขสิทธิ์"), std::string::npos) << "the whole text keeps everything";
}

// A two-digit year after a month, a school's academic year, a span's years and a typing slip.
TEST(FiscalYear, DatesAsAgenciesWriteThem) {
    EXPECT_TRUE(evidence::mentions_fiscal_year("ลงนาม 1 ต.ค. 67", 2568));
    EXPECT_TRUE(evidence::mentions_fiscal_year("๑๕ พ.ย. ๖๕", 2566));
    EXPECT_FALSE(evidence::mentions_fiscal_year("15 ก.ย. 65", 2566));
    EXPECT_TRUE(evidence::mentions_fiscal_year("กีฬาสี ปีการศึกษา 2566", 2567));
    EXPECT_FALSE(evidence::mentions_fiscal_year("ประชาคมเพื่อแผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570) เมื่อ 12 มีนาคม 2564", 2566));
    EXPECT_TRUE(evidence::mentions_fiscal_year("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 – 2570)", 2566, true));
    const auto slip = evidence::assess(answered(), page("แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2596 ทบทวนจากผลปี 2564"),
                                       rules(core::EvidencePeriod::fiscal_year, {"แผนปฏิบัติการ"}));
    EXPECT_EQ(slip.status, Readiness::stale);
    EXPECT_EQ(slip.reason().find("ปีล่าสุดที่พบคือ 2596"), std::string::npos) << slip.reason();
    EXPECT_NE(slip.reason().find("2596 ยังมาไม่ถึง อาจพิมพ์ผิด"), std::string::npos) << slip.reason();
}
