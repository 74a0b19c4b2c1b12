#include <ita/server/agency_access.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>

#include <ita/server/account_routes.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

const std::string* field_of(const HttpRequest& request, const std::map<std::string, std::string>& fields, const std::string& name) {
    const auto& source = request.method == "POST" ? fields : request.query;
    const auto found = source.find(name);
    return found == source.end() || found->second.empty() ? nullptr : &found->second;
}

}  // namespace

HttpResponse see_other(const std::string& location) { return {303, "text/plain; charset=utf-8", "", {{"Location", location}}, {}}; }

std::expected<storage::Session, HttpResponse> signed_in(storage::Store& store, const HttpRequest& request, const FormFields& fields) {
    auto session = current_session(store, request);
    if (!session) return std::unexpected(see_other(login_address_for(request)));
    // A password someone else set opens no page but the one that changes it.
    if (session->user.must_change_password && request.path != "/account/password") return std::unexpected(see_other("/account/password"));
    if (request.method == "POST" && !csrf_matches(*session, fields.contains("csrf") ? fields.at("csrf") : ""))
        return std::unexpected(message_page(400, "แบบฟอร์มไม่ถูกต้อง", "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ โปรดลองใหม่"));
    return *session;
}

std::expected<AgencyAccess, HttpResponse> agency_access(storage::Store& store, const HttpRequest& request,
                                                        const std::map<std::string, std::string>& fields) {
    auto session = signed_in(store, request, fields);
    if (!session) return std::unexpected(session.error());
    if (session->user.role == core::Role::agency_admin) return AgencyAccess{*session, session->user.agency_id};
    if (session->user.role == core::Role::national_admin) {
        if (const auto* agency = field_of(request, fields, "agency")) return AgencyAccess{*session, *agency};
        return std::unexpected(message_page(400, "โปรดระบุหน่วยงาน", "ผู้ดูแลระบบระดับประเทศระบุหน่วยงานด้วย ?agency="));
    }
    return std::unexpected(message_page(403, "ไม่มีสิทธิ์", "หน้านี้สำหรับคณะทำงาน ITA ของหน่วยงาน"));
}

std::expected<storage::Session, HttpResponse> reviewer_access(storage::Store& store, const HttpRequest& request,
                                                              const std::map<std::string, std::string>& fields) {
    auto session = signed_in(store, request, fields);
    if (!session || core::reviews_evidence(session->user.role)) return session;
    return std::unexpected(message_page(403, "ไม่มีสิทธิ์", "หน้านี้สำหรับผู้ตรวจประเมิน"));
}

std::expected<storage::Session, HttpResponse> national_access(storage::Store& store, const HttpRequest& request, const FormFields& fields) {
    auto session = signed_in(store, request, fields);
    if (!session || session->user.role == core::Role::national_admin) return session;
    return std::unexpected(message_page(403, "ไม่มีสิทธิ์", "หน้านี้สำหรับผู้ดูแลระบบระดับประเทศ"));
}

std::expected<int, HttpResponse> requested_fiscal_year(storage::Store& store, const HttpRequest& request,
                                                       const std::map<std::string, std::string>& fields) {
    if (const auto* given = field_of(request, fields, "year")) {
        const auto year = util::parse_fiscal_year(*given);
        if (!year) return std::unexpected(message_page(400, "ปีไม่ถูกต้อง", "ระบุปีงบประมาณเป็นปีพุทธศักราช เช่น ?year=2566"));
        return *year;
    }
    const auto open = store.open_fiscal_year();
    if (!open) return std::unexpected(error_response(open.error()));
    if (!*open) return std::unexpected(message_page(404, "ยังไม่เปิดปีการประเมิน", "ผู้ดูแลระบบระดับประเทศต้องเปิดปีการประเมินก่อน"));
    return **open;
}

std::string AgencyRequest::agency_param() const {
    return access.session.user.role == core::Role::agency_admin ? "" : "&agency=" + access.agency_id;
}

std::expected<AgencyRequest, HttpResponse> agency_request(const std::string& db, const HttpRequest& request) {
    auto store = lease_store(db);
    if (!store) return std::unexpected(error_response(store.error()));
    auto fields = request.method == "POST" ? request.form : FormFields{};
    auto access = agency_access(**store, request, fields);
    if (!access) return std::unexpected(access.error());
    const auto year = requested_fiscal_year(**store, request, fields);
    if (!year) return std::unexpected(year.error());
    return AgencyRequest{*store, std::move(*access), *year, std::move(fields)};
}

std::expected<SessionRequest, HttpResponse> session_request(const std::string& db, const HttpRequest& request, SessionCheck check) {
    auto store = lease_store(db);
    if (!store) return std::unexpected(error_response(store.error()));
    auto fields = request.method == "POST" ? request.form : FormFields{};
    auto session = check(**store, request, fields);
    if (!session) return std::unexpected(session.error());
    const auto year = requested_fiscal_year(**store, request, fields);
    if (!year) return std::unexpected(year.error());
    return SessionRequest{*store, std::move(*session), *year, std::move(fields)};
}

int open_or_current_fiscal_year(storage::Store& store) {
    if (auto open = store.open_fiscal_year(); open && *open) return **open;
    return util::fiscal_year_of(*util::parse_iso_date(util::bangkok_date_today()));
}

std::expected<int, HttpResponse> page_fiscal_year(storage::Store& store, const HttpRequest& request) {
    if (request.query.contains("year")) return requested_fiscal_year(store, request, {});
    return open_or_current_fiscal_year(store);
}

}  // namespace ita::server
