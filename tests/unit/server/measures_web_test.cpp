// The working group's measures on the web, against a real `ita serve` on SQLite: roles, CSRF,
// drafting from seed 002's analysis, a rejected form that comes back filled in with Thai
// messages and stores nothing, add/edit/progress/remove agreeing with `ita measures list`,
// 4M constraints, and the downloaded report carrying what was entered.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <array>
#include <cstdio>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

constexpr const char* form_type = "application/x-www-form-urlencoded";

std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

class MeasuresWeb : public ServerTest {
protected:
    std::string stored_measures() {
        return ita::test::output_of(std::string(ITA_BINARY) + " measures list --db " + m_db +
                                    " --year 2566 --agency A1 --format json 2>/dev/null");
    }
};

}  // namespace

TEST_F(MeasuresWeb, OnlyTheWorkingGroupAndNationalAdminsMayEnter) {
    ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    const auto signed_out = m_client->Get("/admin/measures?year=2566");
    EXPECT_EQ(signed_out->status, 303);
    EXPECT_EQ(signed_out->get_header_value("Location"), "/login?next=/admin/measures?year=2566");  // decoded by cpp-httplib
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", auditor)->status, 403);
    EXPECT_EQ(m_client->Post("/admin/measures/draft", auditor, "year=2566&csrf=" + auditor_csrf, form_type)->status, 403);
    const auto [national, national_csrf] = sign_in(*m_client, "nation");
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", national)->status, 400);  // which agency?
    const auto page = m_client->Get("/admin/measures?year=2566&agency=A1", national);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("เทศบาลเมืองแจระแม"), std::string::npos);
    EXPECT_EQ(m_client->Get("/admin/measures?year=25x", national)->status, 400);
}

