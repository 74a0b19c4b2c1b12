#include <ita/server/account_admin_routes.hpp>

#include <ita/server/account_routes.hpp>
#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/accounts.hpp>
#include <ita/service/season.hpp>
#include <ita/thai/search_key.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <ctime>
#include <sstream>

namespace ita::server {

namespace {

// Rows past this many are found by searching (a nation has over 8,000 working groups).
constexpr std::size_t listed_users = 200;

std::string field(const FormFields& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found != fields.end() ? found->second : std::string();
}

std::string status_text(const storage::User& user) {
    if (user.disabled) return "ระงับการใช้งาน";
    if (user.must_change_password) return "รอเปลี่ยนรหัสผ่านครั้งแรก";
    return "ใช้งาน";
}

// The roles of a <select>, the chosen one marked.
data role_options(std::optional<core::Role> chosen) {
    data options{data::type::list};
    for (const auto role : {core::Role::agency_admin, core::Role::auditor, core::Role::national_admin}) {
        data option;
        option.set("code", std::string(core::role_code(role)));
        option.set("label", std::string(core::role_label(role)));
        option.set("selected", flag(role == chosen));
        options.push_back(option);
    }
    return options;
}

struct AccountsForm {
    FormFields values;
    std::string notice;
    std::vector<std::string> errors;
};

HttpResponse accounts_page(storage::Store& store, const storage::Session& session, const std::string& query, const AccountsForm& form,
                           int status) {
    data context;
    context.set("title", "บัญชีผู้ใช้และสิทธิ์");
    context.set("wide", flag(true));
    context.set("csrf", session.csrf);
    context.set("year", std::to_string(open_or_current_fiscal_year(store)));
    set_notice_and_errors(context, form.notice, form.errors);
    for (const char* name : {"user", "name", "agency"}) context.set(std::string("f_") + name, field(form.values, name));
    context.set("agencies", field(form.values, "agencies"));
    context.set("roles", role_options(core::parse_role(field(form.values, "role"))));

    auto users = store.users();
    auto agencies = store.agencies();
    if (!users) return error_response(users.error());
    if (!agencies) return error_response(agencies.error());
    std::size_t served = 0;
    for (const auto& agency : *agencies)
        if (std::any_of(users->begin(), users->end(), [&](const storage::User& user) {
                return user.role == core::Role::agency_admin && user.agency_id == agency.agency_id;
            }))
            ++served;
    context.set("agency_count", std::to_string(agencies->size()));
    context.set("without_account", std::to_string(agencies->size() - served));
    context.set("user_count", std::to_string(users->size()));
    context.set("q", query);
    const auto wanted = thai::search_key(query);
    data rows{data::type::list};
    std::size_t matched = 0;
    for (const auto& user : *users) {
        if (!wanted.empty() &&
            thai::search_key(user.user_id + " " + user.display_name + " " + user.agency_id).find(wanted) == std::string::npos)
            continue;
        if (++matched > listed_users) continue;
        data row;
        row.set("user_id", user.user_id);
        row.set("name", user.display_name);
        row.set("role", std::string(core::role_label(user.role)));
        row.set("agency", user.agency_id);
        row.set("status", status_text(user));
        row.set("self", flag(user.user_id == session.user.user_id));
        row.set("toggle", std::string(user.disabled ? "enable" : "disable"));
        row.set("toggle_label", std::string(user.disabled ? "เปิดใช้งาน" : "ระงับการใช้งาน"));
        row.set("role_options", role_options(user.role));
        rows.push_back(row);
    }
    context.set("users", rows);
    context.set("more", flag(matched > listed_users));
    context.set("shown", std::to_string(std::min(matched, listed_users)));
    context.set("matched", std::to_string(matched));
    return html_page(status, "national_accounts", context);
}

HttpResponse letters_page(const HttpRequest& request, const std::vector<service::IssuedAccount>& accounts) {
    data context;
    context.set("count", std::to_string(accounts.size()));
    const std::string scheme = request.forwarded_proto == "https" ? "https" : "http";
    const std::string sign_in = scheme + "://" + (request.host.empty() ? std::string("localhost") : request.host) + "/login";
    data letters{data::type::list};
    for (const auto& account : accounts) {
        data letter;
        letter.set("user_id", account.user_id);
        letter.set("name", account.display_name);
        letter.set("agency_name", account.agency_name);
        letter.set("password", account.password);
        letter.set("role", std::string(core::role_label(account.role)));
        letter.set("sign_in", sign_in);
        letters.push_back(letter);
    }
    context.set("letters", letters);
    return html_page(200, "account_letters", context);
}

HttpResponse password_page(const storage::Session& session, const std::string& notice, const std::vector<std::string>& errors, int status) {
    data context;
    context.set("title", "เปลี่ยนรหัสผ่าน");
    context.set("user", session.user.user_id);
    context.set("csrf", session.csrf);
    context.set("must_change", flag(session.user.must_change_password));
    set_notice_and_errors(context, notice, errors);
    return html_page(status, "account_password", context);
}

// A form post by a national admin, or the refusal. Accounts belong to no fiscal year.
std::expected<SessionRequest, HttpResponse> national_post(const ResultsContext& context, const HttpRequest& request) {
    auto store = lease_store(context.db);
    if (!store) return std::unexpected(error_response(store.error()));
    auto session = national_access(**store, request, request.form);
    if (!session) return std::unexpected(session.error());
    return SessionRequest{*store, std::move(*session), 0, request.form};
}

}  // namespace

void add_account_admin_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/national/accounts", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = national_access(**store, request, {});
        if (!session) return session.error();
        const auto query = request.query.contains("q") ? request.query.at("q") : std::string();
        const auto done = request.query.find("done");
        AccountsForm form;
        if (done != request.query.end())
            form.notice = done->second == "disabled" ? "ระงับการใช้งานบัญชีแล้ว การเข้าสู่ระบบของบัญชีนั้นสิ้นสุดแล้ว"
                          : done->second == "role" ? "เปลี่ยนบทบาทแล้ว ผู้ใช้ต้องเข้าสู่ระบบใหม่"
                                                   : "เปิดใช้งานบัญชีแล้ว";
        return accounts_page(**store, *session, query, form, 200);
    });
    router.add("POST", "/national/accounts", [context](const HttpRequest& request) {
        auto call = national_post(context, request);
        if (!call) return call.error();
        const auto& fields = call->fields;
        const auto password = service::temporary_password();
        const auto added = service::add_user(*call->store, field(fields, "user"), field(fields, "name"), field(fields, "role"),
                                             field(fields, "agency"), password, call->session.user.user_id, true);
        if (!added) {
            if (added.error().code == ErrorCode::internal || added.error().code == ErrorCode::io) return error_response(added.error());
            std::string message = added.error().message;
            if (message.starts_with("--user"))
                message = "ชื่อผู้ใช้: ใช้ตัวอักษรอังกฤษ ตัวเลข . _ - ได้ไม่เกิน 64 ตัว";
            else if (message.starts_with("--role"))
                message = "บทบาท: เลือกจากรายการ";
            else if (message.starts_with("an agency admin"))
                message = "รหัสหน่วยงาน: คณะทำงานต้องระบุหน่วยงานที่มีในระบบ";
            else if (added.error().code == ErrorCode::conflict)
                message = "ชื่อผู้ใช้นี้มีอยู่แล้ว";
            return accounts_page(*call->store, call->session, "", {fields, "", {message}}, form_problems_status);
        }
        service::IssuedAccount account{
            field(fields, "user"), field(fields, "name"), *core::parse_role(field(fields, "role")), field(fields, "agency"), "", password};
        if (auto agency = call->store->agency(account.agency_id); agency && *agency) account.agency_name = (*agency)->name;
        if (account.role != core::Role::agency_admin) account.agency_id.clear();
        return letters_page(request, {account});
    });
    router.add("POST", "/national/accounts/agencies", [context](const HttpRequest& request) {
        auto call = national_post(context, request);
        if (!call) return call.error();
        // The same agency list the season takes: one id a line, or a CSV with an agency_id column.
        std::vector<std::string> named;
        if (const auto text = field(call->fields, "agencies"); !util::trim(text).empty()) {
            auto listed = service::read_agency_list(*call->store, text, "agencies");
            if (!listed) {
                if (listed.error().code != ErrorCode::invalid_input) return error_response(listed.error());
                std::vector<std::string> lines;
                for (const auto& diagnostic : listed.error().diagnostics) lines.push_back(agency_list_problem(diagnostic));
                return accounts_page(*call->store, call->session, "", {call->fields, "", lines}, form_problems_status);
            }
            named = std::move(*listed);
        }
        auto issued = service::create_agency_accounts(*call->store, named, call->session.user.user_id);
        if (!issued) {
            if (issued.error().code != ErrorCode::invalid_input) return error_response(issued.error());
            return accounts_page(*call->store, call->session, "", {call->fields, "", {issued.error().message}}, form_problems_status);
        }
        if (issued->empty())
            return accounts_page(*call->store, call->session, "", {call->fields, "ทุกหน่วยงานที่ระบุมีบัญชีคณะทำงานอยู่แล้ว", {}}, 200);
        return letters_page(request, *issued);
    });
    router.add("POST", "/national/accounts/reset", [context](const HttpRequest& request) {
        auto call = national_post(context, request);
        if (!call) return call.error();
        auto reset = service::reset_password(*call->store, field(call->fields, "user"), call->session.user.user_id);
        if (!reset) {
            if (reset.error().code == ErrorCode::not_found) return message_page(404, "ไม่พบผู้ใช้", "ไม่มีผู้ใช้ชื่อนี้ในระบบ");
            return error_response(reset.error());
        }
        return letters_page(request, {*reset});
    });
    router.add("POST", "/national/accounts/role", [context](const HttpRequest& request) {
        auto call = national_post(context, request);
        if (!call) return call.error();
        const auto changed = service::change_role(*call->store, field(call->fields, "user"), field(call->fields, "role"),
                                                  field(call->fields, "agency"), call->session.user.user_id);
        if (!changed) {
            if (changed.error().code == ErrorCode::not_found) return message_page(404, "ไม่พบผู้ใช้", "ไม่มีผู้ใช้ชื่อนี้ในระบบ");
            if (changed.error().code == ErrorCode::invalid_input)
                return accounts_page(*call->store, call->session, "", {{}, "", {changed.error().message}}, form_problems_status);
            return error_response(changed.error());
        }
        return see_other("/national/accounts?done=role");
    });
    for (const bool disable : {true, false}) {
        router.add(
            "POST", disable ? "/national/accounts/disable" : "/national/accounts/enable", [context, disable](const HttpRequest& request) {
                auto call = national_post(context, request);
                if (!call) return call.error();
                const auto changed = service::set_disabled(*call->store, field(call->fields, "user"), disable, call->session.user.user_id);
                if (!changed) {
                    if (changed.error().code == ErrorCode::not_found) return message_page(404, "ไม่พบผู้ใช้", "ไม่มีผู้ใช้ชื่อนี้ในระบบ");
                    if (changed.error().code == ErrorCode::invalid_input)
                        return accounts_page(*call->store, call->session, "", {{}, "", {changed.error().message}}, form_problems_status);
                    return error_response(changed.error());
                }
                return see_other(std::string("/national/accounts?done=") + (disable ? "disabled" : "enabled"));
            });
    }

    router.add("GET", "/account/password", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = signed_in(**store, request, {});
        if (!session) return session.error();
        return password_page(*session, request.query.contains("done") ? "เปลี่ยนรหัสผ่านแล้ว" : "", {}, 200);
    });
    router.add("POST", "/account/password", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = signed_in(**store, request, request.form);
        if (!session) return session.error();
        const auto& fields = request.form;
        if (field(fields, "fresh") != field(fields, "again"))
            return password_page(*session, "", {"รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"}, form_problems_status);
        auto changed =
            service::change_password(**store, session->user.user_id, field(fields, "current"), field(fields, "fresh"), std::time(nullptr));
        if (!changed) {
            if (changed.error().code != ErrorCode::invalid_input) return error_response(changed.error());
            return password_page(*session, "", {changed.error().message}, form_problems_status);
        }
        auto response = see_other("/account/password?done=1");
        response.headers.emplace_back("Set-Cookie", session_cookie_header(request, changed->token));
        return response;
    });
}

}  // namespace ita::server
