// The season calendar: `ita season open` with dates and an agency list, its errors, and the
// survey pages refusing answers outside their windows (403 with a Thai message saying when).
#include "../../support/server_fixture.hpp"

#include <array>
#include <cstdio>

namespace {

using ita::test::run;
using ita::test::ServerTest;

struct Output {
    int status = 0;
    std::string text;
};

Output run_with_output(const std::string& arguments) {
    Output output;
    std::FILE* pipe = ::popen((std::string(ITA_BINARY) + " " + arguments + " 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.text.append(buffer.data(), read);
    const int status = ::pclose(pipe);
    output.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

std::string first_code(const std::string& db) {
    const auto codes = run_with_output("codes --db " + db + " --year 2565 --agency A1 --count 1");
    return codes.text.substr(codes.text.rfind('\n', codes.text.size() - 2) + 1, 11);
}

}  // namespace

TEST_F(ServerTest, SeasonCalendarIsShownAndValidated) {
    const auto opened =
        run_with_output("season open --db " + m_db + " --year 2565 --iit-open 2022-10-01 --iit-close 2023-01-31 --review-close 2099-04-30");
    ASSERT_EQ(opened.status, 0) << opened.text;
    const auto shown = run_with_output("season show --db " + m_db + " --year 2565");
    EXPECT_NE(shown.text.find("iit\t2022-10-01\t2023-01-31\n"), std::string::npos) << shown.text;
    EXPECT_NE(shown.text.find("eit\t"), std::string::npos);
    EXPECT_NE(shown.text.find("\t2099-04-30\n"), std::string::npos);
    EXPECT_TRUE(shown.text.starts_with("iit\t")) << shown.text;  // in the season's order, not the alphabet's
    EXPECT_LT(shown.text.find("oit_entry\t"), shown.text.find("review\t"));
    EXPECT_LT(shown.text.find("review\t"), shown.text.find("clarification\t"));

    const auto backwards = run_with_output("season open --db " + m_db + " --year 2565 --eit-open 2023-02-01 --eit-close 2023-01-01");
    EXPECT_EQ(backwards.status, 2);
    EXPECT_NE(backwards.text.find("eit: closes (2023-01-01) before it opens (2023-02-01)"), std::string::npos) << backwards.text;
    const auto bad_date = run_with_output("season open --db " + m_db + " --year 2565 --oit-close 2023-02-30");
    EXPECT_EQ(bad_date.status, 2);
    EXPECT_NE(bad_date.text.find("oit_entry: must be a date YYYY-MM-DD"), std::string::npos) << bad_date.text;
    const auto list = m_files.write("list.csv", "agency_id,name\nA1,x\nA9,y\n");
    const auto unknown = run_with_output("season open --db " + m_db + " --year 2565 --agencies " + list);
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.text.find(list + ":3:agency_id: unknown agency"), std::string::npos) << unknown.text;
    // The failed attempts left the calendar as it was.
    EXPECT_EQ(run_with_output("season show --db " + m_db + " --year 2565").text, shown.text);
}

TEST_F(ServerTest, SurveysAnswerOnlyWithinTheirWindows) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --iit-open 2022-10-01 --iit-close 2023-01-31 --eit-open 2099-01-01"), 0);
    const std::string code = first_code(m_db);
    ASSERT_EQ(code.size(), 11u) << code;
    const auto closed = m_client->Get("/s/" + code);
    EXPECT_EQ(closed->status, 403);
    EXPECT_NE(closed->body.find("การตอบแบบวัด IIT ปิดแล้วเมื่อ 31 ม.ค. 2566"), std::string::npos) << closed->body;
    EXPECT_EQ(m_client->Post("/s/" + code, "I1.1=4", "application/x-www-form-urlencoded")->status, 403);
    const auto not_yet = m_client->Get("/e/A1");
    EXPECT_EQ(not_yet->status, 403);
    EXPECT_NE(not_yet->body.find("การตอบแบบวัด EIT ยังไม่เปิด (เปิด 1 ม.ค. 2642)"), std::string::npos) << not_yet->body;

    // Reopened with the defaults (open from today, no end): the same code now opens its form.
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565"), 0);
    EXPECT_EQ(m_client->Get("/s/" + code)->status, 200);
    EXPECT_EQ(m_client->Get("/e/A1")->status, 200);
}

TEST_F(ServerTest, ASeasonForListedAgenciesLeavesOthersOut) {
    ASSERT_EQ(run("import --db " + m_db + " agencies " +
                  m_files.write("more.csv", "agency_id,name,type,province\nA2,อบต.ทดสอบ,องค์การบริหารส่วนตำบล,ขอนแก่น\n")),
              0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --agencies " + m_files.write("list.txt", "A1\n")), 0);
    EXPECT_EQ(m_client->Get("/e/A1")->status, 200);
    EXPECT_EQ(m_client->Get("/e/A2")->status, 404);
}

TEST_F(ServerTest, HeadcountSetsTheMinimumStaffSample) {
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565"), 0);
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, csrf] = ita::test::sign_in(*m_client, "wg");
    EXPECT_NE(m_client->Get("/admin/codes?year=2565", group)->body.find("ยังไม่ได้ระบุจำนวนบุคลากร"), std::string::npos);
    const auto zero =
        m_client->Post("/admin/headcount", group, "year=2565&csrf=" + csrf + "&headcount=0", "application/x-www-form-urlencoded");
    EXPECT_EQ(zero->status, 422);
    EXPECT_NE(zero->body.find("จำนวนบุคลากรต้องอยู่ระหว่าง 1 ถึง 1,000,000 คน"), std::string::npos);
    const auto set =
        m_client->Post("/admin/headcount", group, "year=2565&csrf=" + csrf + "&headcount=120", "application/x-www-form-urlencoded");
    ASSERT_EQ(set->status, 303);
    const auto page = m_client->Get(set->get_header_value("Location"), group);
    // 2565's (provisional) table: 101–500 staff need 60 respondents.
    EXPECT_NE(page->body.find("120 คน — ต้องมีผู้ตอบอย่างน้อย <strong>60</strong> คน — ตอบแล้ว <strong>น้อยกว่า 5 คน</strong>"), std::string::npos)
        << page->body;
}

TEST_F(ServerTest, NationalAdminOpensTheSeasonOnTheWeb) {
    ASSERT_EQ(ita::test::add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, group_csrf] = ita::test::sign_in(*m_client, "wg");
    EXPECT_EQ(m_client->Get("/national/season", group)->status, 403);
    EXPECT_EQ(m_client->Post("/national/season", group, "year=2566&csrf=" + group_csrf, "application/x-www-form-urlencoded")->status, 403);
    const auto [nation, csrf] = ita::test::sign_in(*m_client, "nation");
    ASSERT_EQ(m_client->Get("/national/season", nation)->status, 200);

    const auto rejected =
        m_client->Post("/national/season", nation, "year=2566&csrf=" + csrf + "&iit_open=2022-11-01&iit_close=2022-10-01&agencies=A1%0AA7",
                       "application/x-www-form-urlencoded");
    EXPECT_EQ(rejected->status, 422);
    EXPECT_NE(rejected->body.find("การตอบแบบวัด IIT: วันปิดต้องไม่ก่อนวันเปิด"), std::string::npos) << rejected->body;
    EXPECT_NE(rejected->body.find("value=\"2022-11-01\""), std::string::npos);         // what was typed stays
    EXPECT_EQ(run_with_output("season show --db " + m_db + " --year 2566").text, "");  // nothing opened

    const auto unknown =
        m_client->Post("/national/season", nation, "year=2566&csrf=" + csrf + "&agencies=A1%0AA7", "application/x-www-form-urlencoded");
    EXPECT_EQ(unknown->status, 422);
    EXPECT_NE(unknown->body.find("รายการหน่วยงาน บรรทัด 2: ไม่พบหน่วยงาน"), std::string::npos) << unknown->body;

    const auto opened =
        m_client->Post("/national/season", nation, "year=2566&csrf=" + csrf + "&iit_open=2022-10-01&iit_close=2023-01-31&agencies=A1",
                       "application/x-www-form-urlencoded");
    ASSERT_EQ(opened->status, 303);
    const auto page = m_client->Get(opened->get_header_value("Location"), nation);
    EXPECT_NE(page->body.find("<td>การตอบแบบวัด IIT</td><td>1 ต.ค. 2565</td><td>31 ม.ค. 2566</td><td>ปิดแล้ว</td>"), std::string::npos)
        << page->body;
    EXPECT_NE(run_with_output("season show --db " + m_db + " --year 2566").text.find("iit\t2022-10-01\t2023-01-31"), std::string::npos);

    // The form shows the calendar in force; saving one phase keeps the others (issue 16: the
    // OIT close date used to be wiped by saving the IIT dates).
    ASSERT_EQ(m_client
                  ->Post("/national/season", nation,
                         "year=2566&csrf=" + csrf +
                             "&iit_open=2022-10-01&iit_close=2023-01-31&oit_entry_open=2023-02-01&oit_entry_close=2023-03-31",
                         "application/x-www-form-urlencoded")
                  ->status,
              303);
    // Days are shown and typed in the Buddhist era (day/month/year), Thai digits too.
    const auto form = m_client->Get("/national/season?year=2566", nation);
    EXPECT_NE(form->body.find("value=\"31/03/2566\""), std::string::npos) << form->body;
    ASSERT_EQ(m_client
                  ->Post("/national/season", nation,
                         "year=2566&csrf=" + csrf +
                             "&iit_open=15%2F10%2F2565&iit_close=%E0%B9%93%E0%B9%91%2F1%2F%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%96",
                         "application/x-www-form-urlencoded")
                  ->status,
              303);
    const auto shown = run_with_output("season show --db " + m_db + " --year 2566").text;
    EXPECT_NE(shown.find("iit\t2022-10-15\t2023-01-31"), std::string::npos) << shown;
    EXPECT_NE(shown.find("oit_entry\t2023-02-01\t2023-03-31"), std::string::npos) << shown;
    // The calendar says whom it applies to; the OIT steps may not overlap.
    EXPECT_NE(m_client->Get("/national/season?year=2566", nation)->body.find("ใช้กับทุกหน่วยงาน (1 หน่วยงาน)"), std::string::npos);
    const auto overlapping =
        m_client->Post("/national/season", nation, "year=2566&csrf=" + csrf + "&review_open=15%2F03%2F2566&review_close=30%2F04%2F2566",
                       "application/x-www-form-urlencoded");
    EXPECT_EQ(overlapping->status, 422);
    EXPECT_NE(overlapping->body.find("การตรวจประเมิน OIT: ต้องเปิดหลังวันปิดการบันทึกข้อมูล OIT"), std::string::npos) << overlapping->body;
    // A day that cannot be read is named with the shape to type; nothing changes.
    const auto unreadable = m_client->Post("/national/season", nation, "year=2566&csrf=" + csrf + "&iit_close=31%2F02%2F2566",
                                           "application/x-www-form-urlencoded");
    EXPECT_EQ(unreadable->status, 422);
    EXPECT_NE(unreadable->body.find("การตอบแบบวัด IIT วันปิด: อ่านวันที่ “31/02/2566” ไม่ได้ พิมพ์แบบ วว/ดด/ปปปป (พ.ศ.)"), std::string::npos)
        << unreadable->body;
    EXPECT_NE(run_with_output("season show --db " + m_db + " --year 2566").text.find("iit\t2022-10-15\t2023-01-31"), std::string::npos);
}

TEST_F(ServerTest, TheAgencySeesItsResultOnceReviewCloses) {
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, csrf] = ita::test::sign_in(*m_client, "wg");
    // The menu's link (no year) goes to the latest published year, not a dead end.
    const auto menu = m_client->Get("/admin/results", group);
    EXPECT_EQ(menu->status, 303);
    EXPECT_EQ(menu->get_header_value("Location"), "/admin/results?year=2565");
    // Seed 002's published result: no calendar for 2565, so it is shown.
    const auto page = m_client->Get("/admin/results?year=2565", group);
    ASSERT_EQ(page->status, 200);
    const auto json = run_with_output("score --db " + m_db + " --year 2565 --agency A1 --format json").text;
    const auto at = json.find("\"overall\":") + 10;
    const double overall = std::stod(json.substr(at, json.find(',', at) - at));
    char shown[16];
    std::snprintf(shown, sizeof shown, "%.2f", overall);
    EXPECT_NE(page->body.find(std::string(">") + shown + " <span"), std::string::npos) << shown;
    const auto weaknesses = page->body.find("จุดอ่อนที่ต้องพัฒนาเร่งด่วน</h2>");
    ASSERT_NE(weaknesses, std::string::npos);
    for (const char* weakest : {"<h3>5. ", "<h3>6. ", "<h3>8. "})
        EXPECT_NE(page->body.find(weakest, weaknesses), std::string::npos) << weakest;

