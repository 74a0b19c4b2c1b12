// `ita serve` as a real process on loopback, spoken to with an HTTP client (cpp-httplib).
#include "../../support/pg_cluster.hpp"
#include "../../support/ports.hpp"
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

namespace {

using ita::test::free_port;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

}  // namespace

TEST_F(ServerTest, HealthAndScoresAsJson) {
    const auto health = m_client->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_TRUE(health->body.starts_with("ok\n")) << health->body;
    const auto scores = m_client->Get("/api/v1/agencies/A1/scores?year=2565");
    ASSERT_TRUE(scores);
    EXPECT_EQ(scores->status, 200);
    EXPECT_EQ(scores->get_header_value("Content-Type"), "application/json");
    EXPECT_TRUE(scores->body.starts_with(R"({"agency_id":"A1","overall":83.93)")) << scores->body;
    EXPECT_NE(scores->body.find(R"("rating":"B","pass":false)"), std::string::npos);
}

TEST_F(ServerTest, ReportDownloads) {
    const auto pdf = m_client->Get("/agency/A1/report.pdf?year=2565");
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf->status, 200);
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_TRUE(pdf->body.starts_with("%PDF-"));
    EXPECT_EQ(pdf->get_header_value("Content-Disposition"), "attachment; filename=\"ita-2565-A1.pdf\"");
    const auto docx = m_client->Get("/agency/A1/report.docx?year=2565");
    ASSERT_TRUE(docx);
    EXPECT_TRUE(docx->body.starts_with("PK"));  // a zip
    const auto html = m_client->Get("/agency/A1/report.html?year=2565");
    ASSERT_TRUE(html);
    EXPECT_NE(html->body.find("83.94"), std::string::npos);
    // The download form's options: Thai digits, the signers; a draft only for the working group.
    const auto thai = m_client->Get(
        "/agency/A1/report.html?year=2565&thai_digits=1&approver_name=%E0%B8%99%E0%B8%B2%E0%B8%87%E0%B9%80%E0%B8%99%E0%B8%95%E0%B8%A3%E0%B8%97%E0%B8%A3%E0%B8%B2%E0%B8%A2");
    ASSERT_TRUE(thai);
    EXPECT_NE(thai->body.find("๘๓.๙๔"), std::string::npos);
    EXPECT_NE(thai->body.find("นางเนตรทราย"), std::string::npos);
    EXPECT_EQ(m_client->Get("/agency/A1/report.pdf?year=2565&reporter_name=a%0Ab")->status, 400);  // one line only
    EXPECT_EQ(m_client->Get("/agency/A1/report.pdf?year=2565&draft=1")->status, 303);              // sign in first
}

TEST_F(ServerTest, WhatDoesNotDecodeIsRefusedAtTheDoor) {
    // A malformed escape, and escapes that decode to bytes that are not UTF-8: 400 before any
    // route sees them (they once became bytes, stored, and a lasting 500 on the pages showing them).
    EXPECT_EQ(m_client->Get("/agency/%ZZ")->status, 400);
    EXPECT_EQ(m_client->Get("/agency/A1?year=%FF")->status, 400);
    const auto form = m_client->Post("/login", "user=%E0%B8&password=x", "application/x-www-form-urlencoded");
    EXPECT_EQ(form->status, 400);
    EXPECT_NE(form->body.find("not valid percent-encoded UTF-8"), std::string::npos) << form->body;
    EXPECT_EQ(m_client->Get("/agency/A1")->status, 200);  // what does decode still works
}

