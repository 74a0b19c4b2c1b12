// The OIT evidence checker in a running `ita serve`: an address entered on the web is checked
// in the background, the readiness and its reason reach the group's pages and the auditor's,
// a fix is checked again on request, and the bytes of each check open, sandboxed, for those
// allowed to see them. The evidence pages are served by this test on 127.0.0.1.
#include "../../support/server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

constexpr const char* form_type = "application/x-www-form-urlencoded";

class EvidenceWeb : public ServerTest {
protected:
    std::vector<std::string> serve_options() const override { return {"--evidence-allow-private-addresses", "--evidence-check-at", "off"}; }

    void SetUp() override {
        m_evidence.Get("/structure", [this](const httplib::Request&, httplib::Response& response) {
            std::lock_guard lock(m_mutex);
            response.set_content(m_page, "text/html; charset=utf-8");
        });
        m_evidence.Get("/report.pdf", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("%PDF-1.4 not a real one", "application/pdf");
        });
        m_evidence_port = m_evidence.bind_to_any_port("127.0.0.1");
        m_evidence_thread = std::thread([this] { m_evidence.listen_after_bind(); });
        while (!m_evidence.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ServerTest::SetUp();
        ASSERT_EQ(run("import --db " + m_db + " agencies " +
                      m_files.write("more.csv", "agency_id,name,type,province\nA2,เทศบาลตำบลทดสอบ,เทศบาลตำบล,ขอนแก่น\n")),
                  0);
        ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A2"), 0);
        ASSERT_EQ(add_user(m_db, "other", "agency_admin --agency A1"), 0);
        ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
        ASSERT_EQ(run("season open --db " + m_db + " --year 2565"), 0);
    }
    void TearDown() override {
        ServerTest::TearDown();
        m_evidence.stop();
        m_evidence_thread.join();
    }

    // The page at `path` once it contains `text` (the check runs in the background).
    std::string page_with(const std::string& path, const httplib::Headers& session, const std::string& text) {
        std::string body;
        for (int attempt = 0; attempt < 100; ++attempt) {
            body = m_client->Get(path, session)->body;
            if (body.find(text) != std::string::npos) return body;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "no \"" << text << "\" on " << path << ":\n" << body;
        return body;
    }

    static std::string between(const std::string& text, const std::string& before, const std::string& after) {
        const auto start = text.find(before);
        if (start == std::string::npos) return "";
        const auto from = start + before.size();
        return text.substr(from, text.find(after, from) - from);
    }

    httplib::Server m_evidence;
    std::thread m_evidence_thread;
    int m_evidence_port = 0;
    std::mutex m_mutex;
    std::string m_page =
        "<html><body><h1>แผนผังโครงสร้างหน่วยงาน</h1><p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>";
};

}  // namespace