    // Published, the result shows though the calendar now has the review open (it used to say
    // ยังไม่ประกาศผล); the surveys are closed, so nothing new can come in.
    ASSERT_EQ(run("season open --db " + m_db +
                  " --year 2565 --iit-open 2021-10-01 --iit-close 2022-01-31 --eit-open 2021-10-01 --eit-close 2022-01-31 "
                  "--review-close 2099-04-30"),
              0);
    const auto still = m_client->Get("/admin/results?year=2565", group);
    EXPECT_EQ(still->status, 200);
    EXPECT_NE(still->body.find(std::string(">") + shown + " <span"), std::string::npos);
}

namespace {

class UnpublishedSeason : public ServerTest {
protected:
    [[nodiscard]] bool published() const override { return false; }
};

}  // namespace

TEST_F(UnpublishedSeason, TheAgencyResultWaitsForTheReviewToClose) {
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [group, csrf] = ita::test::sign_in(*m_client, "wg");
    EXPECT_EQ(m_client->Get("/admin/results?year=2565", group)->status, 200);  // no calendar: imported from files
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --review-close 2099-04-30"), 0);
    const auto waiting = m_client->Get("/admin/results?year=2565", group);
    EXPECT_EQ(waiting->status, 403);
    EXPECT_NE(waiting->body.find("จะแสดงเมื่อการตรวจประเมิน OIT ปิด (30 เม.ย. 2642)"), std::string::npos);
}

