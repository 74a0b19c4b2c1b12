// The response-integrity page an auditor opens: copied answers first, with their reason and
// the note that scores are unchanged; one agency with every signal explained; only for
// auditors and national admins.
#include "../../support/integrity_answers.hpp"
#include "../../support/server_fixture.hpp"

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

class IntegrityWeb : public ServerTest {
protected:
    void SetUp() override {
        ServerTest::SetUp();
        ASSERT_EQ(run("import --db " + m_db + " agencies " + m_files.write("t.csv", ita::test::copied_answers_agencies)), 0);
        ASSERT_EQ(run("import --db " + m_db + " --year 2565 responses " + m_files.write("r.csv", ita::test::copied_answers_csv())), 0);
        ASSERT_EQ(
            run("import --db " + m_db + " --year 2565 published " +
                m_files.write("p.csv", "agency_id,level,code,score\nT2,instrument,IIT,90\nT2,instrument,EIT,90\nT2,instrument,OIT,90\n")),
            0);
        ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
        ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
        ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency T2"), 0);
    }
};

}  // namespace

TEST_F(IntegrityWeb, AuditorsSeeCopiedAnswersFirstWithTheirReason) {
    const auto [auditor, csrf] = sign_in(*m_client, "audit");
    const auto list = m_client->Get("/review/integrity?year=2565", auditor);
    ASSERT_EQ(list->status, 200);
    const auto t2 = list->body.find("T2 เทศบาลตำบลสอง</a> — IIT");
    ASSERT_NE(t2, std::string::npos) << list->body;
    EXPECT_LT(t2, list->body.find("T1 เทศบาลตำบลหนึ่ง</a>"));  // lowest confidence first
    EXPECT_NE(list->body.find("ความน่าเชื่อถือ 70/100 (ปานกลาง)"), std::string::npos);
    EXPECT_NE(list->body.find("คะแนน ITA ที่เผยแพร่ 90.00 (A)"), std::string::npos);  // read next to the score
    EXPECT_NE(list->body.find("<strong>ควรตรวจสอบ:</strong> ชุดคำตอบที่เหมือนกันทุกข้อ"), std::string::npos);
    EXPECT_NE(list->body.find("ไม่เปลี่ยนคะแนน"), std::string::npos);
    EXPECT_NE(list->body.find("มีสัญญาณ 1 รายการ"), std::string::npos);
    EXPECT_NE(list->body.find("คำนวณเมื่อ "), std::string::npos);  // made at most every five minutes, and said when

    const auto one = m_client->Get("/review/integrity?year=2565&agency=T1", auditor);
    ASSERT_EQ(one->status, 200);
    EXPECT_NE(one->body.find("ความน่าเชื่อถือ 100/100 (สูง)"), std::string::npos);
    EXPECT_NE(one->body.find("ไม่มีข้อมูลเวลาส่ง"), std::string::npos);  // every signal shown for one agency
    EXPECT_EQ(m_client->Get("/review/integrity?year=2565&agency=NOPE", auditor)->status, 404);

    const auto [group, group_csrf] = sign_in(*m_client, "wg");
    EXPECT_EQ(m_client->Get("/review/integrity?year=2565&agency=T2", group)->status, 403);
}
