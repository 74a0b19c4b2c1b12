#include <ita/server/admin_routes.hpp>
#include <ita/util/identifier.hpp>

#include <ita/report/survey_poster.hpp>
#include <ita/server/agency_access.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/public_url.hpp>
#include <ita/server/results_page.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/analyse_agency.hpp>
#include <ita/service/collected_answers.hpp>
#include <ita/service/kiosks.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/service/score_visibility.hpp>
#include <ita/service/season.hpp>
#include <ita/service/season_reports.hpp>
#include <ita/service/surveys.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

// The codes page with the staff survey's state; `error` after a rejected headcount.
HttpResponse codes_page(const AgencyRequest& allowed, const ResultsContext& context, const std::string& error, int status) {
    auto staff = service::staff_survey_status(*allowed.store, allowed.fiscal_year, allowed.access.agency_id, context.methodology_dir);
    if (!staff) return error_response(staff.error());
    auto agency = allowed.store->agency(allowed.access.agency_id);
    const std::string name = agency && *agency ? (*agency)->name : allowed.access.agency_id;
    return admin_codes_page(allowed.access.agency_id, name, allowed.fiscal_year, allowed.access.session.csrf,
                            {staff->headcount, staff->minimum, staff->respondents, error}, status);
}

struct EitMaterialsData {
    std::string agency_name;
    EitMaterials shown;
};

// The EIT address of the agency and how far its answers are, for the page and the posters.
Result<EitMaterialsData> eit_materials(const AgencyRequest& allowed, const ResultsContext& context, const HttpRequest& request) {
    auto& store = *allowed.store;
    const std::string& agency_id = allowed.access.agency_id;
    ITA_TRY(agency, store.agency(agency_id));
    if (!agency) return fail(ErrorCode::not_found, "agency " + agency_id + " is not in the database");
    ITA_TRY(methodology, service::shared_methodology_in_force(store, allowed.fiscal_year, context.methodology_dir));
    std::size_t questions = 0;
    for (const auto& question : methodology->questions) questions += question.instrument == core::Instrument::eit ? 1 : 0;
    ITA_TRY(respondents, store.respondent_count(allowed.fiscal_year, agency_id, core::Instrument::eit));
    const long long minimum = methodology->minimum_sample.eit_minimum(agency->type);
    const auto shown = service::shown_count(respondents, minimum > 0 ? std::optional<long long>(minimum) : std::nullopt);
    EitMaterialsData data{agency->name, {}};
    data.shown.url = public_base_url(context.public_url, request) + "/e/" + agency_id;
    data.shown.respondents_text = service::shown_count_text(shown);
    data.shown.minimum_met = shown.minimum_met;
    data.shown.questions = questions;
    for (const auto& part : methodology->eit_parts().parts)
        if (part.channel == core::PartChannel::collected) data.shown.collected_part = part.name;
    ITA_TRY(devices, store.kiosks(allowed.fiscal_year, agency_id));
    for (const auto& device : devices)
        data.shown.kiosks.push_back(
            {device.id(), device.label, thai::short_thai_date(device.created_on), std::to_string(device.answers), !device.revoked});
    data.shown.collected_header = "respondent";
    for (const auto& question : methodology->questions)
        if (question.instrument == core::Instrument::eit)
            for (const auto sub : question.sub_items) data.shown.collected_header += "," + methodology->sub_items[sub].code;
    return data;
}

AgencyPageScope page_scope(const AgencyRequest& allowed, const std::string& agency_name) {
    return {allowed.access.agency_id,   agency_name,
            allowed.fiscal_year,        allowed.access.session.csrf,
            util::bangkok_date_today(), allowed.access.session.user.role != core::Role::agency_admin};
}

}  // namespace

