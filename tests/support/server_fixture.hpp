// `ita serve` as a real process on loopback over a small SQLite season (one agency, A1, with
// seed 002's published scores for 2565, published with `ita publish` unless a test says not),
// spoken to with cpp-httplib; stopped with SIGTERM at the end. Shared by the server tests.
#pragma once

#include "ports.hpp"
#include "temp_files.hpp"

#include <httplib.h>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <string>
#include <vector>

namespace ita::test {

// Runs `ita <arguments>` quietly; its exit status.
inline int run(const std::string& arguments) {
    return std::system((std::string(ITA_BINARY) + " " + arguments + " >/dev/null 2>&1").c_str());
}

// Starts `ita serve --db DB --listen 127.0.0.1:PORT OPTIONS…` with the evidence checker off
// (tests never contact an address outside loopback; `with_evidence_checks` to keep it on) and
// returns its pid once /healthz answers (or after 5 s: the test's requests will then fail).
inline pid_t start_ita_serve(const std::string& db, int port, const std::vector<std::string>& options = {"--threads", "2"},
                             bool with_evidence_checks = false) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<std::string> arguments{ITA_BINARY, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(port)};
        arguments.insert(arguments.end(), options.begin(), options.end());
        if (!with_evidence_checks) arguments.emplace_back("--no-evidence-check");
        std::vector<char*> argv;
        for (auto& argument : arguments) argv.push_back(argument.data());
        argv.push_back(nullptr);
        ::execv(ITA_BINARY, argv.data());
        ::_exit(127);
    }
    httplib::Client client("127.0.0.1", port);
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (auto response = client.Get("/healthz"); response && response->status == 200) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pid;
}

// A season in SQLite and `ita serve` on it, stopped with SIGTERM at the end.
class ServerTest : public testing::Test {
protected:
    // Whether SetUp publishes 2565 (`ita publish`), as it is once results are out.
    [[nodiscard]] virtual bool published() const { return true; }
    // More `ita serve` options. The OIT evidence checker stays off unless they hold an
    // --evidence… option: the tests' OIT addresses are made up, and a test never leaves loopback.
    [[nodiscard]] virtual std::vector<std::string> serve_options() const { return {}; }

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
        auto options = serve_options();
        const bool evidence = std::ranges::any_of(options, [](const std::string& option) { return option.starts_with("--evidence"); });
        options.insert(options.begin(), {"--threads", "2"});
        m_pid = start_ita_serve(m_db, m_port, options, evidence);
        m_client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        m_client->set_read_timeout(20, 0);
        const auto health = m_client->Get("/healthz");
        ASSERT_TRUE(health && health->status == 200) << "the server did not come up";
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

// The sign-in form's cookie and CSRF token, as a browser gets them with GET /login.
inline std::pair<httplib::Headers, std::string> login_form(httplib::Client& client) {
    const auto form = client.Get("/login");
    if (!form) return {};
    const std::string cookie = form->get_header_value("Set-Cookie");
    const auto at = form->body.find("name=\"csrf\" value=\"");
    return {httplib::Headers{{"Cookie", cookie.substr(0, cookie.find(';'))}},
            at == std::string::npos ? "" : form->body.substr(at + 19, 32)};
}

// POST /login with the form's cookie and token, as a browser sends it.
inline httplib::Result post_login(httplib::Client& client, const std::string& fields, httplib::Headers extra = {}) {
    auto [headers, csrf] = login_form(client);
    headers.insert(extra.begin(), extra.end());
    return client.Post("/login", headers, fields + "&csrf=" + csrf, "application/x-www-form-urlencoded");
}

// Signs `user` in and returns the cookie header and the session's CSRF token.
inline std::pair<httplib::Headers, std::string> sign_in(httplib::Client& client, const std::string& user) {
    const auto signed_in = post_login(client, "user=" + user + "&password=correct+horse+battery");
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
        std::vector<std::string> options{"--threads", "2"};
        if (!db_read.empty()) options.insert(options.end(), {"--db-read", db_read});
        m_pid = start_ita_serve(db, m_port, options);
        client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
        client->set_read_timeout(20, 0);
        if (const auto health = client->Get("/healthz"); !health || health->status != 200) ADD_FAILURE() << "the server did not come up";
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
