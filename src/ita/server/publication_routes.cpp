#include <ita/server/publication_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/publication.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/decimal.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

std::string figure(const std::optional<double>& value) { return value ? util::format_fixed(*value, 2) : std::string("–"); }

// "เพิ่มขึ้น 5.77 คะแนน", "ลดลง 1.20 คะแนน", "เท่าเดิม", in the unit given.
std::string change_text(const std::optional<double>& before, const std::optional<double>& after, const std::string& unit) {
    if (!before || !after) return "";
    const double difference = *after - *before;
    if (std::abs(difference) < 0.005) return "เท่าเดิม";
    return std::string(difference > 0 ? "เพิ่มขึ้น " : "ลดลง ") + util::format_fixed(std::abs(difference), 2) + " " + unit;
}

data figures_data(const service::NationalFigures& figures) {
    data out;
    out.set("agencies", std::to_string(figures.agencies));
    out.set("with_result", std::to_string(figures.with_result));
    out.set("passing", std::to_string(figures.passing));
    out.set("pass_percent", figure(figures.pass_percent));
    out.set("mean", figure(figures.mean));
    return out;
}

data publication_row(const storage::Publication& publication, bool pending) {
    data row;
    row.set("id", std::to_string(publication.publication_id));
    row.set("version", std::to_string(publication.version));
    row.set("published_at", thai::short_thai_time(publication.published_at));
    row.set("public_from", thai::short_thai_time(publication.public_from));
    row.set("actor", publication.actor);
    row.set("agencies", std::to_string(publication.agencies));
    row.set("reason", publication.reason.empty() ? std::string("ฉบับแรก") : publication.reason);
    row.set("pending", flag(pending));
    return row;
}

struct TypedFields {
    std::string reason;
    std::string embargo_date;
    std::string embargo_time;
};

HttpResponse publication_page(storage::Store& store, const storage::Session& session, int year,
                              const std::optional<std::string>& methodology_dir, const TypedFields& typed, const std::string& notice,
                              const std::vector<std::string>& errors, int status) {
    const auto preview = service::preview_publication(store, year, methodology_dir, util::bangkok_date_today());
    if (!preview) {
        if (preview.error().code == ErrorCode::not_found)
            return message_page(404, "ยังไม่มีข้อมูลของปีนี้", "ปีงบประมาณ " + std::to_string(year) + " ยังไม่มีข้อมูลในระบบ จึงยังไม่มีสิ่งที่จะเผยแพร่");
        return error_response(preview.error());
    }
    data context;
    context.set("title", "เผยแพร่ผลการประเมินปี " + std::to_string(year));
    context.set("wide", flag(true));
    context.set("year", std::to_string(year));
    context.set("csrf", session.csrf);
    set_notice_and_errors(context, notice, errors);
    context.set("methodology_version", preview->methodology_version);

    // Readiness.
    data calendar{data::type::list};
    for (const auto& check : preview->calendar) {
        data row;
        row.set("label", std::string(core::season_phase_label(check.phase)));
        row.set("closes",
                check.status.closes_on == service::open_ended ? std::string("ไม่กำหนด") : thai::short_thai_date(check.status.closes_on));
        row.set("closed", flag(check.status.state == service::PhaseState::closed));
        calendar.push_back(row);
    }
    context.set("has_calendar", flag(!preview->calendar.empty()));
    context.set("calendar", calendar);
    context.set("oit_awaiting_review", std::to_string(preview->oit_awaiting_review));
    context.set("oit_awaiting_re_review", std::to_string(preview->oit_awaiting_re_review));
    context.set("oit_done", flag(preview->oit_awaiting_review + preview->oit_awaiting_re_review == 0));
    data blocking{data::type::list};
    for (const auto& line : preview->blocking) blocking.push_back(data(line));
    context.set("blocking", blocking);
    context.set("ready", flag(preview->ready()));

    // What becomes public.
    context.set("figures", figures_data(preview->figures));
    context.set("pass_mark", util::format_fixed(preview->pass_mark, 0));
    context.set("target", util::format_fixed(preview->national_target_percent, 0));
    context.set("has_last_year", flag(preview->last_year_figures.has_value()));
    if (preview->last_year_figures) {
        context.set("last_year", std::to_string(preview->last_year->fiscal_year));
        context.set("last_figures", figures_data(*preview->last_year_figures));
        context.set("mean_change", change_text(preview->last_year_figures->mean, preview->figures.mean, "คะแนน"));
        context.set("pass_change", change_text(preview->last_year_figures->pass_percent, preview->figures.pass_percent, "จุดร้อยละ"));
    }
    data without{data::type::list};
    for (const auto& agency : preview->without_result) {
        data row;
        row.set("agency_id", agency.agency_id);
        row.set("name", agency.name);
        row.set("reason", agency.reason);
        without.push_back(row);
    }
    context.set("without_result", without);
    context.set("without_count", std::to_string(preview->without_result.size()));
    context.set("has_without", flag(!preview->without_result.empty()));
    context.set("correction", flag(preview->correction()));
    if (preview->current) context.set("current_version", std::to_string(preview->current->version));
    data changes{data::type::list};
    for (const auto& change : preview->changes) {
        data row;
        row.set("agency_id", change.agency_id);
        row.set("name", change.name);
        row.set("before", figure(change.before) + (change.rating_before.empty() ? "" : " (" + change.rating_before + ")"));
        row.set("after", figure(change.after) + (change.rating_after.empty() ? "" : " (" + change.rating_after + ")"));
        changes.push_back(row);
    }
    context.set("changes", changes);
    context.set("has_changes", flag(!preview->changes.empty()));
    context.set("changes_count", std::to_string(preview->changes.size()));

    // Versions so far.
    data versions{data::type::list};
    if (const auto history = store.publication_history(year))
        for (const auto& publication : *history)
            versions.push_back(
                publication_row(publication, preview->pending && preview->pending->publication_id == publication.publication_id));
    context.set("has_versions", flag(!versions.is_empty_list()));
    context.set("versions", versions);

    // The act.
    context.set("digest", preview->digest);
    context.set("phrase", service::confirmation_phrase(year));
    context.set("reason", typed.reason);
    context.set("embargo_date", typed.embargo_date);
    context.set("embargo_time", typed.embargo_time);
    return html_page(status, "national_publish", context);
}

