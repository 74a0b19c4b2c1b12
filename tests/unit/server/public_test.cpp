// The public side against a real `ita serve`: nothing shows before publication; a publication
// made by another process (the CLI) reaches the pages; ranks, ties and "cannot be told apart"
// marks; ETag and 304; the Thai-tolerant search; open data equal to `ita rank`; the badge.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace {

using ita::test::output_of;
using ita::test::run;
using ita::test::ServerTest;

// A1 is seed 002 (83.94, เทศบาลเมือง). In เทศบาลตำบล: A2 and A3 tie at 90, A4 has 70. A5 is an
// อบต. at 95. Every indicator of A2–A5 is its overall, so the overall is exact.
void add_season(const std::string& db, ita::test::TempDir& files) {
    ASSERT_EQ(run("import --db " + db + " agencies " +
                  files.write("more_agencies.csv",
                              "agency_id,name,type,province\n"
                              "A2,เทศบาลตำบลน้ำพอง,เทศบาลตำบล,ขอนแก่น\n"
                              "A3,เทศบาลตำบลกำแพงแสน,เทศบาลตำบล,นครปฐม\n"
                              "A4,เทศบาลตำบลบ้านฝาง,เทศบาลตำบล,ขอนแก่น\n"
                              "A5,องค์การบริหารส่วนตำบลหนองบัว,องค์การบริหารส่วนตำบล,อุดรธานี\n")),
              0);
    std::string published = "agency_id,level,code,score\n";
    for (const auto& [agency, score] : {std::pair{"A2", "90"}, {"A3", "90"}, {"A4", "70"}, {"A5", "95"}})
        for (int indicator = 1; indicator <= 10; ++indicator)
            published += std::string(agency) + ",indicator," + std::to_string(indicator) + "," + score + "\n";
    ASSERT_EQ(run("import --db " + db + " --year 2565 published " + files.write("more_published.csv", published)), 0);
}

