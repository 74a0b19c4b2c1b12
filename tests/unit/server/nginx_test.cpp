// deploy/nginx/ita.conf for real: nginx terminates TLS on a loopback port and spreads requests
// over two `ita serve` processes sharing one database; ita sees the TLS through
// X-Forwarded-Proto. Certificates are made by the test (openssl); only loopback is used.
#include "../../support/ports.hpp"
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace {

using ita::test::free_port;

// Starts a program with its standard error in `log`.
pid_t spawn(const std::vector<std::string>& arguments, const std::string& log) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, STDERR_FILENO);
        std::vector<char*> argv;
        for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
}

// Two `ita serve` processes on one database behind the shipped nginx site (pointed at this
// test's ports and a certificate made here).
class Deployment {
public:
    explicit Deployment(const std::string& db) : m_db(db) {
        EXPECT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + m_files.path("key.pem") +
                               " -out " + m_files.path("cert.pem") + " >/dev/null 2>&1")
                                  .c_str()),
                  0);
        m_upstream = {free_port(), free_port()};
        m_https_port = free_port();
        m_http_port = free_port();
        m_servers = {start_server(0), start_server(1)};
        std::ifstream shipped(std::string(ITA_SOURCE_DIR) + "/deploy/nginx/ita.conf");
        std::stringstream text;
        text << shipped.rdbuf();
        std::string site = text.str();
        replace_all(site, "127.0.0.1:8081", "127.0.0.1:" + std::to_string(m_upstream[0]));
        replace_all(site, "127.0.0.1:8082", "127.0.0.1:" + std::to_string(m_upstream[1]));
        replace_all(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + std::to_string(m_https_port) + " ssl;");
        replace_all(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(m_http_port) + ";");
        replace_all(site, "/etc/ssl/certs/ita.pem", m_files.path("cert.pem"));
        replace_all(site, "/etc/ssl/private/ita.key", m_files.path("key.pem"));
        replace_all(site, "/var/log/nginx/", m_files.path("nginx") + "/logs/");
        EXPECT_NE(site.find(std::to_string(m_upstream[1])), std::string::npos);
        const std::string prefix = this->prefix();
        std::filesystem::create_directories(prefix + "/logs");
        m_files.write("nginx/nginx.conf", std::string(::geteuid() == 0 ? "user root;\n" : "") + "worker_processes 1;\ndaemon off;\npid " +
                                              prefix + "/nginx.pid;\nerror_log " + prefix +
                                              "/logs/error.log;\nevents {}\nhttp {\naccess_log " + prefix + "/logs/access.log;\n" +
                                              "client_body_temp_path " + prefix + "/body;\nproxy_temp_path " + prefix + "/proxy;\n" +
                                              "fastcgi_temp_path " + prefix + "/fastcgi;\nuwsgi_temp_path " + prefix +
                                              "/uwsgi;\nscgi_temp_path " + prefix + "/scgi;\n" + site + "\n}\n");
        m_nginx = spawn({"/usr/sbin/nginx", "-p", prefix, "-c", prefix + "/nginx.conf"}, m_files.path("nginx.log"));
        for (int attempt = 0; attempt < 100 && !m_health.starts_with("ok\n"); ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            m_health = ita::test::output_of("curl -sk " + base() + "/healthz");
        }
    }
    ~Deployment() {
        for (pid_t& server : m_servers) stop(server);
        if (m_nginx > 0) {
            ::kill(m_nginx, SIGQUIT);
            ::waitpid(m_nginx, nullptr, 0);
        }
    }
    Deployment(const Deployment&) = delete;
    Deployment& operator=(const Deployment&) = delete;

    // Process `index` on its port, its log in serve<index>.log (appended to across restarts).
    pid_t start_server(int index) {
        return spawn({ITA_BINARY, "serve", "--db", m_db, "--listen", "127.0.0.1:" + std::to_string(m_upstream.at(index)), "--threads", "2",
                      "--no-evidence-check", "--trusted-proxy", "127.0.0.1", "--log-file", server_log(index)},
                     m_files.path("serve" + std::to_string(index) + ".err"));
    }
    // SIGTERM, as systemctl stop sends it; waits for the exit.
    static void stop(pid_t& server) {
        if (server <= 0) return;
        ::kill(server, SIGTERM);
        ::waitpid(server, nullptr, 0);
        server = -1;
    }
    // Restarts process `index` (the new release, as systemctl restart does) and waits until it is ready.
    bool restart(int index) {
        stop(m_servers.at(index));
        m_servers.at(index) = start_server(index);
        const std::string process = "http://127.0.0.1:" + std::to_string(m_upstream.at(index));
        bool ready = false;
        for (int attempt = 0; attempt < 200 && !ready; ++attempt) {
            ready = ita::test::output_of("curl -s " + process + "/readyz").starts_with("ready");
            if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        // Then until nginx sends it requests again (it leaves a process that failed alone for
        // its fail_timeout): the README's step, through the process's own /metrics.
        const std::string served = "curl -s " + process + "/metrics | grep -c '^ita_http_requests_total{route=\"/agency/'";
        for (int attempt = 0; attempt < 400 && ready; ++attempt) {
            if (ita::test::output_of(served) != "0\n") return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return false;
    }

    [[nodiscard]] std::string base() const { return "https://127.0.0.1:" + std::to_string(m_https_port); }
    [[nodiscard]] std::string prefix() const { return m_files.path("nginx"); }
    [[nodiscard]] std::string server_log(int index) const { return m_files.path("serve" + std::to_string(index) + ".log"); }
    [[nodiscard]] int http_port() const { return m_http_port; }
    [[nodiscard]] int https_port() const { return m_https_port; }
    [[nodiscard]] const std::string& health() const { return m_health; }
    std::vector<pid_t>& servers() { return m_servers; }

private:
    ita::test::TempDir m_files;
    std::string m_db;
    std::vector<int> m_upstream;
    int m_https_port = 0, m_http_port = 0;
    std::vector<pid_t> m_servers;
    pid_t m_nginx = -1;
    std::string m_health;
};

std::string agencies_file(ita::test::TempDir& files) {
    return files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n");
}

}  // namespace