TEST_F(MeasuresWeb, DraftAddEditReportProgressAndRemove) {
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto empty = m_client->Get("/admin/measures?year=2566", group);
    ASSERT_EQ(empty->status, 200);
    EXPECT_NE(empty->body.find("/agency/A1/report.pdf?year=2565"), std::string::npos);  // the download buttons
    EXPECT_NE(empty->body.find("/agency/A1/report.docx?year=2565"), std::string::npos);
    EXPECT_NE(empty->body.find("ยังไม่มีมาตรการของปีนี้"), std::string::npos);

    // A stale form changes nothing.
    EXPECT_EQ(m_client->Post("/admin/measures/draft", group, "year=2566&csrf=stale", form_type)->status, 400);
    EXPECT_EQ(stored_measures().find("\"measure_id\""), std::string::npos);

    // Drafts from seed 002's analysis: one per urgent weakness (5, 6, 8) and one for strengths.
    const auto drafted = m_client->Post("/admin/measures/draft", group, "year=2566&csrf=" + csrf, form_type);
    ASSERT_EQ(drafted->status, 303);
    const auto list = m_client->Get(drafted->get_header_value("Location"), group);
    ASSERT_EQ(list->status, 200);
    EXPECT_NE(list->body.find("ร่างมาตรการจากผลการวิเคราะห์แล้ว"), std::string::npos);
    EXPECT_EQ(count_of(list->body, "<article class=\"card\""), 4u);
    EXPECT_EQ(count_of(stored_measures(), "\"measure_id\""), 4u);
    // The working group's draft report shows them, marked; the report handed in does not.
    const auto draft_report = m_client->Get("/agency/A1/report.html?year=2565&draft=1", group);
    ASSERT_EQ(draft_report->status, 200);
    EXPECT_NE(draft_report->body.find("(ฉบับร่าง)"), std::string::npos);
    EXPECT_NE(draft_report->body.find("(ร่าง)"), std::string::npos);
    EXPECT_EQ(m_client->Get("/agency/A1/report.html?year=2565", group)->body.find("(ร่าง)"), std::string::npos);
    EXPECT_NE(list->body.find("name=\"reporter_name\""), std::string::npos);  // the download form names the signers

    // A rejected form: Thai messages by field, the typed values kept, nothing stored.
    const auto rejected = m_client->Post(
        "/admin/measures", group,
        "year=2566&csrf=" + csrf +
            "&title=&targets=5%2C+%E0%B8%82%E0%B9%89%E0%B8%AD&responsible=%E0%B8%81%E0%B8%AD%E0%B8%87%E0%B8%84%E0%B8%A5%E0%B8%B1%E0%B8%87"
            "&start_on=2022-09-01&end_on=2023-09-30&cadence=monthly&status=active",
        form_type);
    ASSERT_EQ(rejected->status, 422);
    EXPECT_NE(rejected->body.find("โครงการ/กิจกรรม: ต้องระบุ"), std::string::npos);
    EXPECT_NE(rejected->body.find("ระยะเวลา: ต้องอยู่ในปีงบประมาณ พ.ศ. 2566 (1 ต.ค. 2565 – 30 ก.ย. 2566)"), std::string::npos);
    EXPECT_NE(rejected->body.find("อ่าน &quot;ข้อ&quot; ไม่ได้"), std::string::npos);
    EXPECT_NE(rejected->body.find("value=\"กองคลัง\""), std::string::npos);
    EXPECT_NE(rejected->body.find("<option value=\"monthly\" selected>"), std::string::npos);
    EXPECT_EQ(count_of(stored_measures(), "\"measure_id\""), 4u);

    // Added, then found on its own page.
    const auto added =
        m_client->Post("/admin/measures", group,
                       "year=2566&csrf=" + csrf +
                           "&title=Open+procurement+data&targets=9%2C+O12&responsible=Treasury&analysis=&steps=Publish+monthly"
                           "&start_on=2022-11-01&end_on=2023-06-30&cadence=monthly&status=active",
                       form_type);
    ASSERT_EQ(added->status, 303);
    const auto location = added->get_header_value("Location");
    const auto id = location.substr(location.find("#measure-") + 9);
    ASSERT_FALSE(id.empty());
    const auto edit = m_client->Get("/admin/measures/" + id + "?year=2566", group);
    ASSERT_EQ(edit->status, 200);
    EXPECT_NE(edit->body.find("value=\"9, O12\""), std::string::npos);
    EXPECT_NE(stored_measures().find("\"targets\":[\"indicator:9\",\"item:O12\"]"), std::string::npos) << stored_measures();

    // Progress: a bad percent is refused with the text kept; a good one is listed.
    const auto bad = m_client->Post("/admin/measures/" + id + "/progress", group,
                                    "year=2566&csrf=" + csrf + "&reported_on=2023-01-31&percent=120&text=Half+done", form_type);
    ASSERT_EQ(bad->status, 422);
    EXPECT_NE(bad->body.find("ร้อยละ: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100"), std::string::npos);
    EXPECT_NE(bad->body.find(">Half done</textarea>"), std::string::npos);
    const auto good =
        m_client->Post("/admin/measures/" + id + "/progress", group,
                       "year=2566&csrf=" + csrf +
                           "&reported_on=2023-01-31&percent=40&text=Half+of+the+plan+done&evidence_url=https%3A%2F%2Fexample.go.th%2Fp",
                       form_type);
    ASSERT_EQ(good->status, 303);
    const auto with_progress = m_client->Get(good->get_header_value("Location"), group);
    EXPECT_NE(with_progress->body.find("31 ม.ค. 2566"), std::string::npos);
    EXPECT_NE(with_progress->body.find("href=\"https://example.go.th/p\""), std::string::npos);
    EXPECT_NE(m_client->Get("/admin/measures?year=2566", group)->body.find("ร้อยละ 40"), std::string::npos);

    // Edited: the new title is stored and reaches the report.
    const auto edited = m_client->Post("/admin/measures/" + id, group,
                                       "year=2566&csrf=" + csrf +
                                           "&title=Open+procurement+data+monthly&targets=9&responsible=Treasury&start_on=2022-11-01"
                                           "&end_on=2023-06-30&cadence=quarterly&status=active",
                                       form_type);
    ASSERT_EQ(edited->status, 303);
    EXPECT_NE(stored_measures().find("Open procurement data monthly"), std::string::npos);
    const auto report = m_client->Get("/agency/A1/report.html?year=2565");
    ASSERT_EQ(report->status, 200);
    EXPECT_NE(report->body.find("Open procurement data monthly"), std::string::npos);

    // Removed: gone from the list and from the store.
    ASSERT_EQ(m_client->Post("/admin/measures/" + id + "/remove", group, "year=2566&csrf=" + csrf, form_type)->status, 303);
    EXPECT_EQ(m_client->Get("/admin/measures/" + id + "?year=2566", group)->status, 404);
    EXPECT_EQ(count_of(stored_measures(), "\"measure_id\""), 4u);
}