// Asks until the page holds `text` (the server checks for publications every 250 ms).
httplib::Result get_until(httplib::Client& client, const std::string& path, const std::string& text) {
    for (int attempt = 0;; ++attempt) {
        auto response = client.Get(path);
        if (attempt == 60 || (response && response->body.find(text) != std::string::npos)) return response;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string encoded(const std::string& text) { return httplib::detail::encode_query_param(text); }

// A generated nation's 2565 (`ita gen`) imported into `db` and published; the files stay in `folder`.
void publish_generated_nation(const std::string& db, const std::string& folder, int agencies, int seed) {
    ASSERT_EQ(run("gen --agencies " + std::to_string(agencies) + " --seed " + std::to_string(seed) + " --year 2565 --out " + folder), 0);
    ASSERT_EQ(run("import --db " + db + " agencies " + folder + "/agencies.csv"), 0);
    ASSERT_EQ(run("import --db " + db + " --year 2565 responses " + folder + "/responses_iit.csv " + folder + "/responses_eit.csv"), 0);
    ASSERT_EQ(run("import --db " + db + " --year 2565 oit " + folder + "/oit.csv"), 0);
    ASSERT_EQ(run("publish --db " + db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
}

// The season before anybody ran `ita publish`.
class UnpublishedServer : public ServerTest {
protected:
    [[nodiscard]] bool published() const override { return false; }
};

}  // namespace

TEST_F(UnpublishedServer, NothingIsPublicUntilPublished) {
    auto national = m_client->Get("/national");
    ASSERT_TRUE(national);
    EXPECT_EQ(national->status, 200);
    EXPECT_NE(national->body.find("ยังไม่มีผลการประเมินที่เผยแพร่"), std::string::npos);
    auto agency = m_client->Get("/agency/A1");
    EXPECT_EQ(agency->status, 200);
    EXPECT_NE(agency->body.find("ยังไม่มีผลการประเมินที่เผยแพร่"), std::string::npos);
    EXPECT_EQ(agency->body.find("83.94"), std::string::npos);  // scored, not published
    EXPECT_EQ(m_client->Get("/data/2565/scores.csv")->status, 404);
    EXPECT_EQ(m_client->Get("/agency/NOBODY")->status, 404);
    EXPECT_EQ(m_client->Get("/")->get_header_value("Location"), "/national");
}

TEST_F(UnpublishedServer, APublicationByAnotherProcessReachesThePages) {
    add_season(m_db, m_files);
    ASSERT_EQ(m_client->Get("/national")->body.find("ปีงบประมาณ พ.ศ. 2565"), std::string::npos);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
    auto national = get_until(*m_client, "/national", "ปีงบประมาณ พ.ศ. 2565");
    ASSERT_TRUE(national);
    EXPECT_NE(national->body.find("ปีงบประมาณ พ.ศ. 2565"), std::string::npos);
    EXPECT_NE(national->body.find("<strong>5</strong>จาก 5 หน่วยงาน"), std::string::npos);
    EXPECT_NE(national->body.find("<strong>ร้อยละ 60.00</strong>3 หน่วยงาน"), std::string::npos);  // A2, A3, A5 pass
    EXPECT_NE(national->body.find("<strong>85.79</strong>"), std::string::npos);                 // (83.9382 + 90 + 90 + 70 + 95) / 5

    // Ranks in type, the tie, and the ranks that cannot be told apart.
    const auto a2 = m_client->Get("/agency/A2");
    EXPECT_NE(a2->body.find("ลำดับที่ 1 จาก 3 เทศบาลตำบล"), std::string::npos);
    EXPECT_NE(a2->body.find("class=\"badge same\""), std::string::npos);                               // A3, the same 90
    EXPECT_NE(m_client->Get("/agency/A3")->body.find("ลำดับที่ 1 จาก 3 เทศบาลตำบล"), std::string::npos);  // the tie shares rank 1
    EXPECT_EQ(a2->body.find("ลำดับนี้แยกไม่ออกทางสถิติ"), std::string::npos);                                // no other rank to be confused with
    const auto a4 = m_client->Get("/agency/A4");
    EXPECT_NE(a4->body.find("ลำดับที่ 3 จาก 3 เทศบาลตำบล"), std::string::npos);
    EXPECT_EQ(a4->body.find("class=\"badge same\""), std::string::npos);
    const auto a1 = m_client->Get("/agency/A1?year=2565");
    EXPECT_EQ(a1->status, 200);
    EXPECT_NE(a1->body.find("83.94"), std::string::npos);
    EXPECT_NE(a1->body.find("ลำดับที่ 1 จาก 1 เทศบาลเมือง"), std::string::npos);
    for (const char* score : {"88.35", "81.51", "86.43", "81.99", "77.69", "78.31", "79.46", "78.41", "83.06", "93.75"})
        EXPECT_NE(a1->body.find(score), std::string::npos) << score;
    EXPECT_NE(a1->body.find("<title>2565: 83.94</title>"), std::string::npos);  // the history chart's tooltip
    EXPECT_NE(a1->body.find("<a href=\"/agency/A1?year=2565\" aria-label=\"2565: 83.94\"><rect"), std::string::npos);  // and its link
    EXPECT_EQ(m_client->Get("/agency/A1?year=2564")->status, 404);
    EXPECT_EQ(m_client->Get("/agency/A1?year=abc")->status, 404);
}

TEST_F(UnpublishedServer, UnpublishedResultsAreForThoseWhoWorkOnThem) {
    using ita::test::add_user;
    using ita::test::sign_in;
    add_season(m_db, m_files);
    // Signed out: the sign-in page for the report, 401 from the API.
    const auto report = m_client->Get("/agency/A1/report.html?year=2565");
    EXPECT_EQ(report->status, 303);
    EXPECT_EQ(report->get_header_value("Location"), "/login?next=/agency/A1/report.html?year=2565");  // decoded by cpp-httplib
    EXPECT_EQ(m_client->Get("/api/v1/agencies/A1/scores?year=2565")->status, 401);
    // The agency's own working group, auditors and national admins; not another agency's group.
    ASSERT_EQ(add_user(m_db, "own", "agency_admin --agency A1"), 0);
    ASSERT_EQ(add_user(m_db, "other", "agency_admin --agency A2"), 0);
    ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
    for (const auto& [user, status] : {std::pair{"own", 200}, {"other", 403}, {"audit", 200}}) {
        const auto [cookie, csrf] = sign_in(*m_client, user);
        EXPECT_EQ(m_client->Get("/agency/A1/report.html?year=2565", cookie)->status, status) << user;
    }
    // Published: anyone.
    ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
    EXPECT_EQ(m_client->Get("/agency/A1/report.html?year=2565")->status, 200);
    EXPECT_EQ(m_client->Get("/api/v1/agencies/A1/scores?year=2565")->status, 200);
}

TEST_F(ServerTest, PublicPagesRevalidateWithTheirETag) {
    add_season(m_db, m_files);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
    const auto first = get_until(*m_client, "/agency/A1", "83.94");
    const std::string etag = first->get_header_value("ETag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first->get_header_value("Cache-Control"), "public, max-age=60");
    const auto again = m_client->Get("/agency/A1", {{"If-None-Match", etag}});
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());
    EXPECT_EQ(m_client->Get("/agency/A1", {{"If-None-Match", "\"other\""}})->status, 200);

    // A measure of the agency is a change of what its page shows: a new tag.
    ASSERT_EQ(run("measures draft --db " + m_db + " --year 2566 --agency A1"), 0);
    std::string changed;
    for (int attempt = 0; attempt < 60 && (changed.empty() || changed == etag); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        changed = m_client->Get("/agency/A1")->get_header_value("ETag");
    }
    EXPECT_NE(changed, etag);
    EXPECT_EQ(m_client->Get("/agency/A1", {{"If-None-Match", etag}})->status, 200);
    // Drafts are the working group's; an adopted measure and its progress are public.
    EXPECT_NE(m_client->Get("/agency/A1")->body.find("ยังไม่ได้เผยแพร่มาตรการที่ตอบผลปี 2565"), std::string::npos);
    ASSERT_EQ(run("measures update --db " + m_db + " --year 2566 --agency A1 --id 1 --status active --title โครงการเปิดเผยงบประมาณ"), 0);
    ASSERT_EQ(run("measures progress --db " + m_db + " --id 1 --date 2022-12-01 --percent 40 --text จัดทำแผนแล้ว"), 0);
    const auto adopted = get_until(*m_client, "/agency/A1", "ความคืบหน้า 40%");
    EXPECT_NE(adopted->body.find("โครงการเปิดเผยงบประมาณ"), std::string::npos);
    EXPECT_NE(adopted->body.find("1 ธ.ค. 2565: 40% จัดทำแผนแล้ว"), std::string::npos);
}

TEST_F(ServerTest, SearchForgivesHowThaiWasTyped) {
    add_season(m_db, m_files);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
    // น้ำพอง with the sara am decomposed (ํ + า) and the tone mark before the nikhahit.
    auto found = get_until(*m_client, "/search?q=" + encoded("น\u0E49\u0E4D\u0E32 พอง"), "A2");
    EXPECT_NE(found->body.find("href=\"/agency/A2\""), std::string::npos);
    EXPECT_EQ(found->body.find("href=\"/agency/A3\""), std::string::npos);
    EXPECT_NE(found->body.find("พบ 1 หน่วยงาน"), std::string::npos);
    // A province finds its agencies; a leading vowel typed after its consonant still finds.
    const auto province = m_client->Get("/search?q=" + encoded("ขอนแก่น"));
    EXPECT_NE(province->body.find("พบ 2 หน่วยงาน"), std::string::npos);
    const auto misordered = m_client->Get("/search?q=" + encoded("ทเศบาลตำบล กำแพง"));
    EXPECT_NE(misordered->body.find("href=\"/agency/A3\""), std::string::npos);
    EXPECT_NE(m_client->Get("/search?q=" + encoded("ไม่มีชื่อนี้"))->body.find("พบ 0 หน่วยงาน"), std::string::npos);
}

TEST_F(ServerTest, OpenDataEqualsTheRankingAndIsStreamed) {
    add_season(m_db, m_files);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\""), 0);
    auto csv = get_until(*m_client, "/data/2565/scores.csv", "A2");
    ASSERT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv->get_header_value("Transfer-Encoding"), "chunked");
    EXPECT_TRUE(csv->body.starts_with("\xEF\xBB\xBF"));
    const std::string rank_csv = output_of(std::string(ITA_BINARY) + " rank --db " + m_db + " --year 2565 --format csv");
    EXPECT_EQ(csv->body.substr(3), rank_csv);
    const std::string rank_json = output_of(std::string(ITA_BINARY) + " rank --db " + m_db + " --year 2565 --format json");
    EXPECT_EQ(m_client->Get("/data/2565/scores.json")->body, rank_json);
    const auto etag = csv->get_header_value("ETag");
    EXPECT_EQ(m_client->Get("/data/2565/scores.csv", {{"If-None-Match", etag}})->status, 304);

    const auto xlsx = m_client->Get("/data/2565/scores.xlsx");
    ASSERT_EQ(xlsx->status, 200);
    const std::string path = m_files.write("scores.xlsx", xlsx->body);
    const std::string sheet = output_of("unzip -p " + path + " xl/worksheets/sheet1.xml");
    for (const char* id : {"A1", "A2", "A3", "A4", "A5"}) EXPECT_NE(sheet.find(std::string(">") + id + "<"), std::string::npos) << id;

    const auto agency_csv = m_client->Get("/data/2565/agencies/A1.csv");
    EXPECT_NE(agency_csv->body.find("A1,indicator,5,77.69\n"), std::string::npos);
    EXPECT_NE(agency_csv->body.find("A1,overall,overall,83.938"), std::string::npos);
    const auto agency_json = nlohmann::json::parse(m_client->Get("/data/2565/agencies/A1.json")->body);
    EXPECT_NEAR(agency_json.at("overall").get<double>(), 83.94, 0.005);
    EXPECT_EQ(agency_json.at("rating"), "B");
    EXPECT_EQ(m_client->Get("/data/2565/agencies/NOBODY.json")->status, 404);
    EXPECT_EQ(m_client->Get("/data/2565/other.csv")->status, 404);
    EXPECT_EQ(m_client->Get("/data/2564/scores.csv")->status, 404);

    const auto badge = m_client->Get("/agency/A1/badge.svg");
    EXPECT_EQ(badge->get_header_value("Content-Type"), "image/svg+xml");
    EXPECT_NE(badge->body.find("ITA 2565"), std::string::npos);
    EXPECT_NE(badge->body.find("83.94 ไม่ผ่าน"), std::string::npos);
}

