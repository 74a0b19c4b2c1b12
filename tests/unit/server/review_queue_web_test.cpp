// Auditors' work (issue 16): the national admin assigns agencies (a pasted list checked line by
// line, or the unassigned spread evenly); an auditor works a queue with re-reviews first, finds
// an agency by its Thai name, and every verdict is kept — a changed one is shown to the agency.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <gtest/gtest.h>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

const std::string form_type = "application/x-www-form-urlencoded";

}  // namespace

TEST_F(ServerTest, AuditorsWorkAQueueTheNationalAdminAssigned) {
    ASSERT_EQ(run("import --db " + m_db + " agencies " +
                  m_files.write("more.csv", "agency_id,name,type,province\nA2,อบต.บ้านโฮ่ง,องค์การบริหารส่วนตำบล,ลำพูน\n")),
              0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566"), 0);
    const auto sql = [&](const std::string& statement) { return ita::test::output_of("sqlite3 " + m_db + " \"" + statement + "\""); };
    sql("INSERT INTO oit_submissions (fiscal_year, agency_id, item, url, description, submitted_at) VALUES "
        "(2566, 'A1', 'O1', 'https://a1.example/o1', 'โครงสร้าง', '2022-11-01'), (2566, 'A1', 'O2', 'https://a1.example/o2', 'ผู้บริหาร', '2022-11-01'), "
        "(2566, 'A2', 'O1', 'https://a2.example/o1', 'โครงสร้าง', '2022-11-01')");
    for (const char* auditor : {"audit1", "audit2"}) ASSERT_EQ(add_user(m_db, auditor, "auditor"), 0);
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [nation, csrf] = sign_in(*m_client, "nation");

    const auto page = m_client->Get("/national/review-assignments?year=2566", nation);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("หน่วยงานที่ยังไม่มีผู้ตรวจ <strong>2</strong> จาก 2 หน่วยงาน"), std::string::npos) << page->body;
    // A pasted list is checked line by line; nothing is assigned unless all of it is good.
    const auto refused = m_client->Post("/national/review-assignments", nation,
                                        "csrf=" + csrf + "&year=2566&assignments=" +
                                            httplib::detail::encode_query_param("agency_id,auditor\nA9,audit1\nA1,nation\nA2,audit2"),
                                        form_type);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("บรรทัด 2: ไม่พบหน่วยงาน A9"), std::string::npos) << refused->body;
    EXPECT_NE(refused->body.find("บรรทัด 3: nation ไม่ใช่ผู้ตรวจประเมินที่ใช้งานอยู่"), std::string::npos);
    EXPECT_EQ(sql("SELECT count(*) FROM review_assignments"), "0\n");
    // Spread evenly: one each.
    ASSERT_EQ(m_client->Post("/national/review-assignments/spread", nation, "csrf=" + csrf + "&year=2566", form_type)->status, 303);
    EXPECT_EQ(sql("SELECT count(DISTINCT auditor), count(*) FROM review_assignments WHERE fiscal_year = 2566"), "2|2\n");
    ASSERT_EQ(
        m_client
            ->Post("/national/review-assignments", nation,
                   "csrf=" + csrf + "&year=2566&assignments=" + httplib::detail::encode_query_param("A1,audit1\nA2,audit2"), form_type)
            ->status,
        303);

    // The auditor's queue: their agency with its waiting items; every agency on request.
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit1");
    const auto mine = m_client->Get("/review/oit?year=2566&mine=1", auditor);
    ASSERT_EQ(mine->status, 200);
    EXPECT_NE(mine->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    EXPECT_EQ(mine->body.find("อบต.บ้านโฮ่ง"), std::string::npos);
    EXPECT_NE(m_client->Get("/review/oit?year=2566", auditor)->body.find("อบต.บ้านโฮ่ง"), std::string::npos);
    // A Thai name typed where an id was expected finds the agency (it used to be an English 404).
    const auto by_name = m_client->Get("/review/oit?year=2566&agency=" + httplib::detail::encode_query_param("แจระแม"), auditor);
    ASSERT_EQ(by_name->status, 200);
    EXPECT_NE(by_name->body.find("ไม่พบรหัสหน่วยงาน “แจระแม” จึงค้นหาจากชื่อแทน"), std::string::npos);
    EXPECT_NE(by_name->body.find("agency=A1"), std::string::npos);

    // The item's criteria sit beside its evidence.
    EXPECT_NE(m_client->Get("/review/oit?year=2566&agency=A1", auditor)->body.find("เกณฑ์การตรวจ: "), std::string::npos);

    // The group sends its entries ("ส่งแบบ OIT"); the auditor reviews them.
    {
        const auto [group, group_csrf] = sign_in(*m_client, "wg");
        EXPECT_NE(m_client->Get("/review/oit?year=2566&mine=1", auditor)->body.find("ยังไม่ส่งแบบ"), std::string::npos);
        ASSERT_EQ(m_client->Post("/admin/oit/send", group, "csrf=" + group_csrf + "&year=2566&confirm_missing=yes", form_type)->status,
                  303);
        EXPECT_NE(m_client->Get("/review/oit?year=2566&mine=1", auditor)->body.find("ส่งแบบแล้ว"), std::string::npos);
    }
    // Rejected, clarified, then accepted: the clarification goes first in the queue, the old
    // reason is cleared, and the agency sees the change and the history.
    ASSERT_EQ(m_client
                  ->Post("/review/oit/A1/O1", auditor,
                         "csrf=" + auditor_csrf + "&year=2566&verdict=rejected&comment=" + httplib::detail::encode_query_param("ไม่พบแผนผัง"),
                         form_type)
                  ->status,
              303);
    sql("INSERT INTO oit_clarifications (fiscal_year, agency_id, item, body, url, filed_on) VALUES (2566, 'A1', 'O1', 'แนบแผนผังแล้ว', '', '2022-12-01')");
    const auto queue = m_client->Get("/review/oit?year=2566", auditor)->body;
    EXPECT_LT(queue.find("เทศบาลเมืองแจระแม"), queue.find("อบต.บ้านโฮ่ง")) << "a re-review comes first";
    EXPECT_NE(queue.find("รอตรวจซ้ำหลังชี้แจง <strong>1</strong>"), std::string::npos) << queue;
    ASSERT_EQ(
        m_client->Post("/review/oit/A1/O1", auditor, "csrf=" + auditor_csrf + "&year=2566&verdict=accepted&comment=", form_type)->status,
        303);
    EXPECT_EQ(sql("SELECT verdict, comment FROM oit_reviews WHERE agency_id = 'A1' AND item = 'O1'"), "accepted|\n");
    EXPECT_EQ(sql("SELECT verdict, comment, reviewer FROM oit_review_history WHERE agency_id = 'A1' AND item = 'O1' ORDER BY history_id"),
              "rejected|ไม่พบแผนผัง|audit1\naccepted||audit1\n");
    EXPECT_NE(m_client->Get("/review/oit?year=2566", auditor)->body.find("รอตรวจซ้ำหลังชี้แจง <strong>0</strong>"), std::string::npos);
    const auto [group, group_csrf] = sign_in(*m_client, "wg");
    const auto item = m_client->Get("/admin/oit/O1?year=2566", group);
    ASSERT_EQ(item->status, 200);
    EXPECT_NE(item->body.find("ผลการตรวจข้อนี้เปลี่ยนแล้ว"), std::string::npos);
    EXPECT_NE(item->body.find("ไม่ผ่าน โดย audit1: ไม่พบแผนผัง"), std::string::npos);
    EXPECT_NE(item->body.find("ผ่าน โดย audit1</li>"), std::string::npos);
}
