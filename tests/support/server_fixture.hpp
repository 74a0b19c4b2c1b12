// `ita serve` as a real process on loopback over a small SQLite season (one agency, A1, with
// seed 002's published scores for 2565, published with `ita publish` unless a test says not),
// spoken to with cpp-httplib; stopped with SIGTERM at the end. Shared by the server tests.
#pragma once

#include "ports.hpp"
#include "temp_files.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <string>
#include <vector>

namespace ita::test {

// Runs `ita <arguments>` quietly; its exit status.
inline int run(const std::string& arguments) { return std::system((std::string(ITA_BINARY) + " " + arguments + " >/dev/null 2>&1").c_str()); }

// A season in SQLite and `ita serve` on it, stopped with SIGTERM at the end.
class ServerTest : public testing::Test {
protected:
    // Whether SetUp publishes 2565 (`ita publish`), as it is once results are out.
    [[nodiscard]] virtual bool published() const { return true; }
    // More `ita serve` options. By default the OIT evidence checker is off: the tests' OIT
    // addresses are made up, and a test never contacts an address outside loopback.
    [[nodiscard]] virtual std::vector<std::string> serve_options() const { return {"--no-evidence-check"}; }

    void SetUp() override {
        m_db = m_files.path("ita.db");
        ASSERT_EQ(run("import --db " + m_db + " agencies " +
                      m_files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
                  0);
        ASSERT_EQ(run("import --db " + m_db + " --year 2565 published " + std::string(ITA_SOURCE_DIR) +
                      "/tests/golden/2565/seed002_indicators/published.csv"),
                  0);
        if (published()) {
            ASSERT_EQ(run("publish --db " + m_db + " --year 2565"), 0);
        }
        m_port = free_port();
        m_pid = ::fork();
        if (m_pid == 0) {
            const std::string listen = "127.0.0.1:" + std::to_string(m_port);
            std::vector<std::string> arguments{ITA_BINARY, "serve", "--db", m_db, "--listen", listen, "--threads", "2"};
            for (const auto& option : serve_options()) arguments.push_back(option);
            std::vector<char*> argv;
            for (auto& argument : arguments) argv.push_back(argument.data());
            argv.push_back(nullptr);
            ::execv(ITA_BINARY, argv.data());
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

// Signs `user` in and returns the cookie header and the session's CSRF token.
inline std::pair<httplib::Headers, std::string> sign_in(httplib::Client& client, const std::string& user) {
    const auto signed_in = client.Post("/login", "user=" + user + "&password=correct+horse+battery", "application/x-www-form-urlencoded");
    const std::string cookie = signed_in->get_header_value("Set-Cookie");
    httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
    const auto me = client.Get("/me", session);
    const auto at = me->body.find("name=\"csrf\" value=\"");
    return {session, at == std::string::npos ? "" : me->body.substr(at + 19, 32)};
}

// `ita serve --db DB [--db-read DB_READ]` on a free loopback port, stopped with SIGTERM when destroyed.
class ServedProcess {
public:
    ServedProcess(const std::string& db, const std::string& db_read) : m_port(free_port()) {
        m_pid = ::fork();
        if (m_pid == 0) {
            const std::string listen = "127.0.0.1:" + std::to_string(m_port);
            if (db_read.empty())
                ::execl(ITA_BINARY, ITA_BINARY, "serve", "--db", db.c_str(), "--listen", listen.c_str(), "--threads", "2", "--no-evidence-check", nullptr);
            else
                ::execl(ITA_BINARY, ITA_BINARY, "serve", "--db", db.c_str(), "--db-read", db_read.c_str(), "--listen", listen.c_str(), "--threads",
                        "2", "--no-evidence-check", nullptr);
            ::_exit(127);
        }
        client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        client->set_read_timeout(20, 0);
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (auto response = client->Get("/healthz"); response && response->status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ADD_FAILURE() << "the server did not come up";
    }
    ~ServedProcess() {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
    }
    std::unique_ptr<httplib::Client> client;

private:
    int m_port;
    pid_t m_pid = -1;
};

// Adds a user with the password sign_in uses; `role` may carry "--agency A1".
inline int add_user(const std::string& db, const std::string& user, const std::string& role) {
    return std::system(("echo 'correct horse battery' | " + std::string(ITA_BINARY) + " users add --db " + db + " --user " + user +
                        " --name x --role " + role + " 2>/dev/null")
                           .c_str());
}

}  // namespace ita::test
