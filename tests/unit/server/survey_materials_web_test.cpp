// What a working group prints for its surveys: the EIT page with its address and QR, the A4
// poster and A6 counter card (PDF, read back with poppler), the IIT code sheet with the agency's
// name and how many codes there are; every printed address from --public-url, and a forged
// Host header never printed.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/survey_form.hpp"

#include <ita/server/public_url.hpp>

#include <filesystem>
#include <fstream>

namespace {

using ita::test::ServerTest;

class SurveyMaterials : public ServerTest {
protected:
    [[nodiscard]] std::vector<std::string> serve_options() const override { return {"--public-url", "https://ita.example.go.th/"}; }
    void SetUp() override {
        ServerTest::SetUp();
        ASSERT_EQ(ita::test::run("season open --db " + m_db + " --year 2565"), 0);
        ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
        std::tie(m_group, m_csrf) = ita::test::sign_in(*m_client, "wg");
    }
    // The PDF's text and page size as poppler reads them.
    std::pair<std::string, std::string> read_pdf(const std::string& body) {
        const std::string path = m_files.path("materials.pdf");
        std::ofstream(path, std::ios::binary) << body;
        return {ita::test::output_of("pdftotext -layout " + path + " -"), ita::test::output_of("pdfinfo " + path + " | grep 'Page size'")};
    }
    httplib::Headers m_group;
    std::string m_csrf;
};

}  // namespace