TEST_F(ServerTest, ErrorsAreTypedJson) {
    const auto missing = m_client->Get("/no/such/page");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body,
              R"({"error":{"status":404,"code":"not_found","message":"no such page: /no/such/page","message_th":"ไม่พบสิ่งที่ขอ"}})"
              "\n");
    const auto unknown = m_client->Get("/api/v1/agencies/ZZ/scores?year=2565");
    EXPECT_EQ(unknown->status, 404);
    // A browser never sees raw JSON outside the API: the same error as a Thai page naming the
    // stable code; the API answers JSON to a browser too.
    const httplib::Headers html{{"Accept", "text/html,application/xhtml+xml"}};
    const auto error_page = m_client->Get("/data/2599/scores.csv", html);
    EXPECT_EQ(error_page->status, 404);
    EXPECT_EQ(error_page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(error_page->body.find("ไม่พบสิ่งที่ขอ"), std::string::npos);
    EXPECT_NE(error_page->body.find("not_found"), std::string::npos);
    EXPECT_NE(m_client->Get("/data/2599/scores.csv")->body.find(R"("code":"not_found")"), std::string::npos);
    EXPECT_NE(m_client->Get("/api/v1/agencies/ZZ/scores?year=2565", html)->body.find(R"("message_th":)"), std::string::npos);
    const auto no_year = m_client->Get("/api/v1/agencies/A1/scores");
    EXPECT_EQ(no_year->status, 400);
    const auto unpublished = m_client->Get("/api/v1/agencies/A1/scores?year=2566");
    EXPECT_EQ(unpublished->status, 401);  // an unpublished year is for signed-in users only (it has no data either)
    // A browser gets a Thai page instead (it asks for text/html); the API always JSON.
    const httplib::Headers browser{{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    const auto page = m_client->Get("/no/such/page", browser);
    EXPECT_EQ(page->status, 404);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(page->body.find("ไม่พบหน้านี้"), std::string::npos);
    EXPECT_EQ(m_client->Get("/api/v1/nothing", browser)->get_header_value("Content-Type"), "application/json");
    const auto wrong_method = m_client->Post("/healthz", "x", "text/plain");
    EXPECT_EQ(wrong_method->status, 405);
    const auto too_large = m_client->Post("/healthz", std::string(2 << 20, 'x'), "text/plain");
    ASSERT_TRUE(too_large);
    EXPECT_EQ(too_large->status, 413);
}

TEST_F(ServerTest, SighupDoesNotStopTheServer) {
    ::kill(m_pid, SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto health = m_client->Get("/healthz");
    ASSERT_TRUE(health) << "SIGHUP stopped the server";
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(stop(), 0);
}

TEST(GracefulStop, ARequestInFlightAtSigtermIsAnswered) {
    // The server holds one /healthz request (a test hook) until the test lets it go: SIGTERM is
    // sent while it is surely in flight; new requests then get 503, the held one its answer.
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(
        run("import --db " + db + " agencies " + files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลเมือง,ขอนแก่น\n")), 0);
    const std::string marker = files.path("held");
    const int port = free_port();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("ITA_TEST_HOLD_HEALTHZ", marker.c_str(), 1);
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        ::execl(ITA_BINARY, ITA_BINARY, "serve", "--db", db.c_str(), "--listen", listen.c_str(), "--threads", "2", "--no-evidence-check",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    httplib::Client probe("127.0.0.1", port);
    for (int attempt = 0; attempt < 100 && !probe.Get("/login"); ++attempt) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::thread held([&] {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(20, 0);
        const auto health = client.Get("/healthz");
        EXPECT_TRUE(health && health->status == 200 && health->body.starts_with("ok\n"));
    });
    for (int attempt = 0; attempt < 500 && !std::filesystem::exists(marker); ++attempt)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(std::filesystem::exists(marker)) << "the request never reached the server";
    ::kill(pid, SIGTERM);
    // Stopping: a new request is turned away (nginx retries it on the other process).
    httplib::Client late("127.0.0.1", port);
    int late_status = 0;
    for (int attempt = 0; attempt < 100 && late_status != 503; ++attempt) {
        if (const auto response = late.Get("/login"))
            late_status = response->status;
        else
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(late_status, 503);
    std::filesystem::remove(marker);
    held.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

namespace {

std::string first_line_of(const std::string& command) {
    const auto output = ita::test::output_of(command);
    return output.substr(0, output.find('\n'));
}

// Every IIT sub-item of 2565 answered: "4" for four-level items, "no" for yes/no ones.
std::string full_answers() {
    std::string body;
    const char* yes_no[] = {"I4.1", "I4.2", "I4.3", "I5.1", "I5.2", "I5.3", "I6.1", "I6.2", "I6.3", "I26.1", "I26.2"};
    const char* scale[] = {"I1.1", "I1.2",  "I2",    "I3.1",  "I3.2",  "I3.3",  "I7",    "I8.1",  "I8.2",  "I9",
                           "I10",  "I11.1", "I11.2", "I12.1", "I12.2", "I12.3", "I13",   "I14",   "I15",   "I16",
                           "I17",  "I18.1", "I18.2", "I18.3", "I19",   "I20",   "I21",   "I22",   "I23",   "I24",
                           "I25",  "I27",   "I28.1", "I28.2", "I28.3", "I29",   "I30.1", "I30.2", "I30.3", "I30.4"};
    for (const char* code : yes_no) body += std::string(body.empty() ? "" : "&") + code + "=no";
    for (const char* code : scale) body += std::string("&") + code + "=4";
    return body;
}

}  // namespace

TEST_F(ServerTest, StaffSurveyWithAOneTimeCode) {
    const std::string code = first_line_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2565 --agency A1 --count 2");
    ASSERT_EQ(code.size(), 11u) << code;
    const auto form = m_client->Get("/s/" + code);
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 200);
    EXPECT_NE(form->body.find(R"(<input type="radio" name="I4.1" value="yes" required> มี)"), std::string::npos);
    // One external script helps (answers kept in the tab); nothing inline, and the form needs none.
    EXPECT_EQ(form->body.find("<script>"), std::string::npos);
    EXPECT_NE(form->body.find(R"(<script src="/static/survey.js" defer></script>)"), std::string::npos);

    const auto incomplete = m_client->Post("/s/" + code, "I1.1=3&I7=2", "application/x-www-form-urlencoded");
    ASSERT_TRUE(incomplete);
    EXPECT_EQ(incomplete->status, 422);  // the form again, filled in, with its problems
    // It opens on the part of the first unanswered question, each one there linked; what was
    // given stays, on this part as a choice, on the others carried along.
    EXPECT_NE(incomplete->body.find("ยังไม่ได้ตอบ 49 ข้อ"), std::string::npos) << incomplete->body;
    EXPECT_NE(incomplete->body.find(R"(<a href="#q-I1">ข้อ I1.2 ยังไม่ได้ตอบ</a>)"), std::string::npos);
    EXPECT_NE(incomplete->body.find(R"(name="I1.1" value="3" checked required)"), std::string::npos);
    EXPECT_NE(incomplete->body.find(R"(<input type="hidden" name="I7" value="2" data-answer>)"), std::string::npos);

    // The form carries the signed time it was served; only the coarse time taken is counted.
    const auto started_at = form->body.find(R"(name="started" value=")");
    ASSERT_NE(started_at, std::string::npos);
    const std::string started = form->body.substr(started_at + 22, form->body.find('"', started_at + 22) - started_at - 22);
    EXPECT_NE(incomplete->body.find(R"(name="started" value="")"), std::string::npos);  // a refilled form without it stays without
    const auto answered = m_client->Post("/s/" + code, full_answers() + "&started=" + started, "application/x-www-form-urlencoded");
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->status, 303);
    EXPECT_EQ(answered->get_header_value("Location"), "/s/thanks");
    EXPECT_EQ(m_client->Get("/s/" + code)->status, 410);
    const auto again = m_client->Post("/s/" + code, full_answers(), "application/x-www-form-urlencoded");
    EXPECT_EQ(again->status, 410);
    EXPECT_NE(again->body.find("รหัสนี้ถูกใช้ตอบแบบวัดแล้ว"), std::string::npos);
    EXPECT_EQ(m_client->Get("/s/NOPE0-NOPE0")->status, 404);

    // The form posts its code in the body, to /s (a body is never logged), and the page lets no
    // request carry its address on. A code typed in lower case, without its dash, is the same.
    const std::string second = first_line_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2565 --agency A1 --count 1");
    std::string typed = second.substr(0, 5) + second.substr(6);
    std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto second_form = m_client->Get("/s/" + typed);
    ASSERT_EQ(second_form->status, 200);
    EXPECT_NE(second_form->body.find(R"(<form method="post" action="/s" data-survey="/s">)"), std::string::npos);
    EXPECT_NE(second_form->body.find(R"(<input type="hidden" name="code" value=")" + second + "\">"), std::string::npos);
    EXPECT_EQ(second_form->get_header_value("Referrer-Policy"), "no-referrer");
    // A forged time counts as unknown.
    const std::string forged = "1000000000." + started.substr(started.find('.') + 1);
    ASSERT_EQ(
        m_client->Post("/s", "code=" + typed + "&" + full_answers() + "&started=" + forged, "application/x-www-form-urlencoded")->status,
        303);
    EXPECT_EQ(m_client->Get("/s/" + second)->status, 410);

    // Until the IIT window closes the answers are held sealed: nothing is in the responses, no
    // time is counted, and no score moves.
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM held_answers\""), "2");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM responses\""), "0");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM submission_timing\""), "0");
    EXPECT_NE(m_client->Get("/api/v1/agencies/A1/scores?year=2565")->body.find(R"("respondents":{"IIT":0,"EIT":0})"), std::string::npos);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --iit-open 2020-01-01 --iit-close 2020-12-31"), 0);

    // Then they count: two IIT respondents, every four-level item at 100 (I9 and others are
    // reverse-keyed: "4" there scores 0) — for the operator's command. Two staff are fewer than
    // any minimum sample, so the API shows no IIT figure of them, published year or not.
    const auto counted = ita::test::output_of(std::string(ITA_BINARY) + " score --db " + m_db + " --year 2565 --agency A1 --format json");
    EXPECT_NE(counted.find(R"("respondents":{"IIT":2,"EIT":0})"), std::string::npos) << counted;
    EXPECT_NE(counted.find(R"("I7":100.0)"), std::string::npos);
    EXPECT_NE(counted.find(R"("I9":0.0)"), std::string::npos);
    const auto scores = m_client->Get("/api/v1/agencies/A1/scores?year=2565");
    EXPECT_NE(scores->body.find(R"("respondents":{"IIT":0,"EIT":0})"), std::string::npos) << scores->body;
    EXPECT_NE(scores->body.find(R"("I7":null)"), std::string::npos);
    EXPECT_NE(scores->body.find(R"("IIT":null)"), std::string::npos);
    // Nothing stored ties an answer to its code: no column for it, no day, a random id.
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*), min(typeof(respondent_key)) FROM responses\""), "2|null");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM held_answers\""), "0");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM survey_codes WHERE spent = 1\""), "2");
    EXPECT_EQ(
        ita::test::output_of("sqlite3 " + m_db + " \"SELECT instrument, duration, submissions FROM submission_timing ORDER BY duration\""),
        "IIT|under_1m|1\nIIT|unknown|1\n");
}

