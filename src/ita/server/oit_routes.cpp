#include <ita/server/oit_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/oit_pages.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/agency_websites.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

// The Thai lines of an error for the page: its per-field problems, else its message.
std::vector<std::string> error_lines(const Error& error) {
    std::vector<std::string> lines;
    lines.reserve(error.diagnostics.size() + 1);
    for (const auto& diagnostic : error.diagnostics) lines.push_back(diagnostic.message);
    if (lines.empty()) lines.push_back(error.message);
    return lines;
}

std::string field(const FormFields& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : std::string(util::trim(found->second));
}

// A request of the working group, allowed, with its workspace loaded.
struct AgencyOitRequest {
    StoreLease store;
    AgencyAccess access;
    FormFields fields;
    service::OitWorkspace workspace;
    AgencyPageScope scope;

    [[nodiscard]] std::string list_url() const {
        return "/admin/oit?year=" + std::to_string(scope.fiscal_year) + (scope.act_for_other_agency ? "&agency=" + scope.agency_id : "");
    }
};

std::expected<AgencyOitRequest, HttpResponse> allow_agency(const ResultsContext& context, const HttpRequest& request) {
    auto allowed = agency_request(context.db, request);
    if (!allowed) return std::unexpected(allowed.error());
    auto& [store, access, year, fields] = *allowed;
    const auto today = util::bangkok_date_today();
    auto workspace = service::oit_workspace(*store, year, access.agency_id, context.methodology_dir, today);
    if (!workspace) return std::unexpected(message_page(status_for(workspace.error().code), "เปิดข้อมูล OIT ไม่ได้", workspace.error().message));
    AgencyPageScope scope{
        access.agency_id, workspace->agency.name, year, access.session.csrf, today, access.session.user.role != core::Role::agency_admin};
    return AgencyOitRequest{store, std::move(access), std::move(fields), std::move(*workspace), std::move(scope)};
}

const char* notice_for(const HttpRequest& request) {
    const auto done = request.query.find("done");
    if (done == request.query.end()) return "";
    if (done->second == "entered") return "บันทึกข้อมูลแล้ว";
    if (done->second == "clarified") return "ส่งคำชี้แจงแล้ว";
    if (done->second == "reviewed") return "บันทึกผลการตรวจแล้ว";
    if (done->second == "checking") return "กำลังตรวจลิงก์ ผลจะแสดงในหน้านี้ภายในไม่กี่วินาที (โหลดหน้าใหม่)";
    if (done->second == "website") return "บันทึกเว็บไซต์ของหน่วยงานแล้ว";
    if (done->second == "sent") return "ส่งแบบ OIT แล้ว ผู้ตรวจจะตรวจตามที่ส่ง";
    if (done->second == "reopened") return "เปิดแบบ OIT ให้หน่วยงานแก้ไขอีกครั้งแล้ว หน่วยงานต้องส่งแบบใหม่";
    return "";
}

// The bytes the evidence checker kept, exactly as fetched, for the agency's group or an
// auditor. They come from anyone's web site, so the browser is told to treat them as a
// sandboxed document of no origin: no script runs, nothing of ita's can be reached.
HttpResponse snapshot_response(storage::Store& store, const std::string& agency_id, const std::string& sha256) {
    auto snapshot = store.evidence_snapshot(agency_id, sha256);
    if (!snapshot) return message_page(status_for(snapshot.error().code), "ไม่พบหลักฐานที่เก็บไว้", "ไม่พบสำเนาหลักฐานนี้ของหน่วยงาน");
    HttpResponse response;
    response.content_type = snapshot->content_type.empty() ? "application/octet-stream" : snapshot->content_type;
    response.body = std::move(snapshot->body);
    // A page opens in the browser; anything else (a PDF, which a sandboxed document may not
    // show) is downloaded, named by its hash.
    if (util::ascii_lower(response.content_type).find("html") == std::string::npos) {
        const bool pdf = util::ascii_lower(response.content_type).starts_with("application/pdf");
        response.headers.emplace_back("Content-Disposition",
                                      "attachment; filename=\"evidence-" + sha256.substr(0, 16) + (pdf ? ".pdf" : ".bin") + "\"");
    }
    response.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");  // named by its hash: never changes
    response.headers.emplace_back("X-Evidence-SHA256", sha256);
    return response;
}

}  // namespace

