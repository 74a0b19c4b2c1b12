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
#include <chrono>
#include <csignal>
#include <fstream>
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

}  // namespace

TEST(Nginx, TlsInFrontOfTwoServers) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const std::string ita = ITA_BINARY;
    ASSERT_EQ(std::system((ita + " import --db " + db + " agencies " +
                           files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n") +
                           " 2>/dev/null && echo 'correct horse battery' | " + ita + " users add --db " + db +
                           " --user somchai --name 'สมชาย' --role auditor 2>/dev/null")
                              .c_str()),
              0);
    ASSERT_EQ(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + files.path("key.pem") +
                           " -out " + files.path("cert.pem") + " >/dev/null 2>&1")
                              .c_str()),
              0);
    const int upstream[] = {free_port(), free_port()};
    const int https_port = free_port(), http_port = free_port();
    std::vector<pid_t> servers;
    for (int index = 0; index < 2; ++index)
        servers.push_back(spawn({ita, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(upstream[index]), "--threads", "1",
                                 "--no-evidence-check", "--trusted-proxy", "127.0.0.1"},
                                files.path("serve" + std::to_string(index) + ".log")));

    // The shipped configuration, pointed at this test's ports and certificate.
    std::ifstream shipped(std::string(ITA_SOURCE_DIR) + "/deploy/nginx/ita.conf");
    std::stringstream text;
    text << shipped.rdbuf();
    std::string site = text.str();
    replace_all(site, "127.0.0.1:8081", "127.0.0.1:" + std::to_string(upstream[0]));
    replace_all(site, "127.0.0.1:8082", "127.0.0.1:" + std::to_string(upstream[1]));
    replace_all(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + std::to_string(https_port) + " ssl;");
    replace_all(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(http_port) + ";");
    replace_all(site, "/etc/ssl/certs/ita.pem", files.path("cert.pem"));
    replace_all(site, "/etc/ssl/private/ita.key", files.path("key.pem"));
    replace_all(site, "/var/log/nginx/", files.path("nginx") + "/logs/");
    ASSERT_NE(site.find(std::to_string(upstream[1])), std::string::npos);
    const std::string prefix = files.path("nginx");
    std::filesystem::create_directories(prefix + "/logs");
    files.write("nginx/nginx.conf", std::string(::geteuid() == 0 ? "user root;\n" : "") + "worker_processes 1;\ndaemon off;\npid " +
                                        prefix + "/nginx.pid;\nerror_log " + prefix + "/logs/error.log;\nevents {}\nhttp {\naccess_log " +
                                        prefix + "/logs/access.log;\n" + "client_body_temp_path " + prefix + "/body;\nproxy_temp_path " +
                                        prefix + "/proxy;\n" + "fastcgi_temp_path " + prefix + "/fastcgi;\nuwsgi_temp_path " + prefix +
                                        "/uwsgi;\nscgi_temp_path " + prefix + "/scgi;\n" + site + "\n}\n");
    const pid_t nginx = spawn({"/usr/sbin/nginx", "-p", prefix, "-c", prefix + "/nginx.conf"}, files.path("nginx.log"));
    const std::string base = "https://127.0.0.1:" + std::to_string(https_port);
    std::string health;
    for (int attempt = 0; attempt < 100 && health != "ok\n"; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        health = ita::test::output_of("curl -sk " + base + "/healthz");
    }
    EXPECT_EQ(health, "ok\n") << ita::test::output_of("cat " + files.path("nginx.log") + " " + prefix + "/logs/error.log");

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

    for (const pid_t server : servers) {
        ::kill(server, SIGTERM);
        ::waitpid(server, nullptr, 0);
    }
    // Every process down: nginx's own answer, a Thai line that names nothing behind it.
    const std::string down = ita::test::output_of("curl -sk -w ' %{http_code}' " + base + "/national");
    EXPECT_NE(down.find("ระบบ ITA ไม่พร้อมให้บริการชั่วคราว"), std::string::npos) << down;
    EXPECT_NE(down.find(" 503"), std::string::npos) << down;
    ::kill(nginx, SIGQUIT);
    ::waitpid(nginx, nullptr, 0);
    std::string logs = ita::test::output_of("cat " + prefix + "/logs/*.log " + files.path("serve0.log") + " " + files.path("serve1.log"));
    EXPECT_EQ(logs.find(code), std::string::npos) << logs;
    EXPECT_NE(ita::test::output_of("cat " + prefix + "/logs/ita.access.log").find("GET /s/[code] HTTP"), std::string::npos);
    EXPECT_NE(logs.find("\"path\":\"/s/[code]\""), std::string::npos);
    // Behind the proxy ita logs the client's address (X-Forwarded-For from a trusted proxy).
    EXPECT_NE(logs.find("\"remote\":\"127.0.0.1\""), std::string::npos);
    // Both processes served requests: nothing lives in one process only.
    for (int index = 0; index < 2; ++index)
        EXPECT_NE(ita::test::output_of("cat " + files.path("serve" + std::to_string(index) + ".log")).find("\"path\":\"/healthz\""),
                  std::string::npos)
            << "process " << index << " got no request";
}
