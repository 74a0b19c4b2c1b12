// The season's progress (issue 16): the national admin follows every agency's responses against
// its minimum (counts only, rounded below the minimum), its OIT entries and reviews, filters by
// type, province and status, sees who is at risk, and downloads the same rows; a working group
// sees only its own agency.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <gtest/gtest.h>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

std::string day_from_today(int days) {
    const std::time_t when = std::time(nullptr) + static_cast<std::time_t>(days) * 86400 + 7 * 3600;  // Bangkok
    std::tm parts{};
    gmtime_r(&when, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace

TEST_F(ServerTest, TheSeasonsProgressAgencyByAgency) {
    ASSERT_EQ(run("import --db " + m_db + " agencies " +
                  m_files.write("more.csv", "agency_id,name,type,province,headcount\nA2,อบต.บ้านโฮ่ง,องค์การบริหารส่วนตำบล,ลำพูน,30\n")),
              0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566 --iit-open 2020-01-01 --iit-close " + day_from_today(10) +
                  " --eit-open 2020-01-01 --eit-close " + day_from_today(40)),
              0);
    // Three staff of A2 answered on paper: fewer than five, so shown as "fewer than 5".
    std::string answers = "agency_id,instrument,respondent,question,answer\n";
    for (const char* who : {"p1", "p2", "p3"}) answers += std::string("A2,IIT,") + who + ",I1.1,3\n";
    ASSERT_EQ(run("import --db " + m_db + " --year 2566 responses " + m_files.write("iit.csv", answers)), 0);
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [nation, csrf] = sign_in(*m_client, "nation");

    const auto page = m_client->Get("/national/progress?year=2566", nation);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("อบต.บ้านโฮ่ง"), std::string::npos);
    EXPECT_NE(page->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    EXPECT_NE(page->body.find("<td>น้อยกว่า 5 คน ("), std::string::npos) << page->body;
    EXPECT_EQ(page->body.find(">3 คน"), std::string::npos);                      // never the exact count
    EXPECT_NE(page->body.find("IIT ยังไม่ถึงขั้นต่ำ เหลือ 10 วัน"), std::string::npos);  // the IIT closes in 10 days
    EXPECT_EQ(page->body.find("EIT ยังไม่ถึงขั้นต่ำ เหลือ"), std::string::npos);        // the EIT has 40 left
    EXPECT_NE(page->body.find("เสี่ยงไม่ถึงขั้นต่ำ<strong>2</strong>"), std::string::npos);

    const auto filtered =
        m_client->Get("/national/progress?year=2566&type=" + httplib::detail::encode_query_param("องค์การบริหารส่วนตำบล"), nation);
    EXPECT_NE(filtered->body.find("อบต.บ้านโฮ่ง"), std::string::npos);
    EXPECT_EQ(filtered->body.find("เทศบาลเมืองแจระแม"), std::string::npos);

    const auto csv = m_client->Get("/national/progress?year=2566&format=csv", nation);
    ASSERT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"ita-2566-progress.csv\"");
    EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv->body.find("agency_id,name,type,province,iit_answered,iit_at_least,iit_minimum"), std::string::npos);
    EXPECT_NE(csv->body.find("A2,อบต.บ้านโฮ่ง,องค์การบริหารส่วนตำบล,ลำพูน,0,1,"), std::string::npos) << csv->body;
    const auto xlsx = m_client->Get("/national/progress?year=2566&format=xlsx", nation);
    ASSERT_EQ(xlsx->status, 200);
    EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
    const std::string path = m_files.write("progress.xlsx", xlsx->body);
    EXPECT_NE(ita::test::output_of("unzip -p " + path + " xl/sharedStrings.xml xl/worksheets/sheet1.xml").find("A2"), std::string::npos);

    // The working group sees its own agency, nobody else's.
    const auto [group, group_csrf] = sign_in(*m_client, "wg");
    const auto own = m_client->Get("/admin/progress?year=2566", group);
    ASSERT_EQ(own->status, 200);
    EXPECT_NE(own->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    EXPECT_EQ(own->body.find("อบต.บ้านโฮ่ง"), std::string::npos);
    EXPECT_EQ(m_client->Get("/national/progress?year=2566", group)->status, 403);
}
