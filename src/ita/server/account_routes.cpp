#include <ita/server/account_routes.hpp>

#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/accounts.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace ita::server {

namespace {

constexpr const char* session_cookie = "ita_session";

HttpResponse redirect(const std::string& location) { return {303, "text/plain; charset=utf-8", "", {{"Location", location}}, {}}; }

constexpr const char* login_cookie = "ita_login";

std::string cookie_attributes(const HttpRequest& request, std::int64_t max_age) {
    return "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (request.forwarded_proto == "https" ? "; Secure" : "");
}

bool is_form_token(std::string_view token) {
    return token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The sign-in form with its CSRF token, the same as its cookie's (a double-submit token: a page
// elsewhere can make a browser post the form but cannot read or set the cookie). The cookie's
// token is kept when it has one, so two open tabs both work.
HttpResponse login_form(const HttpRequest& request, int status, const std::string& user, const std::string& error,
                        const std::string& notice, const std::string& next) {
    const auto held = request.cookies.find(login_cookie);
    const std::string token = held != request.cookies.end() && is_form_token(held->second) ? held->second : service::new_form_token();
    auto page = login_page(status, user, error, notice, token, next);
    page.headers.emplace_back("Set-Cookie", std::string(login_cookie) + "=" + token +
                                                "; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600" +
                                                (request.forwarded_proto == "https" ? "; Secure" : ""));
    return page;
}

}  // namespace

std::string session_cookie_header(const HttpRequest& request, const std::string& token) {
    return std::string(session_cookie) + "=" + token + cookie_attributes(request, service::sign_in_policy().session_seconds);
}

std::optional<storage::Session> current_session(storage::Store& store, const HttpRequest& request) {
    const auto cookie = request.cookies.find(session_cookie);
    if (cookie == request.cookies.end()) return std::nullopt;
    auto session = store.session(cookie->second, std::time(nullptr));
    if (!session) return std::nullopt;
    return *session;
}

std::string percent_encoded(std::string_view text, bool keep_slash) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += digits[byte >> 4];
            encoded += digits[byte & 0xF];
        }
    }
    return encoded;
}

bool is_local_address(std::string_view address) {
    if (address.empty() || address.size() > 2000 || address[0] != '/' || address.starts_with("//")) return false;
    return std::all_of(address.begin(), address.end(), [](char c) { return c > 0x20 && c < 0x7f && c != '\\'; });
}

std::string login_address_for(const HttpRequest& request) {
    if (request.method != "GET" && request.method != "HEAD") return "/login";
    std::string address = percent_encoded(request.path, true);
    char separator = '?';
    for (const auto& [name, value] : request.query) {
        address += separator + percent_encoded(name, false) + "=" + percent_encoded(value, false);
        separator = '&';
    }
    return "/login?next=" + percent_encoded(address, false);
}

bool csrf_matches(const storage::Session& session, const std::string& given) {
    if (given.size() != session.csrf.size()) return false;
    unsigned char difference = 0;
    for (std::size_t index = 0; index < given.size(); ++index) difference |= static_cast<unsigned char>(given[index] ^ session.csrf[index]);
    return difference == 0;
}

void add_account_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/login", [](const HttpRequest& request) {
        const auto next = request.query.find("next");
        return login_form(request, 200, "", "", request.query.contains("signed_out") ? "ออกจากระบบแล้ว" : "",
                          next != request.query.end() && is_local_address(next->second) ? next->second : "");
    });
    router.add("POST", "/login", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto& fields = request.form;
        const std::string user = fields.contains("user") ? fields.at("user") : "";
        const std::string password = fields.contains("password") ? fields.at("password") : "";
        const std::string next = fields.contains("next") && is_local_address(fields.at("next")) ? fields.at("next") : "";
        const auto cookie = request.cookies.find(login_cookie);
        const std::string given = fields.contains("csrf") ? fields.at("csrf") : "";
        if (cookie == request.cookies.end() || !is_form_token(given) || !csrf_matches(storage::Session{{}, cookie->second, 0}, given))
            return login_form(request, 400, user, "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ โปรดเข้าสู่ระบบอีกครั้ง", "", next);
        auto signed_in = service::login(**store, user, password, request.remote, std::time(nullptr));
        if (!signed_in) {
            if (signed_in.error().code == ErrorCode::rate_limited)
                return login_form(request, 429, user,
                                  "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไปจากเครือข่ายนี้ โปรดลองใหม่ใน " +
                                      std::to_string(service::sign_in_policy().failure_window_seconds / 60) + " นาที",
                                  "", next);
            if (signed_in.error().code == ErrorCode::invalid_input)
                return login_form(request, 401, user, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "", next);
            if (signed_in.error().code == ErrorCode::conflict)
                return login_form(request, 403, user, "บัญชีนี้ถูกระงับการใช้งาน โปรดติดต่อผู้ดูแลระบบ", "", next);
            return error_response(signed_in.error());
        }
        // A password someone else set is changed before anything else.
        auto response = redirect(signed_in->session.user.must_change_password ? "/account/password" : next.empty() ? "/me" : next);
        response.headers.emplace_back("Set-Cookie", session_cookie_header(request, signed_in->token));
        return response;
    });
    router.add("GET", "/me", [context](const HttpRequest& request) {
        const auto cookie = request.cookies.find(session_cookie);
        if (cookie == request.cookies.end()) return redirect("/login");
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        auto session = (*store)->session(cookie->second, std::time(nullptr));
        if (!session) return redirect("/login");
        return me_page(session->user.display_name, session->user.role, session->user.agency_id, session->csrf);
    });
    router.add("POST", "/logout", [context](const HttpRequest& request) {
        const auto cookie = request.cookies.find(session_cookie);
        if (cookie == request.cookies.end()) return redirect("/login");
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto& fields = request.form;
        auto done = service::logout(**store, cookie->second, fields.contains("csrf") ? fields.at("csrf") : "", std::time(nullptr));
        if (!done && done.error().code == ErrorCode::invalid_input)
            return message_page(400, "ไม่สามารถออกจากระบบได้", "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ โปรดลองใหม่จากหน้าของท่าน");
        auto response = redirect("/login?signed_out=1");
        response.headers.emplace_back("Set-Cookie", std::string(session_cookie) + "=" + cookie_attributes(request, 0));
        return response;
    });
}

}  // namespace ita::server
