#include <ita/server/review_assignment_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/review_queue.hpp>

#include <map>

namespace ita::server {

namespace {

HttpResponse assignments_page(storage::Store& store, const storage::Session& session, int year, const std::string& typed,
                              const std::string& notice, const std::vector<std::string>& errors, int status) {
    auto queue = service::review_queue(store, {year, "", "", false});
    auto users = store.users();
    if (!queue) return error_response(queue.error());
    if (!users) return error_response(users.error());
    struct Load {
        std::size_t agencies = 0, waiting = 0, re_review = 0;
    };
    std::map<std::string, Load> load;
    std::size_t unassigned = 0;
    for (const auto& entry : *queue) {
        if (entry.auditor.empty()) {
            ++unassigned;
            continue;
        }
        auto& counted = load[entry.auditor];
        ++counted.agencies;
        counted.waiting += entry.progress.awaiting_review;
        counted.re_review += entry.progress.awaiting_re_review;
    }
    data context;
    context.set("title", "มอบหมายหน่วยงานให้ผู้ตรวจประเมิน");
    context.set("year", std::to_string(year));
    context.set("csrf", session.csrf);
    context.set("agencies", std::to_string(queue->size()));
    context.set("unassigned", std::to_string(unassigned));
    data auditors{data::type::list};
    for (const auto& user : *users) {
        if (user.role != core::Role::auditor || user.disabled) continue;
        const auto& counted = load[user.user_id];
        data row;
        row.set("user_id", user.user_id);
        row.set("name", user.display_name);
        row.set("agencies", std::to_string(counted.agencies));
        row.set("waiting", std::to_string(counted.waiting));
        row.set("re_review", std::to_string(counted.re_review));
        auditors.push_back(row);
    }
    context.set("has_auditors", flag(!auditors.is_empty_list()));
    context.set("auditors", auditors);
    context.set("assignments", typed);
    set_notice_and_errors(context, notice, errors);
    return html_page(status, "national_review_assignments", context);
}

std::string done_notice(const HttpRequest& request) {
    const auto done = request.query.find("done");
    return done == request.query.end() ? std::string() : "มอบหมายแล้ว " + done->second + " หน่วยงาน";
}

}  // namespace

void add_review_assignment_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/national/review-assignments", [context](const HttpRequest& request) {
        auto call = session_request(context.db, request, national_access);
        if (!call) return call.error();
        return assignments_page(*call->store, call->session, call->fiscal_year, "", done_notice(request), {}, 200);
    });
    router.add("POST", "/national/review-assignments", [context](const HttpRequest& request) {
        auto call = session_request(context.db, request, national_access);
        if (!call) return call.error();
        const auto found = call->fields.find("assignments");
        const std::string text = found != call->fields.end() ? found->second : std::string();
        auto assigned = service::assign_reviews_from_text(*call->store, call->fiscal_year, text, call->session.user.user_id);
        if (!assigned) {
            if (assigned.error().code != ErrorCode::invalid_input) return error_response(assigned.error());
            std::vector<std::string> lines;
            for (const auto& diagnostic : assigned.error().diagnostics) lines.push_back(diagnostic.message);
            return assignments_page(*call->store, call->session, call->fiscal_year, text, "", lines, form_problems_status);
        }
        return see_other("/national/review-assignments?year=" + std::to_string(call->fiscal_year) + "&done=" + std::to_string(*assigned));
    });
    router.add("POST", "/national/review-assignments/spread", [context](const HttpRequest& request) {
        auto call = session_request(context.db, request, national_access);
        if (!call) return call.error();
        auto assigned = service::spread_unassigned_reviews(*call->store, call->fiscal_year, call->session.user.user_id);
        if (!assigned) {
            if (assigned.error().code != ErrorCode::invalid_input) return error_response(assigned.error());
            return assignments_page(*call->store, call->session, call->fiscal_year, "", "", {assigned.error().message},
                                    form_problems_status);
        }
        return see_other("/national/review-assignments?year=" + std::to_string(call->fiscal_year) + "&done=" + std::to_string(*assigned));
    });
}

}  // namespace ita::server
