#include <ita/server/admin_routes.hpp>

#include <ita/server/account_routes.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

// The agency the signed-in user may act for, or the response that refuses.
std::optional<std::string> acting_agency(const storage::Session& session, const HttpRequest& request, const std::map<std::string, std::string>& fields,
                                         HttpResponse& refusal) {
    if (session.user.role == "agency_admin") return session.user.agency_id;
    if (session.user.role == "national_admin") {
        const auto& source = request.method == "POST" ? fields : request.query;
        if (const auto found = source.find("agency"); found != source.end() && !found->second.empty()) return found->second;
        refusal = message_page(400, "โปรดระบุหน่วยงาน", "ผู้ดูแลระบบระดับประเทศระบุหน่วยงานด้วย ?agency=");
        return std::nullopt;
    }
    refusal = message_page(403, "ไม่มีสิทธิ์", "หน้านี้สำหรับคณะทำงาน ITA ของหน่วยงาน");
    return std::nullopt;
}

}  // namespace

void add_admin_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/admin/codes", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = current_session(**store, request);
        if (!session) return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/login"}}};
        HttpResponse refusal;
        const auto agency = acting_agency(*session, request, {}, refusal);
        if (!agency) return refusal;
        const auto year = (*store)->open_fiscal_year();
        if (!year || !*year) return message_page(404, "ยังไม่เปิดปีการประเมิน", "ผู้ดูแลระบบระดับประเทศต้องเปิดปีการประเมินก่อน");
        return admin_codes_page(*agency, **year, session->csrf);
    });
    router.add("POST", "/admin/codes", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = current_session(**store, request);
        if (!session) return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/login"}}};
        const auto fields = parse_query(request.body);
        if (!csrf_matches(*session, fields.contains("csrf") ? fields.at("csrf") : ""))
            return message_page(400, "แบบฟอร์มไม่ถูกต้อง", "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้านี้ โปรดลองใหม่");
        HttpResponse refusal;
        const auto agency = acting_agency(*session, request, fields, refusal);
        if (!agency) return refusal;
        const auto count = util::parse_integer(fields.contains("count") ? fields.at("count") : "");
        if (!count || *count < 1 || *count > 2000) return message_page(400, "จำนวนไม่ถูกต้อง", "ออกรหัสได้ครั้งละ 1 ถึง 2,000 รหัส");
        const auto year = (*store)->open_fiscal_year();
        if (!year || !*year) return message_page(404, "ยังไม่เปิดปีการประเมิน", "ผู้ดูแลระบบระดับประเทศต้องเปิดปีการประเมินก่อน");
        auto codes = service::issue_codes(**store, **year, *agency, static_cast<std::size_t>(*count), context.methodology_dir, session->user.user_id);
        if (!codes) return error_response(codes.error());
        const std::string scheme = request.forwarded_proto == "https" ? "https" : "http";
        return code_sheet_page(*agency, **year, *codes, scheme + "://" + (request.host.empty() ? "localhost" : request.host));
    });
}

}  // namespace ita::server
