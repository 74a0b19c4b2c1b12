// `ita check-urls` as an agency's working group runs it before the OIT window closes: the
// addresses it entered, served here on 127.0.0.1 by the test, checked, explained and kept.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <ita/storage/store.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace {

ita::test::Outcome run_ita(const std::string& arguments) { return ita::test::run_ita(arguments, false); }

class CheckUrlsCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_server.Get("/o1", [this](const httplib::Request&, httplib::Response& response) {
            response.set_content("<html><body><h1>" + m_structure +
                                     "</h1><p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>",
                                 "text/html; charset=utf-8");
        });
        m_server.Get("/o10", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(
                "<html><body>แผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2563<p>เผยแพร่เพื่อให้ประชาชนทราบโดยทั่วกัน รายละเอียดตามเอกสารแนบท้ายนี้</p></body></html>",
                "text/html; charset=utf-8");
        });
        m_server.Get("/old-o7", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/o7", 301); });
        m_server.Get("/o7", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("<html><body>ยินดีต้อนรับ 2565<p>เผยแพร่เพื่อให้ประชาชนทราบโดยทั่วกัน รายละเอียดตามเอกสารแนบท้ายนี้</p></body></html>",
                                 "text/html; charset=utf-8");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

        m_db = m_files.path("ita.db");
        const auto agencies = m_files.write("agencies.csv", "agency_id,name,type,province\nT1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\n");
        const std::string base = "http://127.0.0.1:" + std::to_string(m_port);
        const auto oit = m_files.write("oit.csv",
                                       "agency_id,item,present,url,note\n"
                                       "T1,O1,yes," +
                                           base +
                                           "/o1,\n"
                                           "T1,O7,yes," +
                                           base +
                                           "/old-o7,\n"
                                           "T1,O10,yes," +
                                           base +
                                           "/o10,\n"
                                           "T1,O12,yes," +
                                           base +
                                           "/gone,\n"
                                           "T1,O2,no,,\n");
        ASSERT_EQ(run_ita("import --db " + m_db + " agencies " + agencies).exit_code, 0);
        ASSERT_EQ(run_ita("import --db " + m_db + " --year 2565 oit " + oit).exit_code, 0);
    }
    void TearDown() override {
        m_server.stop();
        m_thread.join();
    }

    nlohmann::json check(const std::string& extra = "") {
        const auto outcome =
            run_ita("check-urls --db " + m_db + " --year 2565 --format json --allow-private-addresses --timeout 5 " + extra);
        EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
        return nlohmann::json::parse(outcome.output);
    }

    static const nlohmann::json& item(const nlohmann::json& report, const std::string& code) {
        for (const auto& entry : report["items"])
            if (entry["item"] == code) return entry;
        throw std::runtime_error("no item " + code);
    }

    ita::test::TempDir m_files;
    std::string m_db;
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::string m_structure = "แผนผังโครงสร้างหน่วยงาน";
};

}  // namespace

TEST_F(CheckUrlsCli, EachEnteredAddressGetsItsReadinessAndReason) {
    const auto report = check();
    ASSERT_EQ(report["items"].size(), 4u) << report.dump(2);  // O2 has no evidence: nothing to fetch
    const auto& o1 = item(report, "O1");
    EXPECT_EQ(o1["agency_id"], "T1");
    EXPECT_EQ(o1["status"], "ok");
    EXPECT_EQ(o1["http_status"], 200);
    EXPECT_EQ(o1["reason"], "");
    EXPECT_EQ(o1["snapshot_sha256"].get<std::string>().size(), 64u);

    const auto& o7 = item(report, "O7");  // moved, and no longer about news
    EXPECT_EQ(o7["status"], "suspicious");
    EXPECT_EQ(o7["final_url"], "http://127.0.0.1:" + std::to_string(m_port) + "/o7");
    EXPECT_EQ(o7["redirects"].at(0)["http_status"], 301);
    EXPECT_EQ(o7["reason_codes"], nlohmann::json::array({"keywords_missing"}));

    const auto& o10 = item(report, "O10");
    EXPECT_EQ(o10["status"], "stale");
    EXPECT_NE(o10["reason"].get<std::string>().find("2563"), std::string::npos) << o10.dump();

    const auto& o12 = item(report, "O12");
    EXPECT_EQ(o12["status"], "broken");
    EXPECT_EQ(o12["http_status"], 404);
}

TEST_F(CheckUrlsCli, EveryCheckIsKeptWithTheBytesOfTheNewestAndOfTheDeadline) {
    const auto first = check("--agency T1 --item O1");
    ASSERT_EQ(first["items"].size(), 1u);
    const std::string before = item(first, "O1")["snapshot_sha256"];
    auto store = ita::storage::open_store(m_db);
    ASSERT_TRUE(store);
    const auto kept = (*store)->evidence_snapshot("T1", before);
    ASSERT_TRUE(kept) << kept.error().to_string();
    EXPECT_NE(kept->body.find("แผนผังโครงสร้างหน่วยงาน"), std::string::npos);  // the page as fetched

    m_structure = "หน้านี้ถูกแก้แล้ว";  // the agency changes its page afterwards
    const auto second = check("--agency T1 --item O1");
    EXPECT_EQ(item(second, "O1")["status"], "suspicious");
    const std::string after = item(second, "O1")["snapshot_sha256"];
    EXPECT_NE(after, before);
    const auto history = (*store)->url_check_history(2565, "T1", "O1");
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);  // every check stays
    // No OIT window closes in this year's calendar, so no check is the deadline's: only the
    // newest keeps its bytes (with a calendar, the last check by the closing day keeps them too).
    EXPECT_EQ(history->at(1).snapshot, "");
    EXPECT_EQ((*store)->evidence_snapshot("T1", before).error().code, ita::ErrorCode::not_found);
    EXPECT_TRUE((*store)->evidence_snapshot("T1", after));
}

