// The OIT cycle on the web against a real `ita serve` on SQLite: the working group enters
// items, the auditor rejects one with a reason, the agency clarifies once, the auditor accepts;
// the verdicts reach `ita score`. Windows, roles, CSRF and Thai form errors are checked too.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

constexpr const char* form_type = "application/x-www-form-urlencoded";

class OitWeb : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        ASSERT_EQ(run("import --db " + m_db + " agencies " +
                      m_files.write("more.csv", "agency_id,name,type,province\nA2,เทศบาลตำบลทดสอบ,เทศบาลตำบล,ขอนแก่น\n")),
                  0);
        ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A2"), 0);
        ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
        ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    }
    // Sub-indicator 9.1 of A2 as `ita score` computes it from the stored verdicts.
    std::string score_9_1() {
        const auto json =
            ita::test::output_of(std::string(ITA_BINARY) + " score --db " + m_db + " --year 2565 --agency A2 --format json 2>/dev/null");
        const auto at = json.find("\"9.1\":");
        return at == std::string::npos ? "none" : json.substr(at + 6, json.find_first_of(",}", at) - at - 6);
    }
};

}  // namespace

TEST_F(OitWeb, EnterRejectClarifyAcceptAndScore) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565"), 0);  // every phase open from today
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto list = m_client->Get("/admin/oit?year=2565", group);
    ASSERT_EQ(list->status, 200);
    EXPECT_NE(list->body.find("O1 โครงสร้างหน่วยงาน"), std::string::npos);
    EXPECT_NE(list->body.find("บันทึกแล้ว 0 จาก"), std::string::npos);
    // The readiness monitor: fiscal 2565 is over, so everything with a period is due and unentered.
    EXPECT_NE(list->body.find("ถึงกำหนดเผยแพร่"), std::string::npos);
    EXPECT_NE(list->body.find("O23 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน</a>: สรุปผลเดือนกันยายน 2565 (ตั้งแต่ 1 ต.ค. 2565) — ยังไม่บันทึก"),
              std::string::npos);
    EXPECT_NE(list->body.find("O12 รายงานผลการดำเนินงานประจำปี</a>: รายงานผลของปีงบประมาณ พ.ศ. 2564"), std::string::npos);
    EXPECT_EQ(list->body.find("O1 โครงสร้างหน่วยงาน</a>:"), std::string::npos);  // standing information has no due day

    // Bad forms: Thai messages, values kept, nothing stored.
    const auto no_choice = m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&url=https%3A%2F%2Fa2.go.th%2Fs", form_type);
    EXPECT_EQ(no_choice->status, 422);
    EXPECT_NE(no_choice->body.find("มีข้อมูลหรือไม่: เลือกมีหรือไม่มี"), std::string::npos);
    EXPECT_NE(no_choice->body.find("value=\"https://a2.go.th/s\""), std::string::npos);
    const auto bad_url = m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&present=yes&url=a2.go.th", form_type);
    EXPECT_EQ(bad_url->status, 422);
    EXPECT_NE(bad_url->body.find("ที่อยู่เว็บ: ต้องขึ้นต้นด้วย https:// หรือ http://"), std::string::npos);
    EXPECT_EQ(m_client->Post("/admin/oit/O99", group, "year=2565&csrf=" + csrf + "&present=no", form_type)->status, 404);
    EXPECT_EQ(m_client->Post("/admin/oit/O1", group, "year=2565&csrf=stale&present=no", form_type)->status, 400);
    EXPECT_EQ(score_9_1(), "null");  // nothing reviewed: no score, not zero

    const auto entered = m_client->Post(
        "/admin/oit/O1", group,
        "year=2565&csrf=" + csrf + "&present=yes&url=https%3A%2F%2Fa2.go.th%2Fstructure&description=%E0%B9%82%E0%B8%84%E0%B8%A3%E0%B8%87",
        form_type);
    ASSERT_EQ(entered->status, 303);
    EXPECT_NE(m_client->Get(entered->get_header_value("Location"), group)->body.find("รอตรวจ"), std::string::npos);

    // Before the group sends its entries (the window still open), the auditor waits.
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    const auto waiting = m_client->Get("/review/oit?year=2565&agency=A2", auditor);
    EXPECT_NE(waiting->body.find("หน่วยงานยังไม่ส่งแบบ OIT"), std::string::npos);
    EXPECT_EQ(waiting->body.find("บันทึกผลข้อ O1"), std::string::npos) << "no verdict form before sending";
    EXPECT_EQ(m_client->Post("/review/oit/A2/O1", auditor, "year=2565&csrf=" + auditor_csrf + "&verdict=accepted", form_type)->status, 409);
    // "ส่งแบบ OIT": with items not entered, only once the group confirms they have no evidence.
    const auto unconfirmed = m_client->Post("/admin/oit/send", group, "year=2565&csrf=" + csrf, form_type);
    EXPECT_EQ(unconfirmed->status, 422);
    EXPECT_NE(unconfirmed->body.find("ข้อเหล่านี้จะนับว่าไม่มีข้อมูล"), std::string::npos);
    ASSERT_EQ(m_client->Post("/admin/oit/send", group, "year=2565&csrf=" + csrf + "&confirm_missing=yes", form_type)->status, 303);
    EXPECT_NE(m_client->Get("/admin/oit?year=2565", group)->body.find("ส่งแล้ว"), std::string::npos);
    EXPECT_EQ(m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&present=no", form_type)->status, 409)
        << "final once sent";
    EXPECT_EQ(m_client->Post("/admin/oit/send", group, "year=2565&csrf=" + csrf + "&confirm_missing=yes", form_type)->status, 409);
    // Only a national admin reopens a sent form; the group then sends again.
    EXPECT_EQ(m_client->Post("/admin/oit/reopen", group, "year=2565&csrf=" + csrf, form_type)->status, 403);
    {
        const auto [nation, nation_csrf] = sign_in(*m_client, "nation");
        EXPECT_NE(m_client->Get("/admin/oit?year=2565&agency=A2", nation)->body.find("เปิดให้หน่วยงานแก้ไขอีกครั้ง"), std::string::npos);
        ASSERT_EQ(m_client->Post("/admin/oit/reopen", nation, "year=2565&agency=A2&csrf=" + nation_csrf, form_type)->status, 303);
        EXPECT_EQ(m_client->Post("/admin/oit/reopen", nation, "year=2565&agency=A2&csrf=" + nation_csrf, form_type)->status, 404);
    }
    ASSERT_EQ(m_client->Post("/admin/oit/send", group, "year=2565&csrf=" + csrf + "&confirm_missing=yes", form_type)->status, 303);

    // The auditor: a rejection needs a reason.
    const auto review = m_client->Get("/review/oit?year=2565&agency=A2", auditor);
    ASSERT_EQ(review->status, 200);
    EXPECT_NE(review->body.find("ส่งแบบ OIT เมื่อ"), std::string::npos);
    EXPECT_NE(review->body.find("href=\"https://a2.go.th/structure\""), std::string::npos);
    const auto no_reason = m_client->Post("/review/oit/A2/O1", auditor, "year=2565&csrf=" + auditor_csrf + "&verdict=rejected", form_type);
    EXPECT_EQ(no_reason->status, 422);
    EXPECT_NE(no_reason->body.find("ข้อ O1: เหตุผล: การไม่ผ่านต้องระบุเหตุผล"), std::string::npos);
    ASSERT_EQ(m_client
                  ->Post("/review/oit/A2/O1", auditor,
                         "year=2565&csrf=" + auditor_csrf +
                             "&verdict=rejected&comment=%E0%B9%84%E0%B8%A1%E0%B9%88%E0%B8%A3%E0%B8%B0%E0%B8%9A%E0%B8%B8%E0%B8%9B%E0%B8%B5",
                         form_type)
                  ->status,
              303);
    EXPECT_EQ(score_9_1(), "0.0");

    // Frozen once reviewed; one clarification.
    EXPECT_EQ(m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&present=no", form_type)->status, 409);
    const auto item = m_client->Get("/admin/oit/O1?year=2565", group);
    EXPECT_NE(item->body.find("ไม่ระบุปี"), std::string::npos);  // the auditor's reason
    EXPECT_NE(item->body.find("action=\"/admin/oit/O1/clarify\""), std::string::npos);
    EXPECT_EQ(m_client->Post("/admin/oit/O1/clarify", group, "year=2565&csrf=" + csrf + "&text=", form_type)->status, 422);
    ASSERT_EQ(
        m_client
            ->Post("/admin/oit/O1/clarify", group, "year=2565&csrf=" + csrf + "&text=Year+added&url=https%3A%2F%2Fa2.go.th%2Fs2", form_type)
            ->status,
        303);
    EXPECT_EQ(m_client->Post("/admin/oit/O1/clarify", group, "year=2565&csrf=" + csrf + "&text=Again", form_type)->status, 409);
    EXPECT_NE(m_client->Get("/review/oit?year=2565&agency=A2", auditor)->body.find("Year added"), std::string::npos);
    ASSERT_EQ(m_client->Post("/review/oit/A2/O1", auditor, "year=2565&csrf=" + auditor_csrf + "&verdict=accepted", form_type)->status, 303);
    EXPECT_EQ(score_9_1(), "100.0");
}

TEST_F(OitWeb, ClosedWindowsAndRoles) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --oit-open 2022-10-01 --oit-close 2023-01-31 --review-open 2099-01-01"), 0);
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto closed = m_client->Post("/admin/oit/O1", group, "year=2565&csrf=" + csrf + "&present=no", form_type);
    EXPECT_EQ(closed->status, 403);
    EXPECT_NE(closed->body.find("การบันทึกข้อมูล OIT ปิดแล้วเมื่อ 31 ม.ค. 2566"), std::string::npos);
    const auto list = m_client->Get("/admin/oit?year=2565", group);
    EXPECT_NE(list->body.find("การตรวจประเมิน OIT: ยังไม่เปิด (เปิด 1 ม.ค. 2642)"), std::string::npos);
    EXPECT_EQ(list->body.find("บันทึกข้อมูล<span"), std::string::npos);  // no entry links while closed

    EXPECT_EQ(m_client->Get("/review/oit?year=2565&agency=A2", group)->status, 403);
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    EXPECT_EQ(m_client->Get("/admin/oit?year=2565", auditor)->status, 403);
    EXPECT_EQ(m_client->Get("/review/oit?year=2565", auditor)->status, 200);
    EXPECT_EQ(m_client->Post("/review/oit/A2/O1", auditor, "year=2565&csrf=" + auditor_csrf + "&verdict=accepted", form_type)->status, 403);
    EXPECT_EQ(m_client->Get("/review/oit?year=2565&agency=A2")->status, 303);  // signed out
}