TEST_F(ServerTest, SigningInReturnsToThePageAskedFor) {
    ASSERT_EQ(ita::test::add_user(m_db, "nation", "national_admin"), 0);
    // A page that needs a session sends the browser to sign in, naming where it was going.
    const auto asked = m_client->Get("/national/season?year=2566");
    ASSERT_EQ(asked->status, 303);
    // (cpp-httplib hands the Location header over percent-decoded.)
    EXPECT_EQ(asked->get_header_value("Location"), "/login?next=/national/season?year=2566");
    const auto form = m_client->Get("/login?next=%2Fnational%2Fseason%3Fyear%3D2566");
    EXPECT_NE(form->body.find(R"(name="next" value="/national/season?year=2566")"), std::string::npos) << form->body;
    const auto back =
        ita::test::post_login(*m_client, "user=nation&password=correct+horse+battery&next=%2Fnational%2Fseason%3Fyear%3D2566");
    ASSERT_EQ(back->status, 303);
    EXPECT_EQ(back->get_header_value("Location"), "/national/season?year=2566");
    // Anywhere but this site is refused: the account page instead.
    for (const char* elsewhere :
         {"%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example%2F", "%2F%5Cevil.example", "%2Fa%0D%0ASet-Cookie%3A+x"}) {
        const auto signed_in =
            ita::test::post_login(*m_client, std::string("user=nation&password=correct+horse+battery&next=") + elsewhere);
        ASSERT_EQ(signed_in->status, 303) << elsewhere;
        EXPECT_EQ(signed_in->get_header_value("Location"), "/me") << elsewhere;
    }
}