TEST_F(ServerTest, AStaffMemberTypesTheCodeFromAPaperCard) {
    const auto door = m_client->Get("/s");
    ASSERT_EQ(door->status, 200);
    EXPECT_NE(door->body.find(R"(<form method="post" action="/s/open">)"), std::string::npos);
    EXPECT_EQ(door->get_header_value("Content-Type"), "text/html; charset=utf-8");  // a page, not raw JSON
    const std::string code = first_line_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2565 --agency A1 --count 1");
    std::string typed = code.substr(0, 5) + " " + code.substr(6);  // as read off the card, without the dash
    std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto form = m_client->Post("/s/open", "code=" + typed.replace(5, 1, "+"), "application/x-www-form-urlencoded");
    ASSERT_EQ(form->status, 200) << form->body.substr(0, 300);
    EXPECT_NE(form->body.find(R"(<input type="hidden" name="code" value=")" + code + "\">"), std::string::npos);
    const auto unknown = m_client->Post("/s/open", "code=NOPE0NOPE0", "application/x-www-form-urlencoded");
    EXPECT_EQ(unknown->status, 404);
    EXPECT_NE(unknown->body.find("ไม่พบรหัสนี้"), std::string::npos);
    EXPECT_NE(unknown->body.find(R"(value="NOPE0NOPE0")"), std::string::npos);  // what was typed stays, to be corrected
}