TEST_F(EvidenceWeb, AnEnteredAddressIsCheckedKeptAndCheckedAgainAfterAFix) {
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const std::string address = "http%3A%2F%2F127.0.0.1%3A" + std::to_string(m_evidence_port) + "%2Fstructure";
    ASSERT_EQ(m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&present=yes&url=" + address, form_type)->status, 303);

    const auto list = page_with("/admin/oit?year=2565", group, "ลิงก์พร้อม");
    EXPECT_NE(list.find("ตรวจเมื่อ"), std::string::npos);
    const auto item = m_client->Get("/admin/oit/O1?year=2565", group)->body;
    const std::string first = between(item, "href=\"/admin/oit/O1/evidence/", "?");
    ASSERT_EQ(first.size(), 64u) << item;
    const auto kept = m_client->Get("/admin/oit/O1/evidence/" + first + "?year=2565", group);
    ASSERT_EQ(kept->status, 200);
    EXPECT_NE(kept->body.find("แผนผังโครงสร้างหน่วยงาน"), std::string::npos);  // the page as fetched
    EXPECT_EQ(kept->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(kept->get_header_value("Content-Security-Policy").rfind("sandbox", 0), 0u);
    EXPECT_EQ(kept->get_header_value("X-Content-Type-Options"), "nosniff");

    // The page changes; the group asks again; the finding changes. The window has no closing
    // day, so only the newest check keeps its copy; both checks stay listed.
    {
        std::lock_guard lock(m_mutex);
        m_page = "<html><body><p>ยินดีต้อนรับสู่เว็บไซต์ขององค์การบริหารส่วนตำบล ขอให้ทุกท่านมีความสุขในวันหยุดยาวนี้</p></body></html>";
    }
    ASSERT_EQ(m_client->Post("/admin/oit/O1/check", group, "year=2565&csrf=" + csrf, form_type)->status, 303);
    const auto again = page_with("/admin/oit/O1?year=2565", group, "ควรตรวจสอบ");
    EXPECT_NE(again.find("ไม่มีคำที่เกี่ยวกับรายการนี้"), std::string::npos);
    EXPECT_NE(again.find("ลิงก์พร้อม"), std::string::npos);  // the first check, still listed
    const std::string snapshot = between(again, "href=\"/admin/oit/O1/evidence/", "?");
    ASSERT_EQ(snapshot.size(), 64u);
    EXPECT_NE(snapshot, first);
    EXPECT_NE(m_client->Get("/admin/oit/O1/evidence/" + snapshot + "?year=2565", group)->body.find("ยินดีต้อนรับ"), std::string::npos);
    EXPECT_EQ(m_client->Get("/admin/oit/O1/evidence/" + first + "?year=2565", group)->status, 404);

    // The auditor sees the latest finding and opens the copy; another agency's group cannot.
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    const auto review = m_client->Get("/review/oit?year=2565&agency=A2", auditor)->body;
    EXPECT_NE(review.find("ลิงก์ล่าสุด"), std::string::npos);
    EXPECT_NE(review.find("/review/oit/A2/evidence/"), std::string::npos);
    EXPECT_EQ(m_client->Get("/review/oit/A2/evidence/" + snapshot + "?year=2565", auditor)->status, 200);
    const auto [other, other_csrf] = sign_in(*m_client, "other");
    EXPECT_EQ(m_client->Get("/admin/oit/O1/evidence/" + snapshot + "?year=2565", other)->status, 404);  // not a check of A1's
    EXPECT_EQ(m_client->Get("/review/oit/A2/evidence/" + snapshot + "?year=2565", other)->status, 403);
    EXPECT_EQ(m_client->Get("/admin/oit/O1/evidence/" + std::string(64, '0') + "?year=2565", group)->status, 404);
}

TEST_F(EvidenceWeb, AnAddressTheAuditorCouldNotOpenIsShownAsBrokenWithItsReason) {
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const std::string address = "http%3A%2F%2F127.0.0.1%3A" + std::to_string(m_evidence_port) + "%2Fgone";
    ASSERT_EQ(m_client->Post("/admin/oit/O2", group, "year=2565&csrf=" + csrf + "&present=yes&url=" + address, form_type)->status, 303);
    const auto list = page_with("/admin/oit?year=2565", group, "เปิดไม่ได้");
    EXPECT_NE(list.find("ไม่พบหน้านี้ (404)"), std::string::npos);

    // A PDF's copy is downloaded (a sandboxed document may not show one), named by its hash.
    const std::string pdf = "http%3A%2F%2F127.0.0.1%3A" + std::to_string(m_evidence_port) + "%2Freport.pdf";
    ASSERT_EQ(m_client->Post("/admin/oit/O3", group, "year=2565&csrf=" + csrf + "&present=yes&url=" + pdf, form_type)->status, 303);
    const auto item = page_with("/admin/oit/O3?year=2565", group, "เปิดสำเนาที่เก็บไว้");
    const std::string snapshot = between(item, "href=\"/admin/oit/O3/evidence/", "?");
    const auto copy = m_client->Get("/admin/oit/O3/evidence/" + snapshot + "?year=2565", group);
    ASSERT_EQ(copy->status, 200);
    EXPECT_EQ(copy->get_header_value("Content-Disposition"), "attachment; filename=\"evidence-" + snapshot.substr(0, 16) + ".pdf\"");
    EXPECT_EQ(copy->body, "%PDF-1.4 not a real one");
}

TEST_F(EvidenceWeb, AnAddressEnteredThroughTheApiIsCheckedAndItsReadinessListed) {
    const auto signed_in = m_client->Post("/api/v1/session", R"({"user":"wg","password":"correct horse battery"})", "application/json");
    ASSERT_EQ(signed_in->status, 201);
    const httplib::Headers bearer{{"Authorization", "Bearer " + nlohmann::json::parse(signed_in->body).at("token").get<std::string>()}};
    const std::string address = "http://127.0.0.1:" + std::to_string(m_evidence_port) + "/structure";
    ASSERT_EQ(
        m_client->Put("/api/v1/agencies/A2/oit/O1?year=2565", bearer, R"({"present":true,"url":")" + address + R"("})", "application/json")
            ->status,
        204);
    std::string body;
    for (int attempt = 0; attempt < 100 && body.find("\"readiness\"") == std::string::npos; ++attempt) {
        body = m_client->Get("/api/v1/agencies/A2/oit?year=2565", bearer)->body;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(body.find(R"("readiness":{"checked_at":)"), std::string::npos) << body;
    EXPECT_NE(body.find(R"("status":"ok")"), std::string::npos);
}

// The working group names its websites; evidence on another site is then flagged with a reason
// that says how to fix it (publish it on the agency's site, or add the domain if it is theirs).
TEST_F(EvidenceWeb, EvidenceOnAnotherSiteIsFlaggedUntilTheGroupAddsTheDomain) {
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const std::string form = "year=2565&csrf=" + csrf;
    // Not a domain: the form says so, in Thai, keeps what was typed, and adds nothing.
    const auto refused = m_client->Post("/admin/websites", group, form + "&website=%E0%B9%80%E0%B8%A7%E0%B9%87%E0%B8%9A", form_type);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("ใส่ชื่อโดเมนหรือที่อยู่เว็บไซต์ของหน่วยงาน"), std::string::npos) << refused->body;
    ASSERT_EQ(m_client->Post("/admin/websites", group, form + "&website=https%3A%2F%2Fwww.thodsob.go.th%2Fita", form_type)->status, 303);
    const auto list = m_client->Get("/admin/oit?year=2565", group)->body;
    EXPECT_NE(list.find("<code>thodsob.go.th</code>"), std::string::npos);

    const std::string address = "http%3A%2F%2F127.0.0.1%3A" + std::to_string(m_evidence_port) + "%2Fstructure";
    ASSERT_EQ(m_client->Post("/admin/oit/O1", group, form + "&present=yes&url=" + address, form_type)->status, 303);
    const auto flagged = page_with("/admin/oit/O1?year=2565", group, "ไม่ใช่เว็บไซต์ของหน่วยงาน");
    EXPECT_NE(flagged.find("ให้เพิ่มโดเมนนี้ในข้อมูลเว็บไซต์ของหน่วยงาน"), std::string::npos);

    // The site is the group's own (some agencies' sites are at an IP address): added, checked
    // again, no longer flagged.
    ASSERT_EQ(m_client->Post("/admin/websites", group, form + "&website=127.0.0.1", form_type)->status, 303);
    ASSERT_EQ(m_client->Post("/admin/oit/O1/check", group, form, form_type)->status, 303);
    const auto accepted = page_with("/admin/oit?year=2565", group, "ลิงก์พร้อม");
    EXPECT_NE(accepted.find("<code>127.0.0.1</code>"), std::string::npos);
    ASSERT_EQ(m_client->Post("/admin/websites/remove", group, form + "&domain=thodsob.go.th", form_type)->status, 303);
    EXPECT_EQ(m_client->Post("/admin/websites/remove", group, form + "&domain=thodsob.go.th", form_type)->status, 404);
    EXPECT_EQ(m_client->Get("/admin/oit?year=2565", group)->body.find("<code>thodsob.go.th</code>"), std::string::npos);
}

// An item with several addresses (monthly summaries, a plan and its report): each is checked and
// kept on its own; the item list shows the one to fix first; a bad extra address is refused by
// line; the auditor sees every address with its check.
TEST_F(EvidenceWeb, EveryAddressOfAnItemIsCheckedAndTheWorstShown) {
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const std::string base = "http%3A%2F%2F127.0.0.1%3A" + std::to_string(m_evidence_port);
    const std::string form = "year=2565&csrf=" + csrf + "&present=yes&url=" + base + "%2Fstructure";
    const auto refused =
        m_client->Post("/admin/oit/O1", group, form + "&more_urls=" + base + "%2Freport.pdf%0Ajavascript%3Aalert(1)", form_type);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("ลิงก์เพิ่มเติม บรรทัดที่ 2"), std::string::npos) << refused->body;
    EXPECT_NE(refused->body.find("javascript:alert(1)"), std::string::npos) << "what was typed is kept in the form";
    ASSERT_EQ(m_client->Post("/admin/oit/O1", group, form + "&more_urls=%0A" + base + "%2Freport.pdf%0A", form_type)->status, 303);

    const auto list = page_with("/admin/oit?year=2565", group, "ลิงก์ 2 รายการ");
    EXPECT_NE(list.find("อ่านเนื้อหาไฟล์ไม่ได้"), std::string::npos) << "the PDF that cannot be read is the one to fix";
    const auto item = m_client->Get("/admin/oit/O1?year=2565", group)->body;
    EXPECT_NE(item.find("ลิงก์เพิ่มเติม"), std::string::npos);
    EXPECT_NE(item.find("/report.pdf</a> <span class=\"badge soon\">"), std::string::npos) << item;

    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    const auto review = m_client->Get("/review/oit?year=2565&agency=A2", auditor)->body;
    EXPECT_NE(review.find("/report.pdf</a> <span class=\"badge soon\">"), std::string::npos);
}