TEST_F(MeasuresWeb, AnotherAgencysMeasureIsNotFound) {
    ASSERT_EQ(ita::test::run(
                  "import --db " + m_db + " agencies " +
                  m_files.write(
                      "more.csv",
                      "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\nA2,อบต.ทดสอบ,องค์การบริหารส่วนตำบล,ขอนแก่น\n")),
              0);
    ASSERT_EQ(ita::test::run("measures add --db " + m_db +
                             " --year 2566 --agency A1 --title T --responsible R --start 2022-10-01 --end 2023-09-30"),
              0);
    ASSERT_EQ(add_user(m_db, "other", "agency_admin --agency A2"), 0);
    const auto [other, csrf] = sign_in(*m_client, "other");
    EXPECT_EQ(m_client->Get("/admin/measures/1?year=2566", other)->status, 404);
    EXPECT_EQ(m_client->Post("/admin/measures/1/remove", other, "year=2566&csrf=" + csrf, form_type)->status, 404);
    EXPECT_EQ(count_of(stored_measures(), "\"measure_id\""), 1u);
}

TEST_F(MeasuresWeb, ConstraintsAreKept) {
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto saved =
        m_client->Post("/admin/constraints", group,
                       "year=2566&csrf=" + csrf + "&man=Few+staff&money=Small+budget&method=&material=Old+computers", form_type);
    ASSERT_EQ(saved->status, 303);
    EXPECT_NE(m_client->Get(saved->get_header_value("Location"), group)->body.find(">Few staff</textarea>"), std::string::npos);
    const auto shown =
        ita::test::output_of(std::string(ITA_BINARY) + " constraints show --db " + m_db + " --year 2566 --agency A1 2>/dev/null");
    EXPECT_NE(shown.find("Small budget"), std::string::npos) << shown;
}

TEST_F(MeasuresWeb, LastYearsMeasuresShowWhetherTheyWorked) {
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    // 2564's result, a measure of 2565 against indicator 5; 2565 (seed 002's figures) is published.
    ASSERT_EQ(run("import --db " + m_db + " --year 2564 published " +
                  m_files.write("p64.csv", "agency_id,level,code,score\nA1,indicator,5,40\n")),
              0);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2564"), 0);
    ASSERT_EQ(
        run("measures add --db " + m_db +
            " --year 2565 --agency A1 --title Briefing --target indicator:5 --responsible R --start 2021-10-01 --end 2022-09-30 --status active"),
        0);
    const auto [group, csrf] = sign_in(*m_client, "wg");
    std::string body;
    for (int attempt = 0; attempt < 40 && body.find("Briefing") == std::string::npos; ++attempt) {
        body = m_client->Get("/admin/measures?year=2566", group)->body;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(body.find("ผลของมาตรการปี 2565"), std::string::npos) << body;
    EXPECT_NE(body.find("Briefing <span class=\"badge ok\">ดีขึ้น</span>"), std::string::npos);
    EXPECT_NE(body.find("การแก้ไขปัญหาการทุจริต: 40.00 → "), std::string::npos);
    // Nothing published before 2565's own year: no section for 2565's page.
    EXPECT_EQ(m_client->Get("/admin/measures?year=2565", group)->body.find("ผลของมาตรการปี"), std::string::npos);
}