TEST_F(ServerTest, AConcurrentlySubmittedCodeCountsOnce) {
    const std::string code = first_line_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2565 --agency A1 --count 1");
    std::atomic<int> accepted{0}, refused{0};
    std::vector<std::thread> senders;
    for (int sender = 0; sender < 6; ++sender)
        senders.emplace_back([&] {
            httplib::Client client("127.0.0.1", m_port);
            const auto response = client.Post("/s/" + code, full_answers(), "application/x-www-form-urlencoded");
            if (response && response->status == 303) ++accepted;
            if (response && response->status == 410) ++refused;
        });
    for (auto& sender : senders) sender.join();
    EXPECT_EQ(accepted, 1);
    EXPECT_EQ(refused, 5);
}

TEST(ScaleOut, TwoServersOnOnePostgresSpendACodeOnce) {
    ita::test::TempDir files;
    const std::string db = ita::test::PgCluster::shared().new_database();
    ASSERT_EQ(run("import --db '" + db + "' agencies " +
                  files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    const std::string code = first_line_of(std::string(ITA_BINARY) + " codes --db '" + db + "' --year 2565 --agency A1 --count 1");
    ASSERT_EQ(code.size(), 11u) << code;
    const int ports[] = {free_port(), free_port()};
    const pid_t servers[] = {ita::test::start_ita_serve(db, ports[0]), ita::test::start_ita_serve(db, ports[1])};
    std::atomic<int> accepted{0}, refused{0};
    std::vector<std::thread> senders;
    for (int sender = 0; sender < 6; ++sender)
        senders.emplace_back([&, sender] {
            httplib::Client client("127.0.0.1", ports[sender % 2]);
            client.set_read_timeout(20, 0);
            const auto response = client.Post("/s/" + code, full_answers(), "application/x-www-form-urlencoded");
            if (response && response->status == 303) ++accepted;
            if (response && response->status == 410) ++refused;
        });
    for (auto& sender : senders) sender.join();
    for (const pid_t server : servers) {
        ::kill(server, SIGTERM);
        ::waitpid(server, nullptr, 0);
    }
    EXPECT_EQ(accepted, 1);
    EXPECT_EQ(refused, 5);
    EXPECT_EQ(first_line_of("psql -X -A -t -c \"SELECT count(*) FROM held_answers\" '" + db + "'"), "1");
}

namespace {
// Every EIT sub-item of 2565 answered.
std::string full_public_answers() {
    std::string body = "E4.1=no&E4.2=no&E4.3=no&E8=yes&E10=yes";
    for (const char* code : {"E1.1", "E1.2", "E2", "E3", "E5", "E6.1", "E6.2", "E7", "E9", "E11", "E12", "E13", "E14", "E15"})
        body += std::string("&") + code + "=3";
    return body;
}
}  // namespace

TEST_F(ServerTest, PublicSurveyOneAnswerPerBrowserWithProgress) {
    // Reading the form writes nothing: no token row, no WAL frame, however often it is read.
    const auto wal_size = [&] { return first_line_of("stat -c %s " + m_db + "-wal 2>/dev/null || echo 0"); };
    const std::string before = wal_size();
    for (int read = 0; read < 20; ++read) ASSERT_EQ(m_client->Get("/e/A1")->status, 200);
    EXPECT_EQ(wal_size(), before);
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM browser_tokens\""), "0");

    const auto form = m_client->Get("/e/A1");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 200);
    EXPECT_NE(form->body.find("ตอบแล้ว น้อยกว่า 5 คน (ขั้นต่ำ 30 คน)"), std::string::npos);
    const std::string cookie = form->get_header_value("Set-Cookie");
    ASSERT_TRUE(cookie.starts_with("ita_eit_A1=")) << cookie;
    EXPECT_NE(cookie.find("HttpOnly; SameSite=Lax"), std::string::npos);
    const std::string token = cookie.substr(0, cookie.find(';'));

    httplib::Headers with_cookie{{"Cookie", token}};
    EXPECT_EQ(m_client->Post("/e/A1", full_public_answers(), "application/x-www-form-urlencoded")->status, 400);  // no cookie
    httplib::Headers forged{{"Cookie", "ita_eit_A1=" + std::string(36, 'a') + "." + std::string(32, 'b')}};
    EXPECT_EQ(m_client->Post("/e/A1", forged, full_public_answers(), "application/x-www-form-urlencoded")->status, 400);  // not ours
    EXPECT_EQ(m_client->Post("/e/A1", with_cookie, "E1.1=3", "application/x-www-form-urlencoded")->status,
              422);  // incomplete: the form again
    const auto answered = m_client->Post("/e/A1", with_cookie, full_public_answers(), "application/x-www-form-urlencoded");
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->status, 303);
    EXPECT_EQ(answered->get_header_value("Location"), "/e/thanks");
    EXPECT_EQ(m_client->Post("/e/A1", with_cookie, full_public_answers(), "application/x-www-form-urlencoded")->status, 410);
    // The browser that answered is told so before it fills the form in again.
    const auto again = m_client->Get("/e/A1", with_cookie);
    EXPECT_EQ(again->status, 410);
    EXPECT_NE(again->body.find("ท่านได้ตอบแบบวัดแล้ว"), std::string::npos);
    // One answer is not shown as one: the count moves in steps of five below the minimum.
    EXPECT_NE(m_client->Get("/e/A1")->body.find("ตอบแล้ว น้อยกว่า 5 คน"), std::string::npos);
    EXPECT_EQ(m_client->Get("/e/NOPE")->status, 404);
    // Held, sealed, until the EIT window closes; then it counts.
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM held_answers\""), "1");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM responses\""), "0");
    ASSERT_EQ(run("season open --db " + m_db + " --year 2565 --eit-open 2020-01-01 --eit-close 2020-12-31"), 0);
    const auto counted = ita::test::output_of(std::string(ITA_BINARY) + " score --db " + m_db + " --year 2565 --agency A1 --format json");
    EXPECT_NE(counted.find(R"("respondents":{"IIT":0,"EIT":1})"), std::string::npos) << counted;
    // One citizen is no figure for anyone else, the year published or not.
    const auto scores = m_client->Get("/api/v1/agencies/A1/scores?year=2565");
    EXPECT_NE(scores->body.find(R"("respondents":{"IIT":0,"EIT":0})"), std::string::npos) << scores->body;
    EXPECT_NE(scores->body.find(R"("EIT":null)"), std::string::npos) << scores->body;
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM held_answers\""), "0");
}