TEST(Nginx, TlsInFrontOfTwoServers) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const std::string ita = ITA_BINARY;
    ASSERT_EQ(
        std::system((ita + " import --db " + db + " agencies " + agencies_file(files) + " 2>/dev/null && echo 'correct horse battery' | " +
                     ita + " users add --db " + db + " --user somchai --name 'สมชาย' --role auditor 2>/dev/null")
                        .c_str()),
        0);
    Deployment deployment(db);
    const std::string base = deployment.base();
    const std::string prefix = deployment.prefix();
    const int http_port = deployment.http_port(), https_port = deployment.https_port();
    const std::string& health = deployment.health();
    EXPECT_TRUE(health.starts_with("ok\nita ")) << ita::test::output_of("cat " + prefix + "/logs/error.log");

    // Plain HTTP is sent to HTTPS; over TLS the session cookie is Secure.
    EXPECT_NE(ita::test::output_of("curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://127.0.0.1:" + std::to_string(http_port) +
                                   "/login")
                  .find("301 https://"),
              std::string::npos);
    // Signing in as a browser does: the form's cookie and token first.
    const std::string jar = files.path("cookies.txt");
    const std::string form = ita::test::output_of("curl -sk -c " + jar + " " + base + "/login");
    const auto token_at = form.find("name=\"csrf\" value=\"");
    ASSERT_NE(token_at, std::string::npos) << form;
    const std::string headers = ita::test::output_of(
        "curl -sk -b " + jar + " -D - -o /dev/null -d 'user=somchai&password=correct+horse+battery&csrf=" + form.substr(token_at + 19, 32) +
        "' " + base + "/login");
    EXPECT_NE(headers.find("Strict-Transport-Security"), std::string::npos) << headers;
    EXPECT_NE(headers.find("303"), std::string::npos) << headers;
    EXPECT_NE(headers.find("; Secure"), std::string::npos) << headers;
    // No version in the Server header; nosniff on every response.
    EXPECT_NE(headers.find("Server: nginx\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("X-Content-Type-Options: nosniff"), std::string::npos) << headers;
    // TLS 1.2 only with forward secrecy: a static-RSA cipher gets no handshake, ECDHE does.
    const std::string connect = "openssl s_client -connect 127.0.0.1:" + std::to_string(https_port) + " -tls1_2 -cipher ";
    EXPECT_EQ(ita::test::output_of("echo | " + connect + "AES128-GCM-SHA256 2>&1 | grep -c 'Cipher is AES128-GCM-SHA256'"), "0\n");
    EXPECT_EQ(
        ita::test::output_of("echo | " + connect + "ECDHE-RSA-AES128-GCM-SHA256 2>&1 | grep -c 'Cipher is ECDHE-RSA-AES128-GCM-SHA256'"),
        "1\n");
    // Malformed HTTP gets nginx's 400 (ita behind it only ever sees what nginx parsed).
    EXPECT_NE(ita::test::output_of("printf 'GARBAGE\\r\\n\\r\\n' | openssl s_client -quiet -connect 127.0.0.1:" +
                                   std::to_string(https_port) + " 2>/dev/null")
                  .find("400"),
              std::string::npos);
    for (int request = 0; request < 8; ++request) ita::test::output_of("curl -sk " + base + "/healthz");
    // Prometheus reads each process on loopback; through nginx /metrics does not exist.
    EXPECT_EQ(ita::test::output_of("curl -sk -o /dev/null -w '%{http_code}' " + base + "/metrics"), "404");

    // A staff member opens the code card's QR address and answers: the code is in no log line,
    // nginx's or either ita's, though the requests are logged (with the code redacted).
    const std::string code =
        ita::test::output_of(ita + " codes --db " + db + " --year 2565 --agency A1 --count 1 2>/dev/null").substr(0, 11);
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(ita::test::output_of("curl -sk -o /dev/null -w '%{http_code}' " + base + "/s/" + code), "200");
    EXPECT_EQ(ita::test::output_of("curl -sk -o /dev/null -w '%{http_code}' -e " + base + "/s/" + code + " -d 'code=" + code + "&I1.1=4' " +
                                   base + "/s"),
              "422");  // incomplete answers: the form comes back
    EXPECT_EQ(ita::test::output_of("curl -sk -o /dev/null -w '%{http_code}' -X POST " + base + "/api/v1/staff-survey/" + code), "400");

    for (pid_t& server : deployment.servers()) Deployment::stop(server);
    // Every process down: nginx's own answer, a Thai line that names nothing behind it.
    const std::string down = ita::test::output_of("curl -sk -w ' %{http_code}' " + base + "/national");
    EXPECT_NE(down.find("ระบบ ITA ไม่พร้อมให้บริการชั่วคราว"), std::string::npos) << down;
    EXPECT_NE(down.find(" 503"), std::string::npos) << down;
    std::string logs = ita::test::output_of("cat " + prefix + "/logs/*.log " + deployment.server_log(0) + " " + deployment.server_log(1));
    EXPECT_EQ(logs.find(code), std::string::npos) << logs;
    EXPECT_NE(ita::test::output_of("cat " + prefix + "/logs/ita.access.log").find("GET /s/[code] HTTP"), std::string::npos);
    EXPECT_NE(logs.find("\"path\":\"/s/[code]\""), std::string::npos);
    // Behind the proxy ita logs the client's address (X-Forwarded-For from a trusted proxy).
    EXPECT_NE(logs.find("\"remote\":\"127.0.0.1\""), std::string::npos);
    // Both processes served requests: nothing lives in one process only.
    for (int index = 0; index < 2; ++index)
        EXPECT_NE(ita::test::output_of("cat " + deployment.server_log(index)).find("\"path\":\"/healthz\""), std::string::npos)
            << "process " << index << " got no request";
}

// A rolling upgrade as README's "On a server" describes it, under load through nginx: the new
// ita's migration is applied while both processes serve (here a migration that only adds,
// declared readable by this schema, as the newer ita writes it), then each process is restarted
// in turn. No request may fail: GETs and POSTs alike reach a process that answers.
TEST(Nginx, ARollingUpgradeFailsNoRequest) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const std::string ita = ITA_BINARY;
    ASSERT_EQ(std::system((ita + " import --db " + db + " agencies " + agencies_file(files) + " 2>/dev/null && " + ita + " import --db " +
                           db + " --year 2565 published " + std::string(ITA_SOURCE_DIR) +
                           "/tests/golden/2565/seed002_indicators/published.csv 2>/dev/null && " + ita + " publish --db " + db +
                           " --year 2565 2>/dev/null")
                              .c_str()),
              0);
    Deployment deployment(db);
    ASSERT_TRUE(deployment.health().starts_with("ok\n")) << deployment.health();
    const std::string base = deployment.base();
    // Each round: the public page, the health check and a sign-in form post without its token
    // (answered 400 by whichever process gets it; a POST is retried only if nginx may).
    std::string urls;
    for (int index = 0; index < 10; ++index) urls += " -o /dev/null " + base + "/agency/A1?year=2565 -o /dev/null " + base + "/healthz";
    std::atomic<bool> loading{true};
    std::vector<std::string> answers;
    std::thread load([&] {
        while (loading) {
            const std::string codes = ita::test::output_of("curl -sk -w '%{http_code}\\n'" + urls + " 2>&1");
            const std::string posted =
                ita::test::output_of("curl -sk -o /dev/null -w 'POST %{http_code}\\n' -d 'user=x&password=y' " + base + "/login 2>&1");
            answers.push_back(codes + posted);
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // The new ita's `ita migrate`: schema one newer, declared runnable by the running release.
    const std::string newest = ita::test::output_of("sqlite3 " + db + " 'SELECT max(version) FROM schema_migrations'");
    const int known = std::stoi(newest);
    ASSERT_EQ(
        ita::test::output_of("sqlite3 " + db + " \"INSERT INTO schema_migrations VALUES (" + std::to_string(known + 1) +
                             ", 'NNN_added.sql', '2026-11-30T00:00:00Z'); INSERT INTO settings VALUES ('schema_readable_from', CAST('" +
                             std::to_string(known + 1) + ":" + std::to_string(known) +
                             "' AS BLOB)) ON CONFLICT (name) DO UPDATE SET value = excluded.value\" 2>&1"),
        "");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // As the README says: restart one, wait until it is ready and nginx sends it requests again,
    // then the next.
    EXPECT_TRUE(deployment.restart(0)) << "process 0 did not come back into service";
    EXPECT_TRUE(deployment.restart(1)) << "process 1 did not come back into service";
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    loading = false;
    load.join();
    std::size_t gets = 0, posts = 0;
    std::map<std::string, int> failures;  // answer -> how many
    for (const auto& batch : answers) {
        std::istringstream lines(batch);
        for (std::string line; std::getline(lines, line);) {
            const bool post = line.starts_with("POST ");
            ++(post ? posts : gets);
            if (line != (post ? "POST 400" : "200")) ++failures[line.substr(0, 40)];
        }
    }
    std::string failed;
    for (const auto& [answer, count] : failures) failed += answer + " ×" + std::to_string(count) + "\n";
    EXPECT_EQ(failed, "") << "of " << gets << " GETs and " << posts << " POSTs\n"
                          << ita::test::output_of("tail -c 3000 " + deployment.prefix() + "/logs/ita.error.log; grep -c . " +
                                                  deployment.prefix() + "/logs/ita.access.log");
    EXPECT_GT(gets, 200u);
    EXPECT_GT(posts, 5u);
}