std::string field(const FormFields& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found != fields.end() ? found->second : std::string();
}

}  // namespace

void add_publication_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& public_cache) {
    router.add("GET", "/national/publish", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = national_access(**store, request, {});
        if (!session) return session.error();
        const auto year = page_fiscal_year(**store, request);
        if (!year) return year.error();
        const auto done = request.query.find("done");
        std::string notice;
        if (done != request.query.end()) notice = done->second == "withdrawn" ? "ยกเลิกฉบับที่ตั้งเวลาไว้แล้ว" : "บันทึกการเผยแพร่แล้ว";
        return publication_page(**store, *session, *year, context.methodology_dir, {}, notice, {}, 200);
    });
    router.add("POST", "/national/publish", [context, public_cache](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, national_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        const TypedFields typed{field(call.fields, "reason"), field(call.fields, "embargo_date"), field(call.fields, "embargo_time")};
        service::PublishRequest publish;
        publish.fiscal_year = call.fiscal_year;
        publish.methodology_dir = context.methodology_dir;
        publish.actor = call.session.user.user_id;
        publish.confirmation = field(call.fields, "confirmation");
        publish.digest = field(call.fields, "digest");
        if (publish.digest.empty()) publish.digest = "-";  // a form always carries the preview it showed
        publish.reason = typed.reason;
        publish.today = util::bangkok_date_today();
        std::vector<std::string> problems;
        if (!typed.embargo_date.empty() || !typed.embargo_time.empty()) {
            const auto day = thai::parse_thai_date(typed.embargo_date);
            const auto at = day ? thai::bangkok_time_to_utc(*day, typed.embargo_time.empty() ? "00:00" : typed.embargo_time) : std::nullopt;
            if (!day)
                problems.emplace_back("วันที่เผยแพร่: พิมพ์วันที่แบบ วว/ดด/ปปปป (พ.ศ.) เช่น 31/10/" + std::to_string(call.fiscal_year));
            else if (!at)
                problems.emplace_back("เวลาเผยแพร่: พิมพ์เวลาแบบ ชช:นน เช่น 09:00");
            else
                publish.public_from = *at;
        }
        if (problems.empty()) {
            const auto published = service::publish_season(*call.store, publish);
            if (published) {
                public_cache->invalidate();
                return see_other("/national/publish?year=" + std::to_string(call.fiscal_year) + "&done=published");
            }
            if (published.error().code != ErrorCode::invalid_input) return error_response(published.error());
            for (const auto& diagnostic : published.error().diagnostics) problems.push_back(diagnostic.message);
        }
        return publication_page(*call.store, call.session, call.fiscal_year, context.methodology_dir, typed, "", problems,
                                form_problems_status);
    });
    router.add("POST", "/national/publish/withdraw", [context, public_cache](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, national_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        const auto id = util::parse_integer(field(call.fields, "publication"));
        if (!id) return message_page(400, "ไม่พบฉบับที่ระบุ", "แบบฟอร์มไม่ได้ระบุฉบับที่จะยกเลิก");
        const auto withdrawn = call.store->withdraw_publication(*id, call.session.user.user_id);
        if (!withdrawn) {
            if (withdrawn.error().code == ErrorCode::conflict)
                return publication_page(*call.store, call.session, call.fiscal_year, context.methodology_dir, {}, "",
                                        {"ฉบับนี้เผยแพร่ต่อสาธารณะแล้ว ยกเลิกไม่ได้: เผยแพร่ฉบับแก้ไขพร้อมเหตุผลแทน"}, 409);
            return error_response(withdrawn.error());
        }
        public_cache->invalidate();
        return see_other("/national/publish?year=" + std::to_string(call.fiscal_year) + "&done=withdrawn");
    });
}

}  // namespace ita::server
