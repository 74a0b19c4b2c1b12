// Publishing a year from the web as a national admin: refused while the season runs, previewed,
// confirmed by typing, embargoed and withdrawn, corrected with a reason that the public pages
// then show, earlier versions still downloadable; every step in the audit log (issue 16).
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <gtest/gtest.h>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

class PublishingSeason : public ServerTest {
protected:
    [[nodiscard]] bool published() const override { return false; }

    httplib::Result post(const httplib::Headers& cookie, const std::string& fields) {
        return m_client->Post("/national/publish", cookie, fields, "application/x-www-form-urlencoded");
    }
    // The digest the preview page carries (what the confirmation must bring back).
    std::string digest(const httplib::Headers& cookie) {
        const auto page = m_client->Get("/national/publish?year=2565", cookie);
        const auto at = page->body.find(R"(name="digest" value=")");
        if (at == std::string::npos) return "";
        return page->body.substr(at + 21, page->body.find('"', at + 21) - at - 21);
    }
    std::string sql(const std::string& query) { return ita::test::output_of("sqlite3 " + m_db + " \"" + query + "\""); }
};

const std::string phrase = httplib::detail::encode_query_param("เผยแพร่ผลปี 2565");

}  // namespace

TEST_F(PublishingSeason, ANationalAdminPublishesSafely) {
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    const auto [cookie, csrf] = sign_in(*m_client, "nation");
    const std::string form = "year=2565&csrf=" + csrf;

    // While the season runs: the page says what stands in the way and offers no button; a post
    // is refused, nothing is published, and the refusal is audited.
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --review-close 2099-04-30"), 0);
    const auto blocked = m_client->Get("/national/publish?year=2565", cookie);
    ASSERT_EQ(blocked->status, 200);
    EXPECT_NE(blocked->body.find("ยังเผยแพร่ไม่ได้จนกว่าจะแก้ไขรายการต่อไปนี้"), std::string::npos);
    EXPECT_NE(blocked->body.find("การตรวจประเมิน OIT ยังเปิดอยู่ (ปิด 30 เม.ย. 2642)"), std::string::npos) << blocked->body;
    EXPECT_EQ(blocked->body.find("id=\"publish-form\""), std::string::npos);
    const auto refused = post(cookie, form + "&digest=" + digest(cookie) + "&confirmation=" + phrase);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("การตอบแบบวัด IIT ยังเปิดอยู่และไม่กำหนดวันปิด"), std::string::npos);
    EXPECT_EQ(sql("SELECT count(*) FROM publications"), "0\n");
    EXPECT_EQ(m_client->Get("/national")->body.find("ยังไม่มีผลการประเมินที่เผยแพร่") != std::string::npos, true);

    // The season over: a preview of what becomes public, and a form.
    ASSERT_EQ(run("season open --db " + m_db +
                  " --year 2565 --iit-open 2021-10-01 --iit-close 2021-12-31 --eit-open 2021-10-01 --eit-close 2021-12-31"
                  " --oit-open 2021-10-01 --oit-close 2022-01-31 --review-open 2022-02-01 --review-close 2022-02-28"
                  " --clarification-open 2022-03-01 --clarification-close 2022-03-15"),
              0);
    const auto ready = m_client->Get("/national/publish?year=2565", cookie);
    EXPECT_NE(ready->body.find("id=\"publish-form\""), std::string::npos) << ready->body;
    EXPECT_NE(ready->body.find("มีผลการประเมิน<strong>1</strong>"), std::string::npos);
    EXPECT_NE(ready->body.find("คะแนนเฉลี่ย<strong>83.94</strong>"), std::string::npos);  // seed 002's published overall
    EXPECT_NE(ready->body.find("พิมพ์ “เผยแพร่ผลปี 2565” เพื่อยืนยัน"), std::string::npos);

    // Only the typed phrase and the previewed data publish.
    const auto current = digest(cookie);
    ASSERT_FALSE(current.empty());
    const auto mistyped = post(cookie, form + "&digest=" + current + "&confirmation=" + httplib::detail::encode_query_param("ตกลง"));
    EXPECT_EQ(mistyped->status, 422);
    EXPECT_NE(mistyped->body.find("พิมพ์ “เผยแพร่ผลปี 2565” เพื่อยืนยันการเผยแพร่"), std::string::npos);
    const auto stale = post(cookie, form + "&digest=0123abcd&confirmation=" + phrase);
    EXPECT_EQ(stale->status, 422);
    EXPECT_NE(stale->body.find("ข้อมูลเปลี่ยนไปหลังจากแสดงตัวอย่าง"), std::string::npos);
    const auto bad_day = post(cookie, form + "&digest=" + current + "&confirmation=" + phrase + "&embargo_date=31%2F02%2F2643");
    EXPECT_EQ(bad_day->status, 422);
    EXPECT_NE(bad_day->body.find("วันที่เผยแพร่: พิมพ์วันที่แบบ วว/ดด/ปปปป (พ.ศ.)"), std::string::npos);
    EXPECT_EQ(sql("SELECT count(*) FROM publications"), "0\n");

    // Embargoed: recorded, not public, and withdrawn before anyone saw it.
    const auto embargoed =
        post(cookie, form + "&digest=" + current + "&confirmation=" + phrase + "&embargo_date=01%2F01%2F2643&embargo_time=09%3A00");
    ASSERT_EQ(embargoed->status, 303) << embargoed->body;
    EXPECT_EQ(sql("SELECT version, public_from FROM publications"), "1|2100-01-01T02:00:00Z\n");
    EXPECT_NE(m_client->Get("/national")->body.find("ยังไม่มีผลการประเมินที่เผยแพร่"), std::string::npos);
    const auto waiting = m_client->Get("/national/publish?year=2565", cookie);
    EXPECT_NE(waiting->body.find("(ตั้งเวลาไว้)"), std::string::npos);
    EXPECT_NE(waiting->body.find("ตั้งเวลาเผยแพร่ไว้แล้ว (1 ม.ค. 2643 09:00 น.)"), std::string::npos) << waiting->body;
    const auto id = sql("SELECT publication_id FROM publications");
    const auto withdrawn = m_client->Post("/national/publish/withdraw", cookie, form + "&publication=" + id.substr(0, id.size() - 1),
                                          "application/x-www-form-urlencoded");
    ASSERT_EQ(withdrawn->status, 303);
    EXPECT_EQ(sql("SELECT count(*) FROM publications"), "0\n");

    // Published at once: public.
    ASSERT_EQ(post(cookie, form + "&digest=" + digest(cookie) + "&confirmation=" + phrase)->status, 303);
    const auto national = m_client->Get("/national?year=2565");
    EXPECT_NE(national->body.find("id=\"publication-note\""), std::string::npos) << national->body;

    // A correction needs its reason; the public pages then carry it, dated, and version 1 stays
    // downloadable.
    const auto unexplained = post(cookie, form + "&digest=" + digest(cookie) + "&confirmation=" + phrase);
    EXPECT_EQ(unexplained->status, 422);
    EXPECT_NE(unexplained->body.find("การเผยแพร่ใหม่เป็นฉบับแก้ไข ระบุเหตุผลอย่างน้อย 10 ตัวอักษร"), std::string::npos);
    const std::string reason = "แก้ไขผลการตรวจข้อ O38 ที่บันทึกผิด";
    ASSERT_EQ(post(cookie, form + "&digest=" + digest(cookie) + "&confirmation=" + phrase +
                               "&reason=" + httplib::detail::encode_query_param(reason))
                  ->status,
              303);
    std::string corrected;
    for (int attempt = 0; attempt < 60 && corrected.find(reason) == std::string::npos; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        corrected = m_client->Get("/national?year=2565")->body;
    }
    EXPECT_NE(corrected.find("ฉบับที่ 2 แก้ไขเมื่อ"), std::string::npos) << corrected;
    EXPECT_NE(corrected.find("เหตุผล: " + reason), std::string::npos);
    EXPECT_NE(corrected.find("href=\"/data/2565/scores.csv?version=1\""), std::string::npos);
    EXPECT_NE(m_client->Get("/agency/A1?year=2565")->body.find("เหตุผล: " + reason), std::string::npos);
    const auto first = m_client->Get("/data/2565/scores.csv?version=1");
    EXPECT_EQ(first->status, 200);
    EXPECT_NE(first->get_header_value("Content-Disposition").find("ita-2565-scores-v1.csv"), std::string::npos);
    EXPECT_NE(first->body.find("A1"), std::string::npos);
    EXPECT_EQ(m_client->Get("/data/2565/scores.csv?version=3")->status, 404);

    // Every step is in the audit log.
    EXPECT_EQ(sql("SELECT action, count(*) FROM audit_log WHERE action LIKE 'publish %' OR action LIKE 'withdraw %' GROUP BY action "
                  "ORDER BY action"),
              "publish refused|4\npublish results|3\nwithdraw publication|1\n");
}

