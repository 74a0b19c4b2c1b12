#include <ita/server/api_routes.hpp>

#include <ita/report/measure_outputs.hpp>
#include <ita/server/api_json.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/accounts.hpp>
#include <ita/service/measures.hpp>
#include <ita/service/oit_review.hpp>
#include <ita/service/season.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/embedded_file.hpp>
#include <ita/util/text.hpp>

#include <ctime>
#include <sstream>

namespace ita::util {
std::span<const EmbeddedFile> embedded_api_documents();
}

namespace ita::server {

namespace {

enum class Allowed { agency_group, reviewer, national, any_signed_in };

// One API request once it is allowed: the store, who calls, the fiscal year of ?year= (when
// the route has one) and the agency of the path (when it has one).
struct ApiCall {
    StoreLease store;
    storage::Session session;
    int fiscal_year = 0;
    std::string agency_id;
    std::string today;
};

bool may(const storage::Session& session, Allowed allowed, const std::string& agency_id) {
    const auto& role = session.user.role;
    switch (allowed) {
        case Allowed::agency_group:
            return role == core::Role::national_admin || (role == core::Role::agency_admin && session.user.agency_id == agency_id);
        case Allowed::reviewer: return core::reviews_evidence(role);
        case Allowed::national: return role == core::Role::national_admin;
        case Allowed::any_signed_in: return true;
    }
    return false;
}

std::expected<ApiCall, HttpResponse> allow(const ResultsContext& context, const HttpRequest& request,
                                           std::initializer_list<Allowed> allowed, bool needs_year = true) {
    auto store = lease_store(context.db);
    if (!store) return std::unexpected(error_response(store.error()));
    if (request.bearer.empty())
        return std::unexpected(json_error(401, "sign in with POST /api/v1/session and send Authorization: Bearer <token>"));
    auto session = (*store)->session(request.bearer, std::time(nullptr));
    if (!session) return std::unexpected(json_error(401, "the token is unknown or has expired"));
    ApiCall call{*store, std::move(*session), 0, "", util::bangkok_date_today()};
    if (const auto agency = request.path_params.find("agency"); agency != request.path_params.end()) call.agency_id = agency->second;
    bool permitted = false;
    for (const auto rule : allowed) permitted = permitted || may(call.session, rule, call.agency_id);
    if (!permitted)
        return std::unexpected(json_error(403, "the role " + std::string(core::role_code(call.session.user.role)) + " may not do this"));
    if (const auto year = request.path_params.find("year"); year != request.path_params.end()) {
        const auto value = util::parse_fiscal_year(year->second);
        if (!value) return std::unexpected(json_error(400, "the fiscal year must be Buddhist-era, such as 2566"));
        call.fiscal_year = *value;
    } else if (needs_year) {
        const auto found = request.query.find("year");
        const auto value = found == request.query.end() ? std::nullopt : util::parse_fiscal_year(found->second);
        if (!value) return std::unexpected(json_error(400, "give the Buddhist-era fiscal year as ?year=2566"));
        call.fiscal_year = *value;
    }
    return call;
}

HttpResponse ok(int status, std::string body) { return json_response(status, std::move(body) + "\n"); }
HttpResponse no_content() { return {204, "application/json", "", {}, {}}; }

Result<service::OitWorkspace> workspace_of(ApiCall& call, const ResultsContext& context) {
    return service::oit_workspace(*call.store, call.fiscal_year, call.agency_id, context.methodology_dir, call.today);
}

Result<core::Measure> measure_of(ApiCall& call, const HttpRequest& request) {
    const auto id = util::parse_integer(request.path_params.at("measure"));
    if (!id) return fail(ErrorCode::not_found, "no such measure");
    return service::agency_measure(*call.store, call.fiscal_year, call.agency_id, *id);
}

void add_session_routes(Router& router, const ResultsContext& context) {
    router.add("POST", "/api/v1/session", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        auto credentials = api::decode_credentials(request.body);
        if (!credentials) return error_response(credentials.error());
        auto signed_in = service::login(**store, credentials->user, credentials->password, request.remote, std::time(nullptr));
        if (!signed_in) {
            if (signed_in.error().code == ErrorCode::invalid_input) return json_error(401, "wrong user or password");
            if (signed_in.error().code == ErrorCode::conflict) return json_error(403, "the account is disabled");
            return error_response(signed_in.error());
        }
        // A temporary password opens nothing until its owner has changed it on the web.
        if (signed_in->session.user.must_change_password) {
            (void)(*store)->remove_session(signed_in->token);
            return json_error(403, "the password was set by an administrator: change it at /account/password first");
        }
        return ok(201, api::encode_session(signed_in->token, signed_in->session));
    });
    router.add("DELETE", "/api/v1/session", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::any_signed_in}, false);
        if (!call) return call.error();
        if (auto out = service::logout(*call->store, request.bearer, call->session.csrf, std::time(nullptr)); !out)
            return error_response(out.error());
        return no_content();
    });
    router.add("GET", "/api/v1/openapi.json", [](const HttpRequest&) {
        for (const auto& file : util::embedded_api_documents())
            if (file.name == "openapi.json") return json_response(200, std::string(file.content));
        return json_error(500, "the OpenAPI document is missing from this build");
    });
}