// Every agency of a generated nation has a page whose score, verdict and rank are those of
// `ita rank` over the same published year (300 agencies here; bench/public walks all 8,317).
TEST(PublicNation, EveryAgencyHasACorrectPage) {
    ita::test::TempDir files;
    const std::string db = files.path("nation.db"), nation = files.path("nation");
    publish_generated_nation(db, nation, 300, 7);
    const auto ranking = nlohmann::json::parse(output_of(std::string(ITA_BINARY) + " rank --db " + db + " --year 2565 --format json"));
    ita::test::ServedProcess served(db, "");
    ASSERT_TRUE(served.client->Get("/healthz"));
    std::size_t checked = 0, withheld = 0;
    for (const auto& agency : ranking.at("agencies")) {
        const std::string id = agency.at("agency_id");
        const auto page = served.client->Get("/agency/" + id);
        ASSERT_TRUE(page) << id;
        ASSERT_EQ(page->status, 200) << id;
        std::string overall = "—";
        if (!agency.at("overall").is_null()) {
            char text[32];
            const double value = agency.at("overall").get<double>();
            std::snprintf(text, sizeof text, "%.2f", std::round(value * 100 + 1e-9) / 100);
            overall = text;
        }
        EXPECT_NE(page->body.find("<p id=\"overall\" class=\"score\">" + overall + " "), std::string::npos) << id << " " << overall;
        const std::string verdict = agency.at("verdict").is_null() ? "—" : agency.at("verdict").get<std::string>();  // withheld: —
        EXPECT_NE(page->body.find("ระดับ " + verdict + " "), std::string::npos) << id;
        const std::string rank = agency.at("rank").is_null()
                                     ? "ยังไม่จัดลำดับ"
                                     : "ลำดับที่ " + std::to_string(agency.at("rank").get<int>()) + " จาก " +
                                           std::to_string(agency.at("of").get<int>()) + " " + agency.at("type").get<std::string>();
        EXPECT_NE(page->body.find(rank), std::string::npos) << id << " " << rank;
        withheld += agency.at("verdict").is_null() ? 1 : 0;
        ++checked;
    }
    EXPECT_EQ(checked, 300u);
    EXPECT_LT(withheld, 300u);
}

