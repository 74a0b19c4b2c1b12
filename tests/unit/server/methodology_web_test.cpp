// The national admin's page for each year's instrument: the years and their status, a preview of
// the lists as each agency type sees them, a pasted OIT list recorded as a new version (refused
// whole when a row is wrong), freezing, and the forms previewed without a way to send them.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <gtest/gtest.h>

using ita::test::ServerTest;
using ita::test::sign_in;

namespace {

constexpr const char* form_type = "application/x-www-form-urlencoded";

std::string encoded(const std::string& text) { return httplib::detail::encode_query_param(text); }

}  // namespace

class MethodologyWeb : public ServerTest {};

TEST_F(MethodologyWeb, TheYearsPreviewsANewVersionAndFreezing) {
    ASSERT_EQ(ita::test::add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, group_csrf] = sign_in(*m_client, "wg");
    EXPECT_EQ(m_client->Get("/national/methodology?year=2570", group)->status, 403);
    const auto [nation, csrf] = sign_in(*m_client, "nation");

    const auto page = m_client->Get("/national/methodology?year=2570&type=" + encoded("โรงพยาบาลชุมชน"), nation);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("<td>2570.2</td><td>ยังไม่ยืนยัน</td><td>มากับโปรแกรม</td><td>ยังไม่ตรึง</td>"), std::string::npos) << page->body;
    EXPECT_NE(page->body.find("<li>MOIT13 "), std::string::npos);  // the hospital's list
    EXPECT_EQ(page->body.find("<li>O1 "), std::string::npos);
    const auto local = m_client->Get("/national/methodology?year=2569&type=" + encoded("เทศบาลตำบล"), nation);
    EXPECT_NE(local->body.find("ข้อกำหนดสำหรับหน่วยงานประเภทนี้: องค์กรปกครองส่วนท้องถิ่นแสดงโครงสร้าง"), std::string::npos);
    EXPECT_NE(local->body.find("สิ่งที่เปลี่ยนจากปี 2568"), std::string::npos);
    EXPECT_NE(local->body.find("<td>เปลี่ยนเลขข้อ</td>"), std::string::npos);

    // A list with a wrong row: the problems by line, the text kept, nothing recorded.
    const std::string bad = "code,title,indicator\nO1,โครงสร้าง,9\nO2,ข้อมูลผู้บริหาร,11\n";
    const auto refused =
        m_client->Post("/national/methodology/items", nation, "year=2570&csrf=" + csrf + "&csv=" + encoded(bad), form_type);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("บรรทัด 3 (indicator): must start with an OIT indicator number"), std::string::npos) << refused->body;
    EXPECT_NE(refused->body.find("O2,ข้อมูลผู้บริหาร,11"), std::string::npos);
    EXPECT_EQ(ita::test::run_ita("methodology list --db " + m_db).output.find("\n  2570\t"), std::string::npos);

    const std::string good = "code,title,indicator,source\nO1,โครงสร้างและอำนาจหน้าที่,9,คู่มือ 2570\nO2,แผนปฏิบัติการป้องกันการทุจริต,10,คู่มือ 2570\n";
    const auto recorded =
        m_client->Post("/national/methodology/items", nation, "year=2570&csrf=" + csrf + "&csv=" + encoded(good), form_type);
    ASSERT_EQ(recorded->status, 303) << recorded->body;
    const auto after = m_client->Get("/national/methodology?year=2570", nation);
    EXPECT_NE(after->body.find("<td>2570.3</td><td>ยังไม่ยืนยัน</td><td>ฐานข้อมูล</td><td>ยังไม่ตรึง</td>"), std::string::npos) << after->body;
    EXPECT_NE(after->body.find("<li>O2 แผนปฏิบัติการป้องกันการทุจริต</li>"), std::string::npos)
        << after->body.substr(after->body.find("<li>O2"), 300);

    ASSERT_EQ(m_client->Post("/national/methodology/freeze", nation, "year=2570&csrf=" + csrf, form_type)->status, 303);
    EXPECT_NE(m_client->Get("/national/methodology?year=2570", nation)->body.find("<td>ตรึงแล้ว</td>"), std::string::npos);
    const auto unexplained =
        m_client->Post("/national/methodology/items", nation, "year=2570&csrf=" + csrf + "&csv=" + encoded(good), form_type);
    EXPECT_EQ(unexplained->status, 422);
    EXPECT_NE(unexplained->body.find("ปีนี้ตรึงแล้ว: ระบุเหตุผลของการแก้ไข"), std::string::npos);
    EXPECT_EQ(m_client
                  ->Post("/national/methodology/items", nation,
                         "year=2570&csrf=" + csrf + "&csv=" + encoded(good) + "&reason=" + encoded("คู่มือฉบับแก้ไข"), form_type)
                  ->status,
              303);
    EXPECT_NE(ita::test::run_ita("methodology list --db " + m_db).output.find("  2570\t2570.4\tfrozen"), std::string::npos)
        << ita::test::run_ita("methodology list --db " + m_db).output;

    // The questions, pasted the same way: a problem by line, the choice kept.
    const auto questions = m_client->Post(
        "/national/methodology/items", nation,
        "year=2570&csrf=" + csrf + "&what=questions&reason=x&csv=" + encoded("code,text,kind,indicator\nI1,ก,SX,1\n"), form_type);
    EXPECT_EQ(questions->status, 422);
    EXPECT_NE(questions->body.find("บรรทัด 2 (kind): must be S, S-, YN- or YN+"), std::string::npos) << questions->body;
    EXPECT_NE(questions->body.find("value=\"questions\" checked"), std::string::npos);

    // The forms as respondents see them, with no way to send them.
    const auto preview = m_client->Get("/national/methodology/preview?year=2570&form=iit", nation);
    ASSERT_EQ(preview->status, 200);
    EXPECT_NE(preview->body.find("ตัวอย่างแบบวัด IIT"), std::string::npos);
    EXPECT_NE(preview->body.find("I30"), std::string::npos);
    EXPECT_EQ(preview->body.find("method=\"post\""), std::string::npos);
    EXPECT_EQ(preview->body.find("ส่งคำตอบ</button>"), std::string::npos);
}