// No IIT or EIT figure from fewer people than the minimum is ever published: with two staff
// answering, the published row and `ita rank` have no IIT and no overall, and the preview says why.
TEST(PublishingFromTheCommandLine, ShortSamplesAreNeverPublished) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(run("import --db " + db + " agencies " +
                  files.write("agencies.csv", "agency_id,name,type,province,headcount\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี,100\n")),
              0);
    std::string iit = "agency_id,instrument,respondent,question,answer\n";
    for (const char* respondent : {"s1", "s2"}) iit += std::string("A1,IIT,") + respondent + ",I1.1,4\n";
    ASSERT_EQ(run("import --db " + db + " --year 2565 responses " + files.write("iit.csv", iit)), 0);
    ASSERT_EQ(run("import --db " + db + " --year 2565 published " +
                  files.write("published.csv", "agency_id,level,code,score\nA1,instrument,EIT,80\nA1,instrument,OIT,70\n")),
              0);
    const auto preview = ita::test::output_of(std::string(ITA_BINARY) + " publish --db " + db + " --year 2565 --preview");
    EXPECT_NE(preview.find("no result\tA1\tจำนวนผู้ตอบแบบวัด IIT ต่ำกว่าขั้นต่ำ จึงไม่เผยแพร่คะแนน IIT และคะแนนรวม"), std::string::npos) << preview;
    ASSERT_EQ(run("publish --db " + db + " --year 2565"), 0);
    const auto row = ita::test::output_of("sqlite3 " + db + " \"SELECT overall IS NULL, detail FROM published_rows\"");
    EXPECT_EQ(row.substr(0, 2), "1|") << row;
    EXPECT_NE(row.find(R"("IIT":null)"), std::string::npos) << row;
    EXPECT_NE(row.find(R"("questions":{"I1":null)"), std::string::npos) << row;
    EXPECT_NE(row.find(R"("respondents":{"IIT":0,"EIT":0})"), std::string::npos) << row;
    const auto ranked = ita::test::output_of(std::string(ITA_BINARY) + " rank --db " + db + " --year 2565 --format json");
    EXPECT_NE(ranked.find(R"("overall":null)"), std::string::npos) << ranked;
}