namespace {

// The working group's side: the item list, each item's entry, its check and its clarification.
void add_agency_oit_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor) {
    router.add("GET", "/admin/oit", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        return oit_items_page(allowed->workspace, allowed->scope, {notice_for(request), {}, {}});
    });
    // "ส่งแบบ OIT": the group's entries become final and go to the auditor.
    router.add("POST", "/admin/oit/send", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        auto sent = service::send_oit_entries(*allowed->store, allowed->workspace, field(allowed->fields, "confirm_missing") == "yes",
                                              allowed->access.session.user.user_id, allowed->scope.today);
        if (!sent)
            return oit_items_page(allowed->workspace, allowed->scope, {"", error_lines(sent.error()), allowed->fields},
                                  form_status_for(sent.error().code));
        return see_other(allowed->list_url() + "&done=sent#send");
    });
    // A national admin reopens a sent form for the group's corrections.
    router.add("POST", "/admin/oit/reopen", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        if (allowed->access.session.user.role != core::Role::national_admin)
            return message_page(403, "ไม่มีสิทธิ์", "การเปิดแบบ OIT ที่ส่งแล้วให้แก้ไขอีกครั้งทำได้โดยผู้ดูแลระบบระดับประเทศ");
        auto reopened =
            service::reopen_oit_entries(*allowed->store, allowed->workspace, allowed->access.session.user.user_id, allowed->scope.today);
        if (!reopened) return message_page(status_for(reopened.error().code), "เปิดแบบ OIT ไม่ได้", reopened.error().message);
        return see_other(allowed->list_url() + "&done=reopened#send");
    });
    // The agency's websites, where its evidence is expected (the checker flags other sites).
    router.add("POST", "/admin/websites", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        auto added = service::add_agency_website(*allowed->store, allowed->scope.agency_id, field(allowed->fields, "website"),
                                                 allowed->access.session.user.user_id, allowed->scope.today);
        if (!added)
            return oit_items_page(allowed->workspace, allowed->scope, {"", error_lines(added.error()), allowed->fields},
                                  form_status_for(added.error().code));
        return see_other(allowed->list_url() + "&done=website#websites");
    });
    router.add("POST", "/admin/websites/remove", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        auto removed = service::remove_agency_website(*allowed->store, allowed->scope.agency_id, field(allowed->fields, "domain"),
                                                      allowed->access.session.user.user_id);
        if (!removed) return message_page(status_for(removed.error().code), "ลบเว็บไซต์ไม่ได้", removed.error().message);
        return see_other(allowed->list_url() + "&done=website#websites");
    });
    router.add("GET", "/admin/oit/:item", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        const std::string& item = request.path_params.at("item");
        auto checks = allowed->store->url_check_history(allowed->scope.fiscal_year, allowed->scope.agency_id, item);
        if (!checks) return message_page(status_for(checks.error().code), "เปิดข้อมูล OIT ไม่ได้", checks.error().message);
        return oit_item_page(allowed->workspace, allowed->scope, item, {notice_for(request), {}, {}}, *checks);
    });
    // The working group asks for its address to be checked again (after fixing its page).
    router.add("POST", "/admin/oit/:item/check", [context, monitor](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        const std::string& item = request.path_params.at("item");
        if (!monitor) return message_page(503, "ตรวจลิงก์ไม่ได้", "เซิร์ฟเวอร์นี้ปิดการตรวจลิงก์ไว้");
        monitor->enqueue(allowed->scope.fiscal_year, allowed->scope.agency_id, item);
        const std::string scope = allowed->scope.act_for_other_agency ? "&agency=" + allowed->scope.agency_id : "";
        return see_other("/admin/oit/" + item + "?year=" + std::to_string(allowed->scope.fiscal_year) + scope + "&done=checking");
    });
    router.add("GET", "/admin/oit/:item/evidence/:sha256", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        return snapshot_response(*allowed->store, allowed->scope.agency_id, request.path_params.at("sha256"));
    });
    router.add("POST", "/admin/oit/:item", [context, monitor](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        const std::string item = request.path_params.at("item");
        const auto present = field(allowed->fields, "present");
        if (present != "yes" && present != "no")
            return oit_item_page(allowed->workspace, allowed->scope, item, {"", {"มีข้อมูลหรือไม่: เลือกมีหรือไม่มี"}, allowed->fields}, {},
                                 form_problems_status);
        const service::OitSubmission submission{item, present == "yes", field(allowed->fields, "url"),
                                                field(allowed->fields, "description"),
                                                service::address_lines(field(allowed->fields, "more_urls"))};
        auto entered = service::enter_oit_item(*allowed->store, allowed->workspace, submission, allowed->access.session.user.user_id,
                                               allowed->scope.today);
        if (!entered)
            return oit_item_page(allowed->workspace, allowed->scope, item, {"", error_lines(entered.error()), allowed->fields}, {},
                                 form_status_for(entered.error().code));
        if (monitor && submission.present) monitor->enqueue(allowed->scope.fiscal_year, allowed->scope.agency_id, item);
        return see_other(allowed->list_url() + "&done=entered#item-" + item);
    });
    router.add("POST", "/admin/oit/:item/clarify", [context](const HttpRequest& request) {
        auto allowed = allow_agency(context, request);
        if (!allowed) return allowed.error();
        const std::string item = request.path_params.at("item");
        auto clarified =
            service::clarify_oit_item(*allowed->store, allowed->workspace, item, field(allowed->fields, "text"),
                                      field(allowed->fields, "url"), allowed->access.session.user.user_id, allowed->scope.today);
        if (!clarified)
            return oit_item_page(allowed->workspace, allowed->scope, item, {"", error_lines(clarified.error()), allowed->fields}, {},
                                 form_status_for(clarified.error().code));
        return see_other(allowed->list_url() + "&done=clarified#item-" + item);
    });
}

