// What an administrator and Prometheus see of a running process: /healthz names the build,
// /readyz the database's state, /metrics counts by route (loopback only), the log is JSON lines
// with the Bangkok time and SIGHUP reopens its file, settings come from a TOML file.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace {

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

class OperationsTest : public ita::test::ServerTest {
protected:
    [[nodiscard]] std::vector<std::string> serve_options() const override {
        return {"--log-file", m_log, "--trusted-proxy", "127.0.0.1", "--session-hours", "2"};
    }
    std::string m_log = m_files.path("ita.log");
};

}  // namespace

TEST_F(OperationsTest, HealthNamesTheBuildAndReadinessTheDatabase) {
    const auto health = m_client->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_TRUE(health->body.starts_with("ok\nita ")) << health->body;
    EXPECT_NE(health->body.find("(database schema "), std::string::npos) << health->body;
    const auto ready = m_client->Get("/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 200);
    EXPECT_EQ(ready->body, "ready\n");
}

TEST_F(OperationsTest, MetricsCountRequestsByRouteForThisHostOnly) {
    ASSERT_TRUE(m_client->Get("/agency/A1?year=2565"));
    ASSERT_TRUE(m_client->Get("/no/such/page"));
    const auto metrics = m_client->Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_TRUE(metrics->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"))
        << metrics->get_header_value("Content-Type");
    const std::string& body = metrics->body;
    EXPECT_NE(body.find(R"(ita_http_requests_total{route="/agency/:id",method="GET",status="2xx"} 1)"), std::string::npos) << body;
    EXPECT_NE(body.find(R"x(ita_http_requests_total{route="(none)",method="GET",status="4xx"} 1)x"), std::string::npos) << body;
    EXPECT_NE(body.find(R"(ita_http_request_duration_seconds_count{route="/agency/:id"} 1)"), std::string::npos) << body;
    EXPECT_NE(body.find("ita_db_connections "), std::string::npos) << body;
    EXPECT_NE(body.find("ita_public_generation "), std::string::npos) << body;
    // A client reached through nginx (its address forwarded by the trusted proxy) is not this host.
    const auto forwarded = m_client->Get("/metrics", {{"X-Forwarded-For", "203.0.113.9"}});
    ASSERT_TRUE(forwarded);
    EXPECT_EQ(forwarded->status, 404);
    EXPECT_EQ(forwarded->body.find("ita_http"), std::string::npos);
}

TEST_F(OperationsTest, TheLogIsJsonLinesInBangkokTimeAndSighupReopensIt) {
    ASSERT_TRUE(m_client->Get("/s/ABCDE-FGHJK"));
    // The line is written just after the answer: wait for it.
    auto lines = lines_of(m_log);
    for (int attempt = 0; attempt < 100 && (lines.empty() || lines.back().find("/s/[code]") == std::string::npos); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        lines = lines_of(m_log);
    }
    ASSERT_FALSE(lines.empty());
    bool listening = false, request = false;
    for (const auto& line : lines) {
        const auto parsed = nlohmann::json::parse(line, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << line;
        ASSERT_TRUE(parsed.contains("time") && parsed.contains("level")) << line;
        EXPECT_TRUE(parsed.at("time").get<std::string>().ends_with("+07:00")) << line;
        listening = listening || parsed.value("msg", "").find("listening on") != std::string::npos;
        if (parsed.value("path", "") == "/s/[code]") request = true;
        EXPECT_EQ(line.find("ABCDE"), std::string::npos) << "a survey code reached the log: " << line;
    }
    EXPECT_TRUE(listening);
    EXPECT_TRUE(request);
    // logrotate moves the file, then signals: the process carries on writing to a new one.
    std::filesystem::rename(m_log, m_log + ".1");
    ASSERT_EQ(::kill(m_pid, SIGHUP), 0);
    bool reopened = false;
    for (int attempt = 0; attempt < 100 && !reopened; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        ASSERT_TRUE(m_client->Get("/healthz")) << "SIGHUP stopped the server";
        reopened = std::filesystem::exists(m_log) && !lines_of(m_log).empty();
    }
    ASSERT_TRUE(reopened);
    EXPECT_NE(lines_of(m_log).front().find("\"path\":\"/healthz\""), std::string::npos) << lines_of(m_log).front();
    EXPECT_EQ(std::filesystem::status(m_log).permissions() & std::filesystem::perms::others_read, std::filesystem::perms::none);
    EXPECT_EQ(stop(), 0);
}

TEST_F(OperationsTest, ASessionLastsTheConfiguredHours) {
    ASSERT_EQ(ita::test::add_user(m_db, "boss", "national_admin"), 0);
    const auto signed_in = ita::test::post_login(*m_client, "user=boss&password=correct+horse+battery");
    ASSERT_TRUE(signed_in);
    EXPECT_NE(signed_in->get_header_value("Set-Cookie").find("Max-Age=7200"), std::string::npos)
        << signed_in->get_header_value("Set-Cookie");
}

TEST(Settings, AFileSetsOptionsAndAnUnknownKeyIsRefusedByName) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const std::string good = files.write("ita.conf", "db = \"" + db + "\"\n[serve]\nsession-hours = 3\n");
    // The file's database is the one used: an import through it lands there.
    ASSERT_EQ(ita::test::run("--config " + good + " import agencies " +
                             files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    EXPECT_TRUE(std::filesystem::exists(db));
    const std::string typo = files.write("typo.conf", "db = \"" + db + "\"\n[serve]\nsesion-hours = 3\n");
    const auto refused = ita::test::run_ita("--config " + typo + " rank --year 2565");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.output.find("unknown setting serve.sesion-hours"), std::string::npos) << refused.output;
    const std::string out_of_range = files.write("range.conf", "[serve]\nsession-hours = 48\n");
    EXPECT_EQ(ita::test::run_ita("--config " + out_of_range + " serve --db " + db).exit_code, 2);
}
