// Accounts on the web (issue 16): working-group accounts made in bulk with first-sign-in
// letters, a temporary password that opens nothing but the page that changes it, resets that
// end sessions, disabled accounts that cannot sign in, and every change in the audit log.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace {

using ita::test::add_user;
using ita::test::post_login;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

const std::string form_type = "application/x-www-form-urlencoded";

// The temporary password a letters page shows for `user`.
std::string password_in(const std::string& letters, const std::string& user) {
    const std::regex pattern(user + R"(</dd>\s*<dt>รหัสผ่านชั่วคราว</dt><dd class="secret">([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</dd>)");
    std::smatch match;
    return std::regex_search(letters, match, pattern) ? match[1].str() : std::string();
}

// The session cookie a sign-in set (empty when it set none).
httplib::Headers cookie_of(const httplib::Result& response) {
    const std::string cookie = response->get_header_value("Set-Cookie");
    return {{"Cookie", cookie.substr(0, cookie.find(';'))}};
}

std::string csrf_on(const std::string& body) {
    const auto at = body.find("name=\"csrf\" value=\"");
    return at == std::string::npos ? "" : body.substr(at + 19, 32);
}

}  // namespace

TEST_F(ServerTest, NationalAdminRunsAccountsOnTheWeb) {
    ASSERT_EQ(
        run("import --db " + m_db + " agencies " +
            m_files.write("more.csv",
                          "agency_id,name,type,province\nA2,เทศบาลตำบลนาเวียง,เทศบาลตำบล,ยโสธร\nA3,อบต.บ้านโฮ่ง,องค์การบริหารส่วนตำบล,ลำพูน\n")),
        0);
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    const auto [nation, csrf] = sign_in(*m_client, "nation");
    const auto page = m_client->Get("/national/accounts", nation);
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("ยังไม่มีบัญชี 2 จาก 3 หน่วยงาน"), std::string::npos) << page->body;

    // In bulk: A2 and A3 get letters; A1 (which has its group) does not.
    const auto letters = m_client->Post("/national/accounts/agencies", nation, "csrf=" + csrf + "&agencies=", form_type);
    ASSERT_EQ(letters->status, 200);
    EXPECT_EQ(letters->get_header_value("Cache-Control"), "no-store");
    EXPECT_NE(letters->body.find("คณะทำงาน ITA เทศบาลตำบลนาเวียง"), std::string::npos);
    EXPECT_EQ(letters->body.find("wg-a1"), std::string::npos);
    const std::string first = password_in(letters->body, "wg-a2");
    ASSERT_FALSE(first.empty()) << letters->body;
    EXPECT_FALSE(password_in(letters->body, "wg-a3").empty());
    EXPECT_NE(letters->body.find("http://127.0.0.1:" + std::to_string(m_port) + "/login"), std::string::npos);
    // The database keeps only a hash.
    EXPECT_EQ(ita::test::output_of("sqlite3 " + m_db + " \"SELECT count(*) FROM users WHERE password_hash LIKE '%" + first + "%'\""),
              "0\n");
    EXPECT_NE(m_client->Post("/national/accounts/agencies", nation, "csrf=" + csrf + "&agencies=", form_type)
                  ->body.find("ทุกหน่วยงานที่ระบุมีบัญชีคณะทำงานอยู่แล้ว"),
              std::string::npos);
    EXPECT_EQ(m_client->Post("/national/accounts/agencies", nation, "csrf=" + csrf + "&agencies=A9", form_type)->status, 422);

    // The temporary password opens only the page that changes it, on the web and not at all by API.
    const auto signed_in = post_login(*m_client, "user=wg-a2&password=" + first);
    ASSERT_EQ(signed_in->status, 303);
    EXPECT_EQ(signed_in->get_header_value("Location"), "/account/password");
    const auto group = cookie_of(signed_in);
    const auto elsewhere = m_client->Get("/admin/measures?year=2566", group);
    EXPECT_EQ(elsewhere->status, 303);
    EXPECT_EQ(elsewhere->get_header_value("Location"), "/account/password");
    EXPECT_EQ(m_client->Post("/api/v1/session", R"({"user":"wg-a2","password":")" + first + R"("})", "application/json")->status, 403);
    const auto form = m_client->Get("/account/password", group);
    ASSERT_EQ(form->status, 200);
    EXPECT_NE(form->body.find("โปรดตั้งรหัสผ่านใหม่ของท่านก่อนใช้งานหน้าอื่น"), std::string::npos);
    const std::string group_csrf = csrf_on(form->body);
    const auto send = [&](const std::string& current, const std::string& fresh, const std::string& again) {
        return m_client->Post("/account/password", group,
                              "csrf=" + group_csrf + "&current=" + current + "&fresh=" + fresh + "&again=" + again, form_type);
    };
    EXPECT_NE(send(first, "new-password-1", "new-password-2")->body.find("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"), std::string::npos);
    EXPECT_NE(send("wrong-password", "new-password-1", "new-password-1")->body.find("รหัสผ่านปัจจุบันไม่ถูกต้อง"), std::string::npos);
    EXPECT_NE(send(first, "short", "short")->body.find("อย่างน้อย 10 ตัวอักษร"), std::string::npos);
    const auto changed = send(first, "new-password-1", "new-password-1");
    ASSERT_EQ(changed->status, 303);
    const auto renewed = cookie_of(changed);
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", group)->status, 303);      // the old session ended
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", renewed)->status, 200);    // the new one works
    EXPECT_EQ(post_login(*m_client, "user=wg-a2&password=" + first)->status, 401);  // the temporary one is spent

    // A reset: a new letter, every session ends, the old password no longer works.
    const auto reset = m_client->Post("/national/accounts/reset", nation, "csrf=" + csrf + "&user=wg-a2", form_type);
    ASSERT_EQ(reset->status, 200);
    const std::string second = password_in(reset->body, "wg-a2");
    ASSERT_FALSE(second.empty());
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", renewed)->status, 303);
    EXPECT_EQ(post_login(*m_client, "user=wg-a2&password=new-password-1")->status, 401);
    EXPECT_EQ(post_login(*m_client, "user=wg-a2&password=" + second)->get_header_value("Location"), "/account/password");

    // Disabled: no sign-in even with the right password, its sessions gone; enabled again: back.
    const auto working = sign_in(*m_client, "wg").first;
    ASSERT_EQ(m_client->Post("/national/accounts/disable", nation, "csrf=" + csrf + "&user=wg", form_type)->status, 303);
    EXPECT_EQ(m_client->Get("/admin/measures?year=2566", working)->status, 303);
    const auto refused = post_login(*m_client, "user=wg&password=correct+horse+battery");
    EXPECT_EQ(refused->status, 403);
    EXPECT_NE(refused->body.find("บัญชีนี้ถูกระงับการใช้งาน"), std::string::npos);
    EXPECT_NE(m_client->Get("/national/accounts?q=wg", nation)->body.find("ระงับการใช้งาน"), std::string::npos);
    ASSERT_EQ(m_client->Post("/national/accounts/enable", nation, "csrf=" + csrf + "&user=wg", form_type)->status, 303);
    EXPECT_EQ(post_login(*m_client, "user=wg&password=correct+horse+battery")->status, 303);
    EXPECT_EQ(m_client->Post("/national/accounts/disable", nation, "csrf=" + csrf + "&user=nation", form_type)->status, 422);

    // Another role: wg-a3 becomes an auditor (its sessions end); nobody changes their own.
    ASSERT_EQ(m_client->Post("/national/accounts/role", nation, "csrf=" + csrf + "&user=wg-a3&role=auditor&agency=", form_type)->status,
              303);
    EXPECT_EQ(ita::test::output_of("sqlite3 " + m_db + " \"SELECT role, agency_id IS NULL FROM users WHERE user_id = 'wg-a3'\""),
              "auditor|1\n");
    const auto own_role = m_client->Post("/national/accounts/role", nation, "csrf=" + csrf + "&user=nation&role=auditor", form_type);
    EXPECT_EQ(own_role->status, 422);
    EXPECT_NE(own_role->body.find("เปลี่ยนบทบาทของบัญชีตนเองไม่ได้"), std::string::npos);
    EXPECT_EQ(
        m_client->Post("/national/accounts/role", nation, "csrf=" + csrf + "&user=wg-a3&role=agency_admin&agency=A9", form_type)->status,
        422);

    // One account by hand: an auditor, with a letter; a name taken is refused in Thai.
    const auto auditor = m_client->Post(
        "/national/accounts", nation,
        "csrf=" + csrf + "&user=audit2&name=" + httplib::detail::encode_query_param("ผู้ตรวจ สอง") + "&role=auditor", form_type);
    ASSERT_EQ(auditor->status, 200);
    EXPECT_FALSE(password_in(auditor->body, "audit2").empty()) << auditor->body;
    const auto taken = m_client->Post("/national/accounts", nation, "csrf=" + csrf + "&user=audit2&name=x&role=auditor", form_type);
    EXPECT_EQ(taken->status, 422);
    EXPECT_NE(taken->body.find("ชื่อผู้ใช้นี้มีอยู่แล้ว"), std::string::npos) << taken->body;

    EXPECT_EQ(ita::test::output_of("sqlite3 " + m_db +
                                   " \"SELECT action, count(*) FROM audit_log WHERE action IN ('add user', 'set temporary password', "
                                   "'change password', 'change role', 'disable user', 'enable user') GROUP BY action ORDER BY action\""),
              "add user|5\nchange password|1\nchange role|1\ndisable user|1\nenable user|1\nset temporary password|1\n");
}