void add_season_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/api/v1/season/:year", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::any_signed_in});
        if (!call) return call.error();
        auto windows = call->store->season_windows(call->fiscal_year);
        if (!windows) return error_response(windows.error());
        return ok(200, api::encode_windows(call->fiscal_year, *windows));
    });
    router.add("PUT", "/api/v1/season/:year", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::national});
        if (!call) return call.error();
        auto season = api::decode_season(request.body);
        if (!season) return error_response(season.error());
        season->fiscal_year = call->fiscal_year;
        season->methodology_dir = context.methodology_dir;
        season->actor = call->session.user.user_id;
        season->today = call->today;
        auto windows = service::open_season(*call->store, *season);
        if (!windows) return error_response(windows.error());
        return ok(200, api::encode_windows(call->fiscal_year, *windows));
    });
}

void add_staff_survey_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/api/v1/agencies/:agency/staff-survey", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto status = service::staff_survey_status(*call->store, call->fiscal_year, call->agency_id, context.methodology_dir);
        if (!status) return error_response(status.error());
        return ok(200, api::encode_staff_status(status->headcount.value_or(0), status->minimum, status->respondents));
    });
    router.add("PUT", "/api/v1/agencies/:agency/headcount", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto headcount = api::decode_integer(request.body, "headcount");
        if (!headcount) return error_response(headcount.error());
        if (auto set = service::set_headcount(*call->store, call->fiscal_year, call->agency_id, *headcount, call->session.user.user_id);
            !set)
            return error_response(set.error());
        auto status = service::staff_survey_status(*call->store, call->fiscal_year, call->agency_id, context.methodology_dir);
        if (!status) return error_response(status.error());
        return ok(200, api::encode_staff_status(status->headcount.value_or(0), status->minimum, status->respondents));
    });
    router.add("POST", "/api/v1/agencies/:agency/codes", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto count = api::decode_integer(request.body, "count");
        if (!count) return error_response(count.error());
        if (*count < 1 || *count > 2000) return json_error(400, "count must be from 1 to 2,000");
        auto codes = service::issue_codes(*call->store, call->fiscal_year, call->agency_id, static_cast<std::size_t>(*count),
                                          context.methodology_dir, call->session.user.user_id);
        if (!codes) return error_response(codes.error());
        return ok(201, api::encode_codes(*codes));
    });
    router.add("POST", "/api/v1/staff-survey/:code", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        auto answers = api::decode_answers(request.body);
        if (!answers) return error_response(answers.error());
        auto submitted =
            service::submit_survey(**store, request.path_params.at("code"), *answers, context.methodology_dir, util::bangkok_date_today());
        if (!submitted) return error_response(submitted.error());
        return ok(201, "{\"stored\":true}");
    });
}