TEST_F(CheckUrlsCli, TheTableForPeopleCountsEachReadiness) {
    const auto outcome = run_ita("check-urls --db " + m_db + " --year 2565 --allow-private-addresses");
    ASSERT_EQ(outcome.exit_code, 0);
    EXPECT_NE(outcome.output.find("ตรวจ 4 ที่อยู่: พร้อม 1, ควรตรวจสอบ 1, ข้อมูลไม่เป็นปัจจุบัน 1, เปิดไม่ได้ 1"), std::string::npos) << outcome.output;
    EXPECT_NE(outcome.output.find("เปิดไม่ได้: ไม่พบหน้านี้ (404)"), std::string::npos);
}

TEST_F(CheckUrlsCli, WithoutPermissionLoopbackIsRefusedAndAnUnknownAgencyIsAnError) {
    const auto outcome = run_ita("check-urls --db " + m_db + " --year 2565 --format json --item O1");
    ASSERT_EQ(outcome.exit_code, 0);
    EXPECT_EQ(nlohmann::json::parse(outcome.output)["items"][0]["reason_codes"], nlohmann::json::array({"refused_address"}));
    EXPECT_EQ(run_ita("check-urls --db " + m_db + " --year 2565 --agency NOPE").exit_code, 2);
}

TEST_F(CheckUrlsCli, TheReadinessMonitorSaysWhatFallsDueAndHowReadyItIs) {
    check();  // the addresses checked once
    const auto outcome = run_ita("check-urls --db " + m_db + " --year 2565 --due --agency T1 --today 2022-05-15 --format json");
    ASSERT_EQ(outcome.exit_code, 0) << outcome.output;
    const auto report = nlohmann::json::parse(outcome.output);
    EXPECT_EQ(report["today"], "2022-05-15");
    const auto row = [&](const std::string& code, const std::string& covers = "") -> nlohmann::json {
        for (const auto& entry : report["due"])
            if (entry["item"] == code && (covers.empty() || entry["covers"] == covers)) return entry;
        return nullptr;
    };
    EXPECT_TRUE(row("O1").is_null());          // standing information falls due on no day
    EXPECT_EQ(row("O10")["status"], "stale");  // due since the year's first day, and last year's plan
    EXPECT_EQ(row("O10")["due_on"], "2021-10-01");
    EXPECT_EQ(row("O12")["status"], "broken");
    const auto april = row("O23", "สรุปผลเดือนเมษายน 2565");
    ASSERT_FALSE(april.is_null()) << report.dump(2);
    EXPECT_EQ(april["entered"], false);
    EXPECT_EQ(april["due_on"], "2022-05-01");
    EXPECT_EQ(row("O23", "สรุปผลเดือนพฤษภาคม 2565")["days"], 17);                         // the next one, on 1 June
    EXPECT_EQ(run_ita("check-urls --db " + m_db + " --year 2565 --due").exit_code, 2);  // whose?
}

// An item may be given several addresses, separated by spaces: each is checked and named by its
// item and position; an item marked absent keeps its address but it is not checked.
TEST_F(CheckUrlsCli, EveryAddressOfAnItemIsCheckedAndAnAbsentItemsAddressIsNot) {
    const std::string base = "http://127.0.0.1:" + std::to_string(m_port);
    const auto oit = m_files.write("oit-more.csv",
                                   "agency_id,item,present,url,note\n"
                                   "T1,O1,yes,\"" +
                                       base + "/o1 " + base +
                                       "/o10\",\n"
                                       "T1,O2,no," +
                                       base + "/o1,\n");
    const auto imported = ita::test::run_ita("import --db " + m_db + " --year 2565 oit " + oit + " --replace");
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("those of items marked absent are kept, not checked"), std::string::npos);
    const auto report = check("--agency T1");
    std::vector<std::pair<std::string, int>> seen;
    for (const auto& entry : report["items"]) seen.emplace_back(entry["item"], entry["address"]);
    EXPECT_EQ(std::count(seen.begin(), seen.end(), std::pair<std::string, int>{"O1", 1}), 1) << report.dump(1);
    EXPECT_EQ(std::count(seen.begin(), seen.end(), std::pair<std::string, int>{"O1", 2}), 1) << report.dump(1);
    EXPECT_EQ(std::count_if(seen.begin(), seen.end(), [](const auto& pair) { return pair.first == "O2"; }), 0) << "absent: not checked";
    for (const auto& entry : report["items"])
        if (entry["item"] == "O1" && entry["address"] == 2) EXPECT_EQ(entry["url"], base + "/o10");
    // The same file again is the same data: nothing changes.
    const auto again = ita::test::run_ita("import --db " + m_db + " --year 2565 oit " + oit);
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("0 changed"), std::string::npos) << again.output;
}
