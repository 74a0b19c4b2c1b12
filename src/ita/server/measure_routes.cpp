#include <ita/server/measure_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/measure_pages.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/measure_effectiveness.hpp>
#include <ita/service/measures.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

#include <algorithm>

namespace ita::server {

namespace {

// A measure request: an allowed working-group request, with the scope its pages show.
struct MeasureRequest : AgencyRequest {
    std::shared_ptr<PublicCache> public_cache;  // publications, for how last year's measures did

    [[nodiscard]] AgencyPageScope scope() {
        AgencyPageScope scope{access.agency_id,
                              "",
                              fiscal_year,
                              access.session.csrf,
                              util::bangkok_date_today(),
                              access.session.user.role != core::Role::agency_admin};
        if (auto agency = store->agency(access.agency_id); agency && *agency) scope.agency_name = (*agency)->name;
        return scope;
    }
    [[nodiscard]] std::string list_url() const { return "/admin/measures?year=" + std::to_string(fiscal_year) + agency_param(); }
};

std::expected<MeasureRequest, HttpResponse> allow(const ResultsContext& context, const HttpRequest& request,
                                                  const std::shared_ptr<PublicCache>& cache) {
    auto allowed = agency_request(context.db, request);
    if (!allowed) return std::unexpected(allowed.error());
    return MeasureRequest{std::move(*allowed), cache};
}

// The measure of the path's :id, if it is this agency's in this fiscal year.
std::expected<core::Measure, HttpResponse> stored_measure(MeasureRequest& allowed, const HttpRequest& request) {
    const auto id = util::parse_integer(request.path_params.at("id"));
    auto measure = id && *id > 0 ? service::agency_measure(*allowed.store, allowed.fiscal_year, allowed.access.agency_id, *id)
                                 : fail(ErrorCode::not_found, "no such measure");
    if (!measure) return std::unexpected(message_page(404, "ไม่พบมาตรการ", "ไม่พบมาตรการนี้ของหน่วยงานในปีงบประมาณที่เลือก"));
    return std::move(*measure);
}

HttpResponse list_page(MeasureRequest& allowed, std::string notice, FormFields new_measure, std::vector<std::string> errors, int status) {
    MeasuresPageView view{allowed.scope(), {}, false, std::move(notice), std::move(new_measure), std::move(errors), {}, std::nullopt};
    auto measures = allowed.store->measures(allowed.fiscal_year, allowed.access.agency_id);
    if (!measures) return error_response(measures.error());
    view.measures = std::move(*measures);
    if (auto years = allowed.store->fiscal_years()) view.has_result = std::ranges::find(*years, allowed.fiscal_year - 1) != years->end();
    auto constraints = allowed.store->constraints(allowed.fiscal_year, allowed.access.agency_id);
    if (!constraints) return error_response(constraints.error());
    view.constraints = constraints->value_or(core::Constraints{});
    // How the measures of the year before did, once its result and the one before are published.
    if (allowed.public_cache)
        if (auto results = allowed.public_cache->results())
            if (auto effects = service::measure_effectiveness(*allowed.store, **results,
                                                              {allowed.fiscal_year - 1, allowed.access.agency_id, std::nullopt, false}))
                view.previous = std::move(*effects);
    return measures_page(view, status);
}

const char* notice_for(const std::string& done) {
    if (done == "added") return "บันทึกมาตรการแล้ว";
    if (done == "drafted") return "ร่างมาตรการจากผลการวิเคราะห์แล้ว ตรวจและแก้ไขก่อนเผยแพร่";
    if (done == "removed") return "ลบมาตรการแล้ว";
    if (done == "constraints") return "บันทึกข้อจำกัดแล้ว";
    return "";
}

// The edit page of a stored measure, with what a rejected form held.
HttpResponse edit_page(MeasureRequest& allowed, const core::Measure& measure, MeasureEditView view, int status) {
    view.scope = allowed.scope();
    view.measure = measure;
    if (view.values.empty()) view.values = form_from_measure(measure);
    return measure_edit_page(view, status);
}

}  // namespace

namespace {

// The year's measures: the list, a new one, drafts from the analysis, and the 4M constraints.
void add_measure_list_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache) {
    router.add("GET", "/admin/measures", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto done = request.query.find("done");
        return list_page(*allowed, done == request.query.end() ? "" : notice_for(done->second), {}, {}, 200);
    });