// A year read from public sources says so, and marks the items the NACC's manual has not
// confirmed; a year reproduced from published results (2565) carries no such mark.
TEST_F(OitWeb, AProvisionalYearAndItsUnconfirmedItemsAreMarked) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2569"), 0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565"), 0);
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto list = m_client->Get("/admin/oit?year=2569", group);
    ASSERT_EQ(list->status, 200);
    EXPECT_NE(list->body.find("รายการ OIT ปี 2569 ในระบบนี้อ่านจากแหล่งข้อมูลสาธารณะ"), std::string::npos) << list->body;
    EXPECT_NE(list->body.find("<h3>O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร</h3>"), std::string::npos);
    EXPECT_NE(list->body.find("<span class=\"badge\">ยังไม่ยืนยัน</span>"), std::string::npos);
    const auto item = m_client->Get("/admin/oit/O2?year=2569", group);
    EXPECT_NE(item->body.find("ข้อนี้: ไม่พบในแหล่งที่มา"), std::string::npos) << item->body;
    const auto verified = m_client->Get("/admin/oit?year=2565", group);
    EXPECT_EQ(verified->body.find("ยังไม่ยืนยัน"), std::string::npos);
    EXPECT_EQ(verified->body.find("อ่านจากแหล่งข้อมูลสาธารณะ"), std::string::npos);
}