TEST(PublicSurvey, RateLimitPerAddressIsShared) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(run("import --db " + db + " agencies " +
                  files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    ASSERT_EQ(run("season open --db " + db + " --year 2565"), 0);
    const int port = free_port();
    const pid_t pid = ita::test::start_ita_serve(db, port, {"--public-rate", "3"});
    httplib::Client client("127.0.0.1", port);
    std::vector<int> statuses;
    for (int post = 0; post < 5; ++post) {
        const auto form = client.Get("/e/A1");
        const std::string cookie = form->get_header_value("Set-Cookie");
        const auto response = client.Post("/e/A1", {{"Cookie", cookie.substr(0, cookie.find(';'))}}, full_public_answers(),
                                          "application/x-www-form-urlencoded");
        statuses.push_back(response ? response->status : 0);
    }
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    EXPECT_EQ(statuses, (std::vector<int>{303, 303, 303, 429, 429}));
}

TEST_F(ServerTest, SignInSessionAndCsrfProtectedSignOut) {
    ASSERT_EQ(std::system(("echo 'correct horse battery' | " + std::string(ITA_BINARY) + " users add --db " + m_db +
                           " --user somchai --name 'สมชาย ใจดี' --role agency_admin --agency A1 2>/dev/null")
                              .c_str()),
              0);
    EXPECT_NE(std::system(
                  ("echo short | " + std::string(ITA_BINARY) + " users add --db " + m_db + " --user x --name x --role auditor 2>/dev/null")
                      .c_str()),
              0);  // a password under 10 characters is refused
    const std::string sqlite_hash = first_line_of("sqlite3 " + m_db + " \"SELECT password_hash FROM users WHERE user_id = 'somchai'\"");
    EXPECT_TRUE(sqlite_hash.starts_with("$argon2id$")) << sqlite_hash;

    EXPECT_EQ(m_client->Get("/me")->status, 303);  // signed out: to the login page
    // The form carries a CSRF token matching its own cookie: a post without them is refused.
    EXPECT_EQ(m_client->Post("/login", "user=somchai&password=correct+horse+battery", "application/x-www-form-urlencoded")->status, 400);
    const auto wrong = ita::test::post_login(*m_client, "user=somchai&password=wrong+password");
    EXPECT_EQ(wrong->status, 401);
    EXPECT_NE(wrong->body.find("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"), std::string::npos);
    const auto signed_in = ita::test::post_login(*m_client, "user=somchai&password=correct+horse+battery");
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->status, 303);
    const std::string cookie = signed_in->get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("; Path=/; HttpOnly; SameSite=Strict"), std::string::npos) << cookie;
    const httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
    const auto me = m_client->Get("/me", session);
    ASSERT_EQ(me->status, 200);
    EXPECT_NE(me->body.find("สมชาย ใจดี"), std::string::npos);
    const auto csrf_at = me->body.find("name=\"csrf\" value=\"");
    ASSERT_NE(csrf_at, std::string::npos);
    const std::string csrf = me->body.substr(csrf_at + 19, 32);

    EXPECT_EQ(m_client->Post("/logout", session, "csrf=forged", "application/x-www-form-urlencoded")->status, 400);
    EXPECT_EQ(m_client->Get("/me", session)->status, 200);  // still signed in
    EXPECT_EQ(m_client->Post("/logout", session, "csrf=" + csrf, "application/x-www-form-urlencoded")->status, 303);
    EXPECT_EQ(m_client->Get("/me", session)->status, 303);  // the session is gone

    // X-Forwarded-Proto from a client that is not a trusted proxy is ignored (see the nginx test
    // for the cookie marked Secure behind the shipped proxy).
    const auto not_proxied =
        ita::test::post_login(*m_client, "user=somchai&password=correct+horse+battery", {{"X-Forwarded-Proto", "https"}});
    EXPECT_EQ(not_proxied->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
    EXPECT_NE(first_line_of("sqlite3 " + m_db + " \"SELECT count(*) FROM audit_log WHERE action IN ('login', 'logout', 'login failed')\""),
              "0");
}