void add_oit_api_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor) {
    router.add("GET", "/api/v1/agencies/:agency/oit", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group, Allowed::reviewer});
        if (!call) return call.error();
        auto workspace = workspace_of(*call, context);
        if (!workspace) return error_response(workspace.error());
        return ok(200, api::encode_oit(*workspace));
    });
    router.add("PUT", "/api/v1/agencies/:agency/oit/:item", [context, monitor](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto submission = api::decode_oit_entry(request.body, request.path_params.at("item"));
        if (!submission) return error_response(submission.error());
        auto workspace = workspace_of(*call, context);
        if (!workspace) return error_response(workspace.error());
        if (auto entered = service::enter_oit_item(*call->store, *workspace, *submission, call->session.user.user_id, call->today);
            !entered)
            return error_response(entered.error());
        if (monitor && submission->present) monitor->enqueue(call->fiscal_year, call->agency_id, submission->item);
        return no_content();
    });
    router.add("POST", "/api/v1/agencies/:agency/oit/send", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto confirm = api::decode_send_oit(request.body);
        if (!confirm) return error_response(confirm.error());
        auto workspace = workspace_of(*call, context);
        if (!workspace) return error_response(workspace.error());
        if (auto sent = service::send_oit_entries(*call->store, *workspace, *confirm, call->session.user.user_id, call->today); !sent)
            return error_response(sent.error());
        return no_content();
    });
    router.add("POST", "/api/v1/agencies/:agency/oit/:item/review", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::reviewer});
        if (!call) return call.error();
        auto review = api::decode_review(request.body);
        if (!review) return error_response(review.error());
        auto workspace = workspace_of(*call, context);
        if (!workspace) return error_response(workspace.error());
        if (auto done = service::review_oit_item(*call->store, *workspace, request.path_params.at("item"), review->accepted,
                                                 review->comment, call->session.user.user_id, call->today);
            !done)
            return error_response(done.error());
        return no_content();
    });
    router.add("POST", "/api/v1/agencies/:agency/oit/:item/clarification", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto clarification = api::decode_clarification(request.body);
        if (!clarification) return error_response(clarification.error());
        auto workspace = workspace_of(*call, context);
        if (!workspace) return error_response(workspace.error());
        if (auto done = service::clarify_oit_item(*call->store, *workspace, request.path_params.at("item"), clarification->text,
                                                  clarification->url, call->session.user.user_id, call->today);
            !done)
            return error_response(done.error());
        return no_content();
    });
}

void add_measure_api_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/api/v1/agencies/:agency/measures", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto measures = call->store->measures(call->fiscal_year, call->agency_id);
        if (!measures) return error_response(measures.error());
        std::vector<report::MeasureView> views;
        for (const auto& measure : *measures) views.push_back({&measure, core::reporting_state(measure, call->today)});
        std::ostringstream out;
        report::write_measures_json(out, views);
        return json_response(200, out.str());
    });
    router.add("POST", "/api/v1/agencies/:agency/measures", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        core::Measure base;
        base.agency_id = call->agency_id;
        base.fiscal_year = call->fiscal_year;
        base.status = core::MeasureStatus::active;
        auto measure = api::decode_measure(request.body, base);
        if (!measure) return error_response(measure.error());
        if (auto valid = core::validate_measure(*measure); !valid) return error_response(valid.error());
        auto id = call->store->add_measure(*measure, call->session.user.user_id);
        if (!id) return error_response(id.error());
        return ok(201, api::encode_measure_id(*id));
    });
    router.add("PUT", "/api/v1/agencies/:agency/measures/:measure", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto stored = measure_of(*call, request);
        if (!stored) return error_response(stored.error());
        auto measure = api::decode_measure(request.body, *stored);
        if (!measure) return error_response(measure.error());
        if (auto valid = core::validate_measure(*measure); !valid) return error_response(valid.error());
        if (auto updated = call->store->update_measure(*measure, call->session.user.user_id); !updated)
            return error_response(updated.error());
        return no_content();
    });
    router.add("DELETE", "/api/v1/agencies/:agency/measures/:measure", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto stored = measure_of(*call, request);
        if (!stored) return error_response(stored.error());
        if (auto removed = call->store->remove_measure(stored->measure_id, call->session.user.user_id); !removed)
            return error_response(removed.error());
        return no_content();
    });
    router.add("POST", "/api/v1/agencies/:agency/measures/:measure/progress", [context](const HttpRequest& request) {
        auto call = allow(context, request, {Allowed::agency_group});
        if (!call) return call.error();
        auto stored = measure_of(*call, request);
        if (!stored) return error_response(stored.error());
        auto report = api::decode_progress(request.body);
        if (!report) return error_response(report.error());
        if (auto added = service::add_progress(*call->store, *stored, *report, call->session.user.user_id, util::bangkok_date_today());
            !added)
            return error_response(added.error());
        return no_content();
    });
}

}  // namespace

void add_api_routes(Router& router, const ResultsContext& context, const std::shared_ptr<service::EvidenceMonitor>& monitor) {
    add_session_routes(router, context);
    add_season_routes(router, context);
    add_staff_survey_routes(router, context);
    add_oit_api_routes(router, context, monitor);
    add_measure_api_routes(router, context);
}

}  // namespace ita::server