// An agency answers the OIT list of its type: a community hospital the Ministry of Public
// Health's MOIT list instead of the common one; a local government the common list with the
// requirements it adds for local governments.
TEST_F(OitWeb, EachAgencyTypeSeesItsOwnListAndRequirements) {
    ASSERT_EQ(run("import --db " + m_db + " agencies " +
                  m_files.write("hospital.csv", "agency_id,name,type,province\nH1,โรงพยาบาลบ้านทดสอบ,โรงพยาบาลชุมชน,ลำพูน\n")),
              0);
    ASSERT_EQ(add_user(m_db, "hospital", "agency_admin --agency H1"), 0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2569"), 0);

    const auto [local, local_csrf] = sign_in(*m_client, "wg");
    const auto common = m_client->Get("/admin/oit?year=2569", local);
    EXPECT_NE(common->body.find("ข้อกำหนดสำหรับหน่วยงานประเภทนี้: องค์กรปกครองส่วนท้องถิ่นแสดงโครงสร้างทั้งฝ่ายการเมือง"), std::string::npos)
        << common->body;
    EXPECT_EQ(common->body.find("MOIT1"), std::string::npos);
    EXPECT_NE(common->body.find("บันทึกแล้ว 0 จาก 26 ข้อ"), std::string::npos);

    const auto [hospital, hospital_csrf] = sign_in(*m_client, "hospital");
    const auto moit = m_client->Get("/admin/oit?year=2569", hospital);
    ASSERT_EQ(moit->status, 200);
    EXPECT_NE(moit->body.find("<h3>MOIT13 "), std::string::npos) << moit->body;
    EXPECT_NE(moit->body.find("บันทึกแล้ว 0 จาก 22 ข้อ"), std::string::npos);
    EXPECT_EQ(moit->body.find("<h3>O1 "), std::string::npos);
    EXPECT_EQ(moit->body.find("ข้อกำหนดสำหรับหน่วยงานประเภทนี้"), std::string::npos);
    // The common list's items are not the hospital's, on entry as on display.
    EXPECT_EQ(m_client->Get("/admin/oit/O1?year=2569", hospital)->status, 404);
    EXPECT_NE(m_client->Post("/admin/oit/O1", hospital, "year=2569&csrf=" + hospital_csrf + "&present=no", form_type)->status, 303);
    EXPECT_EQ(m_client
                  ->Post("/admin/oit/MOIT2", hospital, "year=2569&csrf=" + hospital_csrf + "&present=yes&url=https%3A%2F%2Fh1.go.th%2Fnews",
                         form_type)
                  ->status,
              303);
    EXPECT_NE(m_client->Get("/admin/oit?year=2569", hospital)->body.find("บันทึกแล้ว 1 จาก 22 ข้อ"), std::string::npos);
}

// A year's methodology lives in the database: opening the season freezes the version in force;
// a new version recorded with a reason takes effect in the running server on its next page.
TEST_F(OitWeb, ARecordedVersionTakesEffectInTheRunningServer) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2570"), 0);
    const auto history = ita::test::run_ita("methodology list --db " + m_db).output;
    EXPECT_NE(history.find("2570\t2570.2\tfrozen"), std::string::npos) << history;
    const auto [group, csrf] = sign_in(*m_client, "wg");
    EXPECT_NE(m_client->Get("/admin/oit?year=2570", group)->body.find("<h3>O1 โครงสร้างองค์กรและอำนาจหน้าที่"), std::string::npos);

    const std::string folder = m_files.path("years");
    std::filesystem::create_directories(folder);
    std::string text = ita::test::run_ita("methodology export --year 2570", false).output;
    text.replace(text.find("\"version\": \"2570.2\""), std::string("\"version\": \"2570.2\"").size(), "\"version\": \"2570.3\"");
    text.replace(text.find("โครงสร้างองค์กรและอำนาจหน้าที่"), std::string("โครงสร้างองค์กรและอำนาจหน้าที่").size(),
                 "โครงสร้างและอำนาจหน้าที่ (ฉบับทางการ)");
    std::ofstream(folder + "/ita-2570.json") << text;
    EXPECT_NE(run("--methodology " + folder + " methodology record --db " + m_db + " --year 2570"), 0);  // frozen: a reason first
    ASSERT_EQ(run("--methodology " + folder + " methodology record --db " + m_db + " --year 2570 --reason 'คู่มือทางการ'"), 0);
    // Recorded by another process: in force in the server within a second (a connection trusts
    // the version it read for that long).
    bool shown = false;
    for (int attempt = 0; attempt < 40 && !shown; ++attempt) {
        shown = m_client->Get("/admin/oit?year=2570", group)->body.find("<h3>O1 โครงสร้างและอำนาจหน้าที่ (ฉบับทางการ)") != std::string::npos;
        if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(shown);
}