// The auditor's side: the review queue, the kept copies, the verdicts.
void add_review_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/review/oit", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, reviewer_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        const auto agency = request.query.find("agency");
        const auto queue_page = [&](std::string query, std::string notice, bool every_agency) {
            ReviewQueueView view{call.fiscal_year,
                                 std::move(query),
                                 request.query.contains("mine"),
                                 !every_agency && !request.query.contains("all"),
                                 call.session.user.role == core::Role::national_admin,
                                 std::move(notice)};
            auto queue = service::review_queue(
                *call.store, {call.fiscal_year, view.mine ? call.session.user.user_id : "", view.query, view.waiting_only});
            if (!queue) return error_response(queue.error());
            return oit_review_index_page(*queue, view);
        };
        if (agency == request.query.end() || agency->second.empty())
            return queue_page(request.query.contains("q") ? request.query.at("q") : "", "", false);
        const auto today = util::bangkok_date_today();
        auto workspace = service::oit_workspace(*call.store, call.fiscal_year, agency->second, context.methodology_dir, today);
        // Not an agency id (a name typed, say): search for it instead.
        if (!workspace && workspace.error().code == ErrorCode::not_found)
            return queue_page(agency->second, "ไม่พบรหัสหน่วยงาน “" + agency->second + "” จึงค้นหาจากชื่อแทน", true);
        if (!workspace) return error_response(workspace.error());
        return oit_review_page(*workspace, {agency->second, workspace->agency.name, call.fiscal_year, call.session.csrf, today, false},
                               {notice_for(request), {}, {}});
    });
    router.add("GET", "/review/oit/:agency/evidence/:sha256", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, reviewer_access);
        if (!allowed) return allowed.error();
        return snapshot_response(*allowed->store, request.path_params.at("agency"), request.path_params.at("sha256"));
    });
    router.add("POST", "/review/oit/:agency/:item", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, reviewer_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        const auto today = util::bangkok_date_today();
        const std::string& agency = request.path_params.at("agency");
        const std::string& item = request.path_params.at("item");
        auto workspace = service::oit_workspace(*call.store, call.fiscal_year, agency, context.methodology_dir, today);
        if (!workspace) return message_page(status_for(workspace.error().code), "เปิดข้อมูล OIT ไม่ได้", workspace.error().message);
        const AgencyPageScope scope{agency, workspace->agency.name, call.fiscal_year, call.session.csrf, today, false};
        const auto verdict = core::parse_review(field(call.fields, "verdict"));
        if (!verdict)
            return oit_review_page(*workspace, scope, {"", {"ข้อ " + item + ": เลือกผ่านหรือไม่ผ่าน"}, call.fields}, form_problems_status);
        auto reviewed = service::review_oit_item(*call.store, *workspace, item, verdict == core::ReviewVerdict::accepted,
                                                 field(call.fields, "comment"), call.session.user.user_id, today);
        if (!reviewed) {
            auto lines = error_lines(reviewed.error());
            for (auto& line : lines) line = "ข้อ " + item + ": " + line;
            return oit_review_page(*workspace, scope, {"", lines, call.fields}, form_status_for(reviewed.error().code));
        }
        return see_other("/review/oit?year=" + std::to_string(call.fiscal_year) + "&agency=" + agency + "&done=reviewed#item-" + item);
    });
}

}  // namespace

void add_oit_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor) {
    add_agency_oit_routes(router, context, monitor);
    add_review_routes(router, context);
}

}  // namespace ita::server