    router.add("POST", "/admin/measures", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        core::Measure base;
        base.agency_id = allowed->access.agency_id;
        base.fiscal_year = allowed->fiscal_year;
        base.status = core::MeasureStatus::active;
        auto measure = measure_from_form(allowed->fields, base);
        if (!measure) return list_page(*allowed, "", allowed->fields, measure.error(), form_problems_status);
        auto added = allowed->store->add_measure(*measure, allowed->access.session.user.user_id);
        if (!added) return error_response(added.error());
        return see_other(allowed->list_url() + "&done=added#measure-" + std::to_string(*added));
    });

    router.add("POST", "/admin/measures/draft", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        auto drafted = service::draft_measures(*allowed->store, {allowed->fiscal_year, allowed->access.agency_id, context.methodology_dir,
                                                                 allowed->access.session.user.user_id});
        if (!drafted)
            return message_page(status_for(drafted.error().code), "ร่างมาตรการไม่ได้",
                                "ยังไม่มีผลการประเมินปี " + std::to_string(allowed->fiscal_year - 1) + " ของหน่วยงานให้วิเคราะห์");
        return see_other(allowed->list_url() + "&done=drafted");
    });

    router.add("POST", "/admin/constraints", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto value = [&](const char* name) {
            const auto found = allowed->fields.find(name);
            return found == allowed->fields.end() ? std::string() : std::string(util::trim(found->second));
        };
        const core::Constraints constraints{value("man"), value("money"), value("method"), value("material")};
        auto set = allowed->store->set_constraints(allowed->fiscal_year, allowed->access.agency_id, constraints,
                                                   allowed->access.session.user.user_id);
        if (!set) return error_response(set.error());
        return see_other(allowed->list_url() + "&done=constraints#constraints");
    });
}

// One measure: its page, its changes, its progress reports, its removal.
void add_one_measure_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache) {
    router.add("GET", "/admin/measures/:id", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto measure = stored_measure(*allowed, request);
        if (!measure) return measure.error();
        return edit_page(*allowed, *measure, {}, 200);
    });

    router.add("POST", "/admin/measures/:id", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto stored = stored_measure(*allowed, request);
        if (!stored) return stored.error();
        const auto id = stored->measure_id;
        auto measure = measure_from_form(allowed->fields, *stored);
        if (!measure) return edit_page(*allowed, *stored, {{}, {}, allowed->fields, measure.error(), {}, {}}, form_problems_status);
        if (auto updated = allowed->store->update_measure(*measure, allowed->access.session.user.user_id); !updated)
            return error_response(updated.error());
        return see_other(allowed->list_url() + "#measure-" + std::to_string(id));
    });

    router.add("POST", "/admin/measures/:id/progress", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto stored = stored_measure(*allowed, request);
        if (!stored) return stored.error();
        const auto id = stored->measure_id;
        auto report = progress_from_form(allowed->fields);
        if (!report) return edit_page(*allowed, *stored, {{}, {}, {}, {}, allowed->fields, report.error()}, form_problems_status);
        if (auto added =
                service::add_progress(*allowed->store, *stored, *report, allowed->access.session.user.user_id, util::bangkok_date_today());
            !added) {
            if (added.error().code != ErrorCode::invalid_input) return error_response(added.error());
            std::vector<std::string> problems;
            for (const auto& diagnostic : added.error().diagnostics) problems.push_back(diagnostic.message);
            return edit_page(*allowed, *stored, {{}, {}, {}, {}, allowed->fields, problems}, form_problems_status);
        }
        return see_other("/admin/measures/" + std::to_string(id) + "?year=" + std::to_string(allowed->fiscal_year) +
                         allowed->agency_param());
    });

    router.add("POST", "/admin/measures/:id/remove", [context, cache](const HttpRequest& request) {
        auto allowed = allow(context, request, cache);
        if (!allowed) return allowed.error();
        const auto stored = stored_measure(*allowed, request);
        if (!stored) return stored.error();
        const auto id = stored->measure_id;
        if (auto removed = allowed->store->remove_measure(id, allowed->access.session.user.user_id); !removed)
            return error_response(removed.error());
        return see_other(allowed->list_url() + "&done=removed");
    });
}

}  // namespace

void add_measure_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache) {
    add_measure_list_routes(router, context, cache);
    add_one_measure_routes(router, context, cache);
}

}  // namespace ita::server