void add_admin_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/admin/codes", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        return codes_page(*allowed, context, "", 200);
    });
    router.add("POST", "/admin/headcount", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        const auto& fields = allowed->fields;
        const auto headcount = util::parse_integer(fields.contains("headcount") ? fields.at("headcount") : "");
        auto set = service::set_headcount(*allowed->store, allowed->fiscal_year, allowed->access.agency_id, headcount.value_or(0),
                                          allowed->access.session.user.user_id);
        if (!set)
            return set.error().code == ErrorCode::invalid_input ? codes_page(*allowed, context, set.error().message, form_problems_status)
                                                                : error_response(set.error());
        return see_other("/admin/codes?year=" + std::to_string(allowed->fiscal_year) + allowed->agency_param());
    });
    router.add("POST", "/admin/codes", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        const auto& fields = allowed->fields;
        const auto count = util::parse_integer(fields.contains("count") ? fields.at("count") : "");
        if (!count || *count < 1 || *count > 2000) return message_page(400, "จำนวนไม่ถูกต้อง", "ออกรหัสได้ครั้งละ 1 ถึง 2,000 รหัส");
        auto codes = service::issue_codes(*allowed->store, allowed->fiscal_year, allowed->access.agency_id,
                                          static_cast<std::size_t>(*count), context.methodology_dir, allowed->access.session.user.user_id);
        if (!codes) return error_response(codes.error());
        auto& store = *allowed->store;
        auto staff = service::staff_survey_status(store, allowed->fiscal_year, allowed->access.agency_id, context.methodology_dir);
        if (!staff) return error_response(staff.error());
        auto issued = store.survey_code_count(allowed->fiscal_year, allowed->access.agency_id, core::Instrument::iit);
        if (!issued) return error_response(issued.error());
        auto agency = store.agency(allowed->access.agency_id);
        return code_sheet_page({allowed->access.agency_id, agency && *agency ? (*agency)->name : allowed->access.agency_id,
                                allowed->fiscal_year, std::move(*codes), public_base_url(context.public_url, request), *issued,
                                service::shown_count_text(service::shown_count(staff->respondents, staff->minimum))});
    });
    // The EIT's public address with what the working group prints for it.
    router.add("GET", "/admin/eit", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        auto materials = eit_materials(*allowed, context, request);
        if (!materials) return error_response(materials.error());
        return admin_eit_page(page_scope(*allowed, materials->agency_name), materials->shown);
    });
    // Kiosk mode for the device this is posted from: its token goes into a cookie for the EIT
    // address only; the database keeps its keyed hash.
    router.add("POST", "/admin/eit/kiosk", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        const std::string label = allowed->fields.contains("label") ? allowed->fields.at("label") : "";
        const std::string& agency_id = allowed->access.agency_id;
        auto token = service::add_kiosk(*allowed->store, allowed->fiscal_year, agency_id, label, allowed->access.session.user.user_id,
                                        util::bangkok_date_today());
        auto materials = eit_materials(*allowed, context, request);
        if (!materials) return error_response(materials.error());
        if (!token) {
            if (token.error().code != ErrorCode::invalid_input) return error_response(token.error());
            materials->shown.errors.push_back(token.error().message);
            return admin_eit_page(page_scope(*allowed, materials->agency_name), materials->shown, form_problems_status);
        }
        materials->shown.notice =
            "เครื่องนี้พร้อมให้ผู้รับบริการตอบแบบวัด EIT ต่อกันทีละคนแล้ว เปิด " + materials->shown.url + " บนเครื่องนี้ แล้วออกจากระบบก่อนให้ผู้รับบริการใช้";
        auto page = admin_eit_page(page_scope(*allowed, materials->agency_name), materials->shown);
        page.headers.emplace_back("Set-Cookie", service::kiosk_cookie_name(agency_id) + "=" + *token + "; Path=/e/" + agency_id +
                                                    "; HttpOnly; SameSite=Strict; Max-Age=31536000" +
                                                    (request.forwarded_proto == "https" ? "; Secure" : ""));
        return page;
    });
    router.add("POST", "/admin/eit/kiosk/off", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        const std::string id = allowed->fields.contains("id") ? allowed->fields.at("id") : "";
        if (auto off =
                allowed->store->revoke_kiosk(allowed->fiscal_year, allowed->access.agency_id, id, allowed->access.session.user.user_id);
            !off)
            return error_response(off.error());
        return see_other("/admin/eit?year=" + std::to_string(allowed->fiscal_year) + allowed->agency_param() + "#kiosks");
    });
    // Answers the group collected itself, pasted as CSV: all rows or none.
    router.add("POST", "/admin/eit/collected", [context](const HttpRequest& request) {
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        const std::string pasted = allowed->fields.contains("rows") ? allowed->fields.at("rows") : "";
        auto imported = service::import_collected_eit(*allowed->store, allowed->fiscal_year, allowed->access.agency_id, pasted,
                                                      context.methodology_dir, allowed->access.session.user.user_id);
        auto materials = eit_materials(*allowed, context, request);
        if (!materials) return error_response(materials.error());
        if (!imported) {
            if (imported.error().code != ErrorCode::invalid_input && imported.error().code != ErrorCode::conflict)
                return error_response(imported.error());
            materials->shown.pasted = pasted;
            if (imported.error().diagnostics.empty()) materials->shown.errors.push_back(imported.error().message);
            for (const auto& diagnostic : imported.error().diagnostics) materials->shown.errors.push_back(diagnostic.to_string());
            return admin_eit_page(page_scope(*allowed, materials->agency_name), materials->shown, form_problems_status);
        }
        materials->shown.notice = "นำเข้าคำตอบ " + std::to_string(imported->respondents) + " คน เป็น" + imported->part_name + " แล้ว";
        return admin_eit_page(page_scope(*allowed, materials->agency_name), materials->shown);
    });
    for (const auto& [path, size] : {std::pair{"/admin/eit-poster.pdf", report::PosterSize::a4_poster},
                                     std::pair{"/admin/eit-card.pdf", report::PosterSize::a6_card}}) {
        router.add("GET", path, [context, size](const HttpRequest& request) {
            const auto allowed = agency_request(context.db, request);
            if (!allowed) return allowed.error();
            auto materials = eit_materials(*allowed, context, request);
            if (!materials) return error_response(materials.error());
            report::SurveyPoster poster;
            poster.agency_name = materials->agency_name;
            poster.fiscal_year = allowed->fiscal_year;
            poster.url = materials->shown.url;
            poster.questions = materials->shown.questions;
            auto pdf = report::survey_poster_pdf(poster, size);
            if (!pdf) return error_response(pdf.error());
            HttpResponse response{200, "application/pdf", std::move(*pdf), {}, {}};
            const std::string file = std::string(size == report::PosterSize::a4_poster ? "ita-eit-poster-" : "ita-eit-card-") +
                                     allowed->access.agency_id + "-" + std::to_string(allowed->fiscal_year) + ".pdf";
            response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + "\"");
            return response;
        });
    }
    router.add("GET", "/admin/results", [context](const HttpRequest& request) {
        // Without ?year=, the latest published year: the result there is, not the season running
        // (which has none yet) — the menu's link is never a dead end.
        if (!request.query.contains("year")) {
            auto store = lease_store(context.db);
            if (!store) return error_response(store.error());
            auto publications = (*store)->publications();
            if (!publications) return error_response(publications.error());
            if (!publications->empty()) {
                const auto agency = request.query.find("agency");
                return see_other("/admin/results?year=" + std::to_string(publications->front().fiscal_year) +
                                 (agency != request.query.end() && util::is_identifier(agency->second) ? "&agency=" + agency->second : ""));
            }
        }
        const auto allowed = agency_request(context.db, request);
        if (!allowed) return allowed.error();
        auto& store = *allowed->store;
        const auto& access = allowed->access;
        const int year = allowed->fiscal_year;
        // Results show once the OIT review has closed (a year imported without a calendar has),
        // and always once the year is published.
        const auto today = util::bangkok_date_today();
        auto published = service::is_published(store, year);
        if (!published) return error_response(published.error());
        auto review = service::phase_status(store, year, core::SeasonPhase::review, today);
        if (!review) return error_response(review.error());
        if (!*published && review->state != service::PhaseState::closed && !review->opens_on.empty())
            return message_page(
                403, "ยังไม่ประกาศผล",
                "ผลการประเมินปี " + std::to_string(year) + " จะแสดงเมื่อการตรวจประเมิน OIT ปิด" +
                    (review->closes_on == service::open_ended ? std::string() : " (" + thai::short_thai_date(review->closes_on) + ")"));
        auto analysed = service::analyse_from_store(store, year, access.agency_id, context.methodology_dir);
        if (!analysed)
            return message_page(status_for(analysed.error().code), "ยังไม่มีผลการประเมิน",
                                "ยังไม่มีผลการประเมินปี " + std::to_string(year) + " ของหน่วยงานในระบบ");
        // No IIT/EIT figure until its survey has closed with its minimum sample, published or
        // not (service/score_visibility.hpp); the analysis is built on them, so it waits whole.
        {
            auto hidden = service::hidden_instruments(store, (*analysed)->run.methodology, (*analysed)->agency->scores, today);
            if (!hidden) return error_response(hidden.error());
            if ((*hidden)[0] || (*hidden)[1])
                return message_page(403, "ยังแสดงผลไม่ได้",
                                    std::string("ผลการประเมินปี ") + std::to_string(year) + " จะแสดงเมื่อปิดการตอบแบบวัด " +
                                        ((*hidden)[0] && (*hidden)[1] ? "IIT และ EIT"
                                         : (*hidden)[0]               ? "IIT"
                                                                      : "EIT") +
                                        " แล้ว และมีผู้ตอบครบตามจำนวนขั้นต่ำ เพื่อไม่ให้ผู้ใดอ่านคำตอบของผู้ตอบรายใดได้");
        }
        const AgencyPageScope scope{access.agency_id,
                                    (*analysed)->agency->agency ? (*analysed)->agency->agency->name : access.agency_id,
                                    year,
                                    access.session.csrf,
                                    today,
                                    access.session.user.role != core::Role::agency_admin};
        auto years = store.fiscal_years();
        if (!years) return error_response(years.error());
        return results_page(**analysed, scope, *years);
    });
}

}  // namespace ita::server