// An agency's report of a published year takes its rank from the publication (scoring only the
// agency); once the stored data no longer give the published overall, the season is scored.
TEST(PublishedReport, RankFromThePublicationUntilTheDataChange) {
    ita::test::TempDir files;
    const std::string db = files.path("nation.db"), nation = files.path("nation");
    publish_generated_nation(db, nation, 60, 3);
    const auto rank_of = [&](const std::string& agency) {
        const auto ranking = nlohmann::json::parse(output_of(std::string(ITA_BINARY) + " rank --db " + db + " --year 2565 --format json"));
        for (const auto& entry : ranking.at("agencies"))
            if (entry.at("agency_id") == agency)
                return "ลำดับที่ " + std::to_string(entry.at("rank").get<int>()) + " จาก " + std::to_string(entry.at("of").get<int>());
        return std::string("none");
    };
    const auto overall_of = [&](const std::string& agency) {
        const auto scored = nlohmann::json::parse(
            output_of(std::string(ITA_BINARY) + " score --db " + db + " --year 2565 --agency " + agency + " --format json"));
        return scored.at("agencies").at(0).at("overall").get<double>();
    };
    const auto report_of = [&](const std::string& agency) {
        const std::string out = files.path("report-" + agency + ".html");
        EXPECT_EQ(run("report --db " + db + " --year 2565 --agency " + agency + " --format html --out " + out), 0);
        return output_of("cat " + out);
    };
    const std::string published_rank = rank_of("A00001");
    EXPECT_NE(report_of("A00001").find(published_rank), std::string::npos) << published_rank;

    // After publication an auditor's verdicts change: none of A00001's OIT evidence stands.
    const std::string verdicts = output_of("grep '^A00001,' " + nation + "/oit.csv | sed 's/,yes,/,no,/'");
    ASSERT_FALSE(verdicts.empty());
    const auto overall_before = overall_of("A00001");
    ASSERT_EQ(
        run("import --db " + db + " --year 2565 --replace oit " + files.write("late.csv", "agency_id,item,present,url,note\n" + verdicts)),
        0);
    EXPECT_LT(overall_of("A00001"), overall_before - 10);  // the publication no longer matches
    const std::string live_rank = rank_of("A00001");       // `ita rank` scores what is stored now
    EXPECT_NE(live_rank, published_rank);                  // else this test could not tell the two paths apart
    EXPECT_NE(report_of("A00001").find(live_rank), std::string::npos) << live_rank;
}