TEST_F(ServerTest, RepeatedFailedSignInsAreLimited) {
    ASSERT_EQ(std::system(("echo 'correct horse battery' | " + std::string(ITA_BINARY) + " users add --db " + m_db +
                           " --user auditor1 --name 'ผู้ตรวจ' --role auditor 2>/dev/null")
                              .c_str()),
              0);
    // Successful sign-ins never count: a working group signing in all day is never locked out.
    for (int attempt = 0; attempt < 15; ++attempt)
        ASSERT_EQ(ita::test::post_login(*m_client, "user=auditor1&password=correct+horse+battery")->status, 303) << attempt;
    std::vector<int> statuses;
    for (int attempt = 0; attempt < 11; ++attempt)
        statuses.push_back(ita::test::post_login(*m_client, "user=auditor1&password=guess" + std::to_string(attempt))->status);
    EXPECT_EQ(statuses.front(), 401);
    EXPECT_EQ(statuses.back(), 429);
    // From this address even the right password waits out the window ...
    EXPECT_EQ(ita::test::post_login(*m_client, "user=auditor1&password=correct+horse+battery")->status, 429);
}

TEST(SignIn, AnAttackerElsewhereCannotLockAnAccountOut) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(
        run("import --db " + db + " agencies " + files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลเมือง,ขอนแก่น\n")), 0);
    ASSERT_EQ(run("season open --db " + db + " --year 2565"), 0);
    ASSERT_EQ(ita::test::add_user(db, "auditor1", "auditor"), 0);
    const int port = free_port();
    // 127.0.0.1 is the proxy: the addresses come from X-Forwarded-For, as behind the shipped nginx.
    const pid_t server = ita::test::start_ita_serve(db, port, {"--threads", "2", "--trusted-proxy", "127.0.0.1"});
    httplib::Client client("127.0.0.1", port);
    const httplib::Headers attacker{{"X-Forwarded-For", "203.0.113.9"}}, owner{{"X-Forwarded-For", "198.51.100.7"}};
    for (int attempt = 0; attempt < 12; ++attempt)
        ita::test::post_login(client, "user=auditor1&password=guess" + std::to_string(attempt), attacker);
    EXPECT_EQ(ita::test::post_login(client, "user=auditor1&password=guess", attacker)->status, 429);
    // ... but the account's owner, elsewhere, signs in as always.
    EXPECT_EQ(ita::test::post_login(client, "user=auditor1&password=correct+horse+battery", owner)->status, 303);
    // Forty citizens behind one proxy are forty addresses, not one.
    const auto via_proxy = ita::test::post_login(client, "user=auditor1&password=correct+horse+battery",
                                                 {{"X-Forwarded-For", "192.0.2.1, 198.51.100.8"}, {"X-Forwarded-Proto", "https"}});
    EXPECT_EQ(via_proxy->status, 303);
    EXPECT_NE(via_proxy->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);  // TLS said by a trusted proxy
    // The public survey's cookie too.
    const auto survey = client.Get("/e/A1", {{"X-Forwarded-For", "192.0.2.2"}, {"X-Forwarded-Proto", "https"}});
    ASSERT_EQ(survey->status, 200);
    EXPECT_NE(survey->get_header_value("Set-Cookie").find("; Secure"), std::string::npos) << survey->get_header_value("Set-Cookie");
    ::kill(server, SIGTERM);
    ::waitpid(server, nullptr, 0);
}

TEST_F(ServerTest, WorkingGroupPrintsCodeSheetsOthersMayNot) {
    for (const auto& [user, role] : {std::pair{"wg", "agency_admin --agency A1"}, {"audit", "auditor"}})
        ASSERT_EQ(std::system(("echo 'correct horse battery' | " + std::string(ITA_BINARY) + " users add --db " + m_db + " --user " + user +
                               " --name x --role " + role + " 2>/dev/null")
                                  .c_str()),
                  0);
    EXPECT_EQ(m_client->Get("/admin/codes")->status, 303);  // signed out
    const auto [auditor, auditor_csrf] = sign_in(*m_client, "audit");
    EXPECT_EQ(m_client->Get("/admin/codes", auditor)->status, 403);
    EXPECT_EQ(m_client->Post("/admin/codes", auditor, "count=3&csrf=" + auditor_csrf, "application/x-www-form-urlencoded")->status, 403);

    const auto [group, csrf] = sign_in(*m_client, "wg");
    const auto form = m_client->Get("/admin/codes", group);
    ASSERT_EQ(form->status, 200);
    EXPECT_NE(form->body.find("name=\"csrf\" value=\"" + csrf + "\""), std::string::npos);
    EXPECT_EQ(m_client->Post("/admin/codes", group, "count=3&csrf=wrong", "application/x-www-form-urlencoded")->status, 400);
    const auto sheet = m_client->Post("/admin/codes", group, "count=3&csrf=" + csrf, "application/x-www-form-urlencoded");
    ASSERT_EQ(sheet->status, 200);
    std::size_t cards = 0;
    for (auto at = sheet->body.find("<div class=\"card\">"); at != std::string::npos; at = sheet->body.find("<div class=\"card\">", at + 1))
        ++cards;
    EXPECT_EQ(cards, 3u);
    EXPECT_NE(sheet->body.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);  // a QR code per code
    EXPECT_NE(sheet->body.find("@page { size: A4;"), std::string::npos);
    // The printed codes work: the first one opens its form.
    const auto at = sheet->body.find("<div class=\"code\">");
    const std::string code = sheet->body.substr(at + 18, 11);
    EXPECT_EQ(m_client->Get("/s/" + code)->status, 200) << code;
}

TEST_F(ServerTest, SurveyPartsKeepNothingOnTheServerUntilSent) {
    const std::string code = first_line_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2565 --agency A1 --count 1");
    const auto form = m_client->Get("/s/" + code);
    ASSERT_TRUE(form);
    EXPECT_NE(form->body.find("ส่วนที่ 1 จาก 5: ตัวชี้วัดที่ 1"), std::string::npos) << form->body;
    EXPECT_NE(form->body.find(R"(<progress class="steps" max="5" value="1")"), std::string::npos);
    EXPECT_NE(form->body.find("เทศบาลเมืองแจระแม"), std::string::npos) << "the staff form names the agency";
    EXPECT_EQ(form->body.find(R"(name="I7")"), std::string::npos) << "indicator 2 is on another part";
    const std::string first_part = "code=" + code +
                                   "&part=0&I1.1=4&I1.2=4&I2=4&I3.1=4&I3.2=4&I3.3=4&I4.1=no&I4.2=no&I4.3=no&I5.1=no&I5.2=no&"
                                   "I5.3=no&I6.1=no&I6.2=no&I6.3=no";
    const auto form_post = [&](const std::string& body) { return m_client->Post("/s", body, "application/x-www-form-urlencoded"); };
    // On: the second part, the first part's answers carried unseen.
    const auto second = form_post(first_part + "&go=1");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200);
    EXPECT_NE(second->body.find("ส่วนที่ 2 จาก 5"), std::string::npos);
    EXPECT_NE(second->body.find(R"(<input type="hidden" name="I1.1" value="4" data-answer>)"), std::string::npos);
    EXPECT_NE(second->body.find(R"(name="I7" value="1")"), std::string::npos);
    // On with an item left out: the same part again, the item named and linked, in Thai.
    std::string missing = first_part;
    missing.erase(missing.find("&I2=4"), 5);
    const auto refused = form_post(missing + "&go=1");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 422);
    EXPECT_NE(refused->body.find("ส่วนที่ 1 จาก 5"), std::string::npos);
    EXPECT_NE(refused->body.find(R"(<a href="#q-I2">ข้อ I2 ยังไม่ได้ตอบ</a>)"), std::string::npos) << refused->body;
    // Back asks nothing.
    EXPECT_EQ(form_post("code=" + code + "&part=1&go=0")->status, 200);
    // Nothing was stored by moving between parts: the code is unspent, no answer is held.
    EXPECT_EQ(m_client->Get("/s/" + code)->status, 200);
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " 'SELECT count(*) FROM held_answers'"), "0");
    EXPECT_EQ(first_line_of("sqlite3 " + m_db + " 'SELECT count(*) FROM survey_codes WHERE spent = 1'"), "0");
    // Sent from the last part: stored, once.
    const auto sent = form_post("code=" + code + "&part=4&go=send&" + full_answers());
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->status, 303);
    EXPECT_EQ(m_client->Get("/s/" + code)->status, 410);
}

TEST_F(ServerTest, MovingBetweenEitPartsCountsAgainstNoLimit) {
    const auto form = m_client->Get("/e/A1");
    ASSERT_TRUE(form);
    const std::string cookie = form->get_header_value("Set-Cookie");
    httplib::Headers with_cookie{{"Cookie", cookie.substr(0, cookie.find(';'))}};
    // More moves than the 30 posts an address may send an hour: each only shows a part.
    for (int move = 0; move < 40; ++move)
        ASSERT_EQ(m_client->Post("/e/A1", with_cookie, "part=1&go=0", "application/x-www-form-urlencoded")->status, 200) << move;
    EXPECT_EQ(m_client->Post("/e/A1", with_cookie, full_public_answers() + "&go=send", "application/x-www-form-urlencoded")->status, 303);
}
