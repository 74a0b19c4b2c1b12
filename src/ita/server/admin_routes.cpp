#include <ita/server/admin_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

void add_admin_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/admin/codes", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const auto access = agency_access(**store, request, {});
        if (!access) return access.error();
        const auto year = requested_fiscal_year(**store, request, {});
        if (!year) return year.error();
        auto staff = service::staff_survey_status(**store, *year, access->agency_id, context.methodology_dir);
        if (!staff) return error_response(staff.error());
        return admin_codes_page(access->agency_id, *year, access->session.csrf, {staff->headcount, staff->minimum, staff->respondents, ""});
    });
    router.add("POST", "/admin/headcount", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const auto fields = parse_query(request.body);
        const auto access = agency_access(**store, request, fields);
        if (!access) return access.error();
        const auto year = requested_fiscal_year(**store, request, fields);
        if (!year) return year.error();
        const auto headcount = util::parse_integer(fields.contains("headcount") ? fields.at("headcount") : "");
        auto set = service::set_headcount(**store, *year, access->agency_id, headcount.value_or(0), access->session.user.user_id);
        if (!set) {
            if (set.error().code != ErrorCode::invalid_input) return error_response(set.error());
            auto staff = service::staff_survey_status(**store, *year, access->agency_id, context.methodology_dir);
            if (!staff) return error_response(staff.error());
            return admin_codes_page(access->agency_id, *year, access->session.csrf, {staff->headcount, staff->minimum, staff->respondents,
                                                                                      set.error().message}, 422);
        }
        return see_other("/admin/codes?year=" + std::to_string(*year) + (access->session.user.role == "agency_admin" ? "" : "&agency=" + access->agency_id));
    });
    router.add("POST", "/admin/codes", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const auto fields = parse_query(request.body);
        const auto access = agency_access(**store, request, fields);
        if (!access) return access.error();
        const auto count = util::parse_integer(fields.contains("count") ? fields.at("count") : "");
        if (!count || *count < 1 || *count > 2000) return message_page(400, "จำนวนไม่ถูกต้อง", "ออกรหัสได้ครั้งละ 1 ถึง 2,000 รหัส");
        const auto year = requested_fiscal_year(**store, request, fields);
        if (!year) return year.error();
        auto codes = service::issue_codes(**store, *year, access->agency_id, static_cast<std::size_t>(*count), context.methodology_dir,
                                          access->session.user.user_id);
        if (!codes) return error_response(codes.error());
        const std::string scheme = request.forwarded_proto == "https" ? "https" : "http";
        return code_sheet_page(access->agency_id, *year, *codes, scheme + "://" + (request.host.empty() ? "localhost" : request.host));
    });
}

}  // namespace ita::server