TEST_F(ServerTest, TheLibraryOfMeasuresThatWorkedIsPublic) {
    // A1's 2564 result, then a measure adopted for 2565 against indicator 5; 2565 is published.
    ASSERT_EQ(run("import --db " + m_db + " --year 2564 published " +
                  m_files.write("p64.csv", "agency_id,level,code,score\nA1,indicator,5,40\nA1,indicator,6,90\n")),
              0);
    ASSERT_EQ(run("publish --db " + m_db + " --year 2564"), 0);
    ASSERT_EQ(
        run("measures add --db " + m_db +
            " --year 2565 --agency A1 --title Briefing --target indicator:5 --responsible R --start 2021-10-01 --end 2022-09-30 --status active"),
        0);
    std::string body;
    for (int attempt = 0; attempt < 40; ++attempt) {  // the public cache notices the new measure within 250 ms
        const auto page = m_client->Get("/measures/library?year=2565");
        ASSERT_EQ(page->status, 200) << page->body;
        body = page->body;
        if (body.find("Briefing") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(body.find("เทศบาลเมือง — ตัวชี้วัดที่ 5"), std::string::npos) << body;
    EXPECT_NE(body.find("ได้ผล 1 จาก 1 ที่มีผลแล้ว"), std::string::npos);
    EXPECT_NE(body.find("Briefing — <a href=\"/agency/A1?year=2565\">"), std::string::npos);
    EXPECT_EQ(m_client->Get("/measures/library?year=2564")->status, 404);  // nothing published before 2564
    EXPECT_EQ(m_client->Get("/measures/library?year=abc")->status, 400);
}
