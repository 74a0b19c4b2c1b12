// The access log's lines: survey codes redacted, every string escaped so a request cannot
// forge a line or break the JSON.
#include <ita/server/access_log.hpp>
#include <ita/util/log.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using ita::server::loggable_path;

namespace {
// The line ita serve writes for a request, at 2026-11-30 10:20:01.5 UTC.
std::string access_log_line(std::string_view method, std::string_view path, int status, std::size_t bytes, double milliseconds,
                            std::string_view remote) {
    return ita::util::log_line(ita::util::LogLevel::info, ita::server::access_log_fields(method, path, status, bytes, milliseconds, remote),
                               1796034001500);
}
}  // namespace

TEST(AccessLog, SurveyCodesNeverReachTheLog) {
    EXPECT_EQ(loggable_path("/s/ABCDE-FGHJK"), "/s/[code]");
    EXPECT_EQ(loggable_path("/api/v1/staff-survey/ABCDE-FGHJK"), "/api/v1/staff-survey/[code]");
    EXPECT_EQ(loggable_path("/s/thanks"), "/s/thanks");
    EXPECT_EQ(loggable_path("/s"), "/s");
    EXPECT_EQ(loggable_path("/e/A1"), "/e/A1");
    const auto line = access_log_line("GET", "/s/ABCDE-FGHJK", 200, 10, 1.5, "127.0.0.1");
    EXPECT_EQ(line.find("ABCDE"), std::string::npos) << line;
}

TEST(AccessLog, ARequestCannotForgeALine) {
    const auto line = access_log_line("GET", "/x\"}\n{\"method\":\"POST\",\"path\":\"/national/publish\\", 404, 0, 0.1, "10.0.0.1");
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line per request: " << line;
    const auto parsed = nlohmann::json::parse(line);
    EXPECT_EQ(parsed.at("path"), "/x\"}\n{\"method\":\"POST\",\"path\":\"/national/publish\\");
    EXPECT_EQ(parsed.at("status"), 404);
    EXPECT_EQ(parsed.at("time"), "2026-11-30T17:20:01.500+07:00") << "Bangkok time, with its offset";
    EXPECT_EQ(parsed.at("level"), "info");
    // Bytes that are not text come out escaped, and the line stays valid JSON.
    const auto bytes = nlohmann::json::parse(access_log_line("GET", std::string("/\xff\x01\x7f"), 400, 0, 0, "::1"), nullptr, false);
    EXPECT_FALSE(bytes.is_discarded());
    EXPECT_EQ(bytes.at("status"), 400);
}

#include <ita/server/security_headers.hpp>

TEST(SecurityHeaders, NoHeaderCarriesALineBreak) {
    ita::server::HttpResponse fine{200, "application/pdf", "", {{"Content-Disposition", "attachment; filename=\"ita-2565-A1.pdf\""}}, {}};
    EXPECT_TRUE(ita::server::headers_are_safe(fine));
    ita::server::HttpResponse injected{
        200, "application/pdf", "", {{"Content-Disposition", "attachment; filename=\"A1\r\nSet-Cookie: x=1\""}}, {}};
    EXPECT_FALSE(ita::server::headers_are_safe(injected));
    ita::server::HttpResponse bad_name{200, "text/plain", "", {{"X Bad", "1"}}, {}};
    EXPECT_FALSE(ita::server::headers_are_safe(bad_name));
    ita::server::HttpResponse page{200, "text/html; charset=utf-8", "", {}, {}};
    ita::server::add_security_headers(page);
    EXPECT_EQ(page.headers.at(0).first, "Content-Security-Policy");
    EXPECT_NE(page.headers.at(0).second.find("script-src 'self'"), std::string::npos);
}

TEST(Log, ThaiMessagesStayReadableAndBadBytesCannotBreakALine) {
    std::string out;
    ita::util::append_json_escaped(out, "ตรวจลิงก์ \"O1\"\n", 100);
    EXPECT_EQ(out, "ตรวจลิงก์ \\\"O1\\\"\\u000a");
    out.clear();
    ita::util::append_json_escaped(out, std::string("a\xe0\xb8"), 100);  // a Thai letter cut short
    EXPECT_EQ(out, "a\\ufffd\\ufffd");
    out.clear();
    ita::util::append_json_escaped(out, "กขค", 4);  // cut on a letter's boundary, never inside one
    EXPECT_EQ(out, "ก\\u2026");
}
