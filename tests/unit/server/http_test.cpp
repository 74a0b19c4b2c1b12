// `ita serve` as a real process on loopback, spoken to with an HTTP client (cpp-httplib).
#include "../../support/temp_files.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

int run(const std::string& arguments) { return std::system((std::string(ITA_BINARY) + " " + arguments + " >/dev/null 2>&1").c_str()); }

// A season in SQLite and `ita serve` on it, stopped with SIGTERM at the end.
class ServerTest : public testing::Test {
protected:
    void SetUp() override {
        m_db = m_files.path("ita.db");
        ASSERT_EQ(run("import --db " + m_db + " agencies " +
                      m_files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
                  0);
        ASSERT_EQ(run("import --db " + m_db + " --year 2565 published " + std::string(ITA_SOURCE_DIR) +
                      "/tests/golden/2565/seed002_indicators/published.csv"),
                  0);
        m_port = free_port();
        m_pid = ::fork();
        if (m_pid == 0) {
            const std::string listen = "127.0.0.1:" + std::to_string(m_port);
            ::execl(ITA_BINARY, ITA_BINARY, "serve", "--db", m_db.c_str(), "--listen", listen.c_str(), "--threads", "2", nullptr);
            ::_exit(127);
        }
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        m_client->set_read_timeout(20, 0);
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (auto response = m_client->Get("/healthz"); response && response->status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        FAIL() << "the server did not come up";
    }

    void TearDown() override {
        if (m_pid > 0 && !m_stopped) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
        }
    }

    // Sends SIGTERM and returns the exit status (-1 if it did not exit within 10 s).
    int stop() {
        ::kill(m_pid, SIGTERM);
        for (int attempt = 0; attempt < 200; ++attempt) {
            int status = 0;
            if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_stopped = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return -1;
    }

    ita::test::TempDir m_files;
    std::string m_db;
    int m_port = 0;
    pid_t m_pid = -1;
    bool m_stopped = false;
    std::unique_ptr<httplib::Client> m_client;
};

}  // namespace

TEST_F(ServerTest, HealthAndScoresAsJson) {
    const auto health = m_client->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->body, "ok\n");
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
}

TEST_F(ServerTest, ErrorsAreTypedJson) {
    const auto missing = m_client->Get("/no/such/page");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(missing->body, R"({"error":{"status":404,"message":"no such page: /no/such/page"}})" "\n");
    const auto unknown = m_client->Get("/api/v1/agencies/ZZ/scores?year=2565");
    EXPECT_EQ(unknown->status, 404);
    const auto no_year = m_client->Get("/api/v1/agencies/A1/scores");
    EXPECT_EQ(no_year->status, 400);
    const auto no_data = m_client->Get("/api/v1/agencies/A1/scores?year=2566");
    EXPECT_EQ(no_data->status, 404);
    const auto wrong_method = m_client->Post("/healthz", "x", "text/plain");
    EXPECT_EQ(wrong_method->status, 405);
    const auto too_large = m_client->Post("/healthz", std::string(2 << 20, 'x'), "text/plain");
    ASSERT_TRUE(too_large);
    EXPECT_EQ(too_large->status, 413);
}

TEST_F(ServerTest, StopsGracefullyOnSigterm) {
    // A request in flight when the signal arrives still gets its answer.
    std::thread slow([&] {
        httplib::Client client("127.0.0.1", m_port);
        const auto pdf = client.Get("/agency/A1/report.pdf?year=2565");
        EXPECT_TRUE(pdf && pdf->status == 200);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(stop(), 0);
    slow.join();
    EXPECT_FALSE(m_client->Get("/healthz"));  // and nothing listens any more
}