TEST_F(SurveyMaterials, TheEitPageGivesTheAddressItsQrAndTheCount) {
    const auto page = m_client->Get("/admin/eit?year=2565", m_group);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    EXPECT_NE(page->body.find(R"(<a href="https://ita.example.go.th/e/A1">)"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find(R"(aria-label="QR code: https://ita.example.go.th/e/A1")"), std::string::npos);
    EXPECT_NE(page->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    // Nobody has answered: below the minimum the count is shown in steps of five.
    EXPECT_NE(page->body.find("น้อยกว่า 5 คน"), std::string::npos);
    EXPECT_NE(page->body.find("/admin/eit-poster.pdf?year=2565"), std::string::npos);
    // Another agency's group, or nobody signed in, gets nothing.
    EXPECT_NE(m_client->Get("/admin/eit-poster.pdf?year=2565")->status, 200);
}

TEST_F(SurveyMaterials, ThePosterAndTheCardArePrintablePdfs) {
    for (const auto& [path, size] :
         {std::pair{"/admin/eit-poster.pdf", "595.28 x 841.89"}, std::pair{"/admin/eit-card.pdf", "297.64 x 419.53"}}) {
        const auto pdf = m_client->Get(std::string(path) + "?year=2565", m_group);
        ASSERT_TRUE(pdf);
        ASSERT_EQ(pdf->status, 200) << path;
        EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
        EXPECT_NE(pdf->get_header_value("Content-Disposition").find("ita-eit-"), std::string::npos);
        const auto [text, page_size] = read_pdf(pdf->body);
        EXPECT_NE(page_size.find(size), std::string::npos) << path << ": " << page_size;
        EXPECT_NE(text.find("https://ita.example.go.th/e/A1"), std::string::npos) << text;
        EXPECT_NE(text.find("2565"), std::string::npos) << text;
        EXPECT_NE(text.find("(ITA)"), std::string::npos) << text;
        // It prints: poppler renders the page to an image.
        const std::string png = m_files.path("printed");
        ASSERT_EQ(std::system(("pdftoppm -png -r 30 -singlefile " + m_files.path("materials.pdf") + " " + png).c_str()), 0);
        EXPECT_GT(std::filesystem::file_size(png + ".png"), 1000u) << path;
    }
}

TEST_F(SurveyMaterials, TheCodeSheetNamesTheAgencyAndCountsCodesNeverWhich) {
    const auto sheet =
        m_client->Post("/admin/codes", m_group, "csrf=" + m_csrf + "&year=2565&count=3", "application/x-www-form-urlencoded");
    ASSERT_TRUE(sheet);
    ASSERT_EQ(sheet->status, 200) << sheet->body;
    EXPECT_NE(sheet->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    EXPECT_NE(sheet->body.find("https://ita.example.go.th/s/"), std::string::npos);
    const auto again =
        m_client->Post("/admin/codes", m_group, "csrf=" + m_csrf + "&year=2565&count=2", "application/x-www-form-urlencoded");
    ASSERT_TRUE(again);
    // Two now, five in all, nobody has answered (shown rounded below the minimum).
    EXPECT_NE(again->body.find(R"(รหัสที่ออกครั้งนี้</th><td class="number">2</td>)"), std::string::npos) << again->body;
    EXPECT_NE(again->body.find(R"(รหัสทั้งหมดของหน่วยงานในปีนี้</th><td class="number">5</td>)"), std::string::npos);
    EXPECT_NE(again->body.find("น้อยกว่า 5 คน"), std::string::npos);
}

TEST(PublicUrl, AForgedHostIsNeverPrinted) {
    using ita::server::public_base_url;
    ita::server::HttpRequest request;
    request.host = "ita.example.go.th:8443";
    EXPECT_EQ(public_base_url("", request), "http://ita.example.go.th:8443");
    request.forwarded_proto = "https";
    EXPECT_EQ(public_base_url("", request), "https://ita.example.go.th:8443");
    request.host = "[::1]:8080";
    EXPECT_EQ(public_base_url("", request), "https://[::1]:8080");
    for (const char* forged : {"evil.example/phish", "evil.example\"><script>", "a b", "", "evil.example:80x", "[::1", "[::1]evil.example",
                               "[::1]:80/x", "[]"}) {
        request.host = forged;
        EXPECT_EQ(public_base_url("", request), "https://localhost") << forged;
    }
    EXPECT_EQ(public_base_url("https://ita.go.th/", request), "https://ita.go.th");
    EXPECT_TRUE(ita::server::is_public_base_url("https://ita.example.go.th"));
    EXPECT_TRUE(ita::server::is_public_base_url("http://127.0.0.1:8080/"));
    for (const char* wrong : {"javascript:alert(1)", "ftp://ita.go.th", "https://ita.go.th/path", "https://", "ita.go.th"})
        EXPECT_FALSE(ita::server::is_public_base_url(wrong)) << wrong;
}

namespace {

// A year whose EIT is in parts (2566: part 2 collected by the agency itself).
class CollectedAnswers : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        ASSERT_EQ(ita::test::run("season open --db " + m_db + " --year 2566"), 0);
        ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
        std::tie(m_group, m_csrf) = ita::test::sign_in(*m_client, "wg");
    }
    // `rows` lines of answers for the EIT's every sub-item, as the public form offers them.
    std::string pasted(int rows) {
        const auto form = m_client->Get("/e/A1");
        const std::string cookie = form->get_header_value("Set-Cookie");
        const auto items = ita::test::survey_items(*m_client, "/e/A1", "/e/A1", "", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
        std::string text = "respondent";
        for (const auto& item : items) text += "," + item.first;
        for (int row = 1; row <= rows; ++row) {
            text += "\npaper-" + std::to_string(row);
            for (const auto& item : items) text += "," + item.second.front();
        }
        return text + "\n";
    }
    httplib::Result post(const std::string& rows, int year = 2566) {
        return m_client->Post("/admin/eit/collected", m_group,
                              "csrf=" + m_csrf + "&year=" + std::to_string(year) + "&rows=" + httplib::detail::encode_query_param(rows),
                              "application/x-www-form-urlencoded");
    }
    std::string count(const std::string& where) {
        return ita::test::output_of("sqlite3 " + m_db + " \"SELECT count(*) FROM responses WHERE fiscal_year = 2566 AND " + where + "\"");
    }
    httplib::Headers m_group;
    std::string m_csrf;
};

}  // namespace

TEST_F(CollectedAnswers, PastedPaperAnswersGoInAsTheCollectedPartAllOrNone) {
    const auto page = m_client->Get("/admin/eit?year=2566", m_group);
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find(R"(action="/admin/eit/collected")"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find("respondent,E1"), std::string::npos);
    const std::string rows = pasted(3);
    // A bad value on the third line: refused whole, named by its line, the text kept to fix.
    std::string broken = rows;
    const auto third = broken.find("paper-2");
    broken.replace(broken.find(',', third) + 1, 1, "9");
    const auto refused = post(broken);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("ข้อมูลที่วาง:3:"), std::string::npos) << refused->body;
    EXPECT_NE(refused->body.find("paper-3"), std::string::npos) << "the pasted text comes back";
    EXPECT_EQ(count("agency_id = 'A1'"), "0\n");
    // Fixed: every row in, as this agency's EIT, in the collected part, whatever the text says.
    const auto imported = post(rows);
    ASSERT_TRUE(imported);
    EXPECT_EQ(imported->status, 200) << imported->body;
    EXPECT_NE(imported->body.find("นำเข้าคำตอบ 3 คน"), std::string::npos) << imported->body;
    EXPECT_EQ(count("agency_id = 'A1' AND instrument = 'EIT' AND part = '2'"), "3\n");
    // A year without a collected part offers no form and refuses a post.
    EXPECT_EQ(m_client->Get("/admin/eit?year=2565", m_group)->body.find("/admin/eit/collected"), std::string::npos);
    EXPECT_EQ(post(rows, 2565)->status, 422);
}

namespace {

std::string cookie_value(const httplib::Result& response, const std::string& name) {
    for (const auto& [header, value] : response->headers)
        if (header == "Set-Cookie" && value.starts_with(name + "=")) return value.substr(0, value.find(';'));
    return {};
}

}  // namespace

TEST_F(CollectedAnswers, ACounterDeviceTakesOneCitizenAfterAnother) {
    // The group turns kiosk mode on for the device it is signed in on.
    const auto on = m_client->Post("/admin/eit/kiosk", m_group,
                                   "csrf=" + m_csrf + "&year=2566&label=" + httplib::detail::encode_query_param("เคาน์เตอร์ชั้น 1"),
                                   "application/x-www-form-urlencoded");
    ASSERT_TRUE(on);
    ASSERT_EQ(on->status, 200) << on->body;
    std::string set_cookie;
    for (const auto& [header, value] : on->headers)
        if (header == "Set-Cookie" && value.starts_with("ita_kiosk_A1=")) set_cookie = value;
    EXPECT_NE(set_cookie.find("; Path=/e/A1; HttpOnly; SameSite=Strict"), std::string::npos) << set_cookie;
    const std::string kiosk = set_cookie.substr(0, set_cookie.find(';'));
    ASSERT_FALSE(kiosk.empty());
    // Three citizens in turn on that device: each gets a fresh one-answer token.
    const std::string answers = [&] {
        std::string body;
        const auto form = m_client->Get("/e/A1");
        const std::string cookie = cookie_value(form, "ita_eit_A1");
        for (const auto& [item, values] : ita::test::survey_items(*m_client, "/e/A1", "/e/A1", "", {{"Cookie", cookie}}))
            body += "&" + item + "=" + values.front();
        return body + "&go=send";
    }();
    std::string token;
    for (int citizen = 0; citizen < 3; ++citizen) {
        const std::string cookies = kiosk + (token.empty() ? "" : "; " + token);
        const auto form = m_client->Get("/e/A1", {{"Cookie", cookies}});
        ASSERT_TRUE(form);
        ASSERT_EQ(form->status, 200) << citizen << form->body;
        EXPECT_NE(form->body.find("เครื่องสำหรับผู้รับบริการ (เคาน์เตอร์ชั้น 1)"), std::string::npos);
        token = cookie_value(form, "ita_eit_A1");
        ASSERT_FALSE(token.empty()) << "a fresh token for citizen " << citizen;
        const auto sent =
            m_client->Post("/e/A1", {{"Cookie", kiosk + "; " + token}}, answers.substr(1), "application/x-www-form-urlencoded");
        ASSERT_TRUE(sent);
        EXPECT_EQ(sent->status, 303) << sent->body;
        EXPECT_EQ(sent->get_header_value("Location"), "/e/thanks?next=A1");
    }
    EXPECT_NE(m_client->Get("/e/thanks?next=A1")->body.find(R"(href="/e/A1")"), std::string::npos);
    EXPECT_EQ(m_client->Get("/e/thanks?next=https://evil.example")->body.find("evil"), std::string::npos);
    // An ordinary browser still answers once.
    const auto own = m_client->Get("/e/A1");
    const std::string own_token = cookie_value(own, "ita_eit_A1");
    EXPECT_EQ(m_client->Post("/e/A1", {{"Cookie", own_token}}, answers.substr(1), "application/x-www-form-urlencoded")->status, 303);
    EXPECT_NE(m_client->Get("/e/A1", {{"Cookie", own_token}})->status, 200);
    // The group sees the device and its count (never which answers), and turns it off.
    const auto page = m_client->Get("/admin/eit?year=2566", m_group);
    ASSERT_TRUE(page);
    EXPECT_NE(page->body.find(R"(<td class="number">3</td>)"), std::string::npos) << page->body;
    const auto id_at = page->body.find(R"(name="id" value=")");
    ASSERT_NE(id_at, std::string::npos);
    const std::string id = page->body.substr(id_at + 17, 12);
    EXPECT_EQ(m_client->Post("/admin/eit/kiosk/off", m_group, "csrf=" + m_csrf + "&year=2566&id=" + id, "application/x-www-form-urlencoded")
                  ->status,
              303);
    // Off: the device is an ordinary browser again, whose token has answered.
    EXPECT_NE(m_client->Get("/e/A1", {{"Cookie", kiosk + "; " + token}})->status, 200);
    EXPECT_NE(m_client->Get("/admin/eit?year=2566", m_group)->body.find("ปิดแล้ว"), std::string::npos);
    // Auditors see the count beside the integrity analytics of the agency.
    ASSERT_EQ(ita::test::add_user(m_db, "audit", "auditor"), 0);
    const auto [auditor, auditor_csrf] = ita::test::sign_in(*m_client, "audit");
    const auto integrity = m_client->Get("/review/integrity?year=2566&agency=A1", auditor);
    ASSERT_TRUE(integrity);
    EXPECT_NE(integrity->body.find("เคาน์เตอร์ชั้น 1 — 3 คำตอบ"), std::string::npos) << integrity->body;
}
