#include <ita/server/national_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/methodology_routes.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/publication_routes.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/public_results.hpp>
#include <ita/service/season.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

#include <map>

namespace ita::server {

namespace {

std::string state_text(const service::PhaseStatus& status) {
    switch (status.state) {
        case service::PhaseState::not_yet: return "ยังไม่เปิด";
        case service::PhaseState::open: return "เปิด";
        case service::PhaseState::closed: return "ปิดแล้ว";
    }
    return "";
}

// open_season's problems in Thai, by phase or agency-list line.
std::vector<std::string> thai_problems(const Error& error) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : error.diagnostics) {
        const auto phase = core::parse_season_phase(diagnostic.field);
        const std::string label = phase ? std::string(core::season_phase_label(*phase)) : diagnostic.field;
        if (diagnostic.field == "agency_id")
            lines.push_back(agency_list_problem(diagnostic));
        else if (diagnostic.message.starts_with("closes"))
            lines.push_back(label + ": วันปิดต้องไม่ก่อนวันเปิด");
        else if (diagnostic.message.starts_with("must be a date"))
            lines.push_back(label + ": วันที่ไม่ถูกต้อง");
        else if (diagnostic.message.starts_with("overlaps the OIT entry"))
            lines.push_back(label + ": ต้องเปิดหลังวันปิดการบันทึกข้อมูล OIT");
        else if (diagnostic.message.starts_with("overlaps the review"))
            lines.push_back(label + ": ต้องไม่เปิดก่อนการตรวจประเมิน OIT");
        else
            lines.push_back(label + ": " + diagnostic.message);
    }
    if (lines.empty()) lines.push_back(error.message);
    return lines;
}

// The calendar in force as the form's fields: "iit_open" → "2022-10-01", … (no closing day: no
// "…_close" field).
std::map<std::string, std::string> stored_dates(const std::vector<storage::SeasonWindow>& windows) {
    std::map<std::string, std::string> dates;
    for (const auto& window : windows) {
        const std::string name(core::season_phase_code(window.phase));
        dates[name + "_open"] = window.opens_on;
        if (window.closes_on != service::open_ended) dates[name + "_close"] = window.closes_on;
    }
    return dates;
}

HttpResponse season_page(storage::Store& store, const storage::Session& session, int year, const FormFields& values,
                         const std::string& notice, const std::vector<std::string>& errors, int status) {
    const auto today = util::bangkok_date_today();
    data context;
    context.set("title", "ปฏิทินการประเมิน ITA");
    context.set("year", std::to_string(year));
    context.set("csrf", session.csrf);
    set_notice_and_errors(context, notice, errors);
    auto windows = store.season_windows(year);
    data calendar{data::type::list};
    if (windows)
        for (const auto& window : *windows) {
            data row;
            row.set("label", std::string(core::season_phase_label(window.phase)));
            row.set("opens", thai::short_thai_date(window.opens_on));
            row.set("closes", window.closes_on == service::open_ended ? std::string("ไม่กำหนด") : thai::short_thai_date(window.closes_on));
            const auto phase = service::phase_status(store, year, window.phase, today);
            row.set("state", phase ? state_text(*phase) : std::string());
            calendar.push_back(row);
        }
    context.set("has_calendar", flag(windows && !windows->empty()));
    // Which agencies the calendar applies to: a change of dates reaches all of them.
    if (const auto assessed = store.assessed_agencies(year); assessed && windows && !windows->empty()) {
        const auto all = store.agencies();
        const std::size_t total = all ? all->size() : 0;
        context.set("applies_to", assessed->size() >= total ? "ใช้กับทุกหน่วยงาน (" + std::to_string(total) + " หน่วยงาน)"
                                                            : "ใช้กับ " + std::to_string(assessed->size()) + " จาก " + std::to_string(total) +
                                                                  " หน่วยงานที่เข้ารับการประเมินปีนี้");
    }
    context.set("calendar", calendar);
    // The form shows what is in force (or, shown again after a problem, what was typed), so that
    // saving one phase never clears another.
    const auto stored = stored_dates(windows ? *windows : std::vector<storage::SeasonWindow>{});
    data phases{data::type::list};
    for (const auto phase : core::season_phases) {
        const std::string name(core::season_phase_code(phase));
        data entry;
        entry.set("phase", name);
        entry.set("label", std::string(core::season_phase_label(phase)));
        const auto value = [&](const std::string& key) {
            if (values.contains(key)) return values.at(key);
            return stored.contains(key) ? stored.at(key) : std::string();
        };
        // Stored days are ISO; the form shows and takes them as Thai officials write them.
        const auto shown = [&](const std::string& key) { return values.contains(key) ? values.at(key) : thai::thai_form_date(value(key)); };
        entry.set("opens", shown(name + "_open"));
        entry.set("closes", shown(name + "_close"));
        phases.push_back(entry);
    }
    context.set("phases", phases);
    context.set("agencies", values.contains("agencies") ? values.at("agencies") : std::string());
    if (const auto publications = store.publications())
        for (const auto& publication : *publications)
            if (publication.fiscal_year == year)
                context.set("published", "ฉบับที่เผยแพร่อยู่: ฉบับที่ " + std::to_string(publication.version) + " เผยแพร่เมื่อ " +
                                             thai::short_thai_time(publication.public_from) + " โดย " + publication.actor + " (" +
                                             std::to_string(publication.agencies) + " หน่วยงาน)");
    return html_page(status, "national_season", context);
}

}  // namespace

void add_national_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& public_cache) {
    add_methodology_routes(router, context);
    router.add("GET", "/national/season", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = national_access(**store, request, {});
        if (!session) return session.error();
        const auto year = page_fiscal_year(**store, request);
        if (!year) return year.error();
        const auto done = request.query.find("done");
        return season_page(**store, *session, *year, {}, done != request.query.end() ? "เปิดปีการประเมินแล้ว" : "", {}, 200);
    });
    router.add("POST", "/national/season", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, national_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        service::SeasonRequest season;
        season.fiscal_year = call.fiscal_year;
        season.methodology_dir = context.methodology_dir;
        season.actor = call.session.user.user_id;
        season.today = util::bangkok_date_today();
        // A phase the form did not send keeps its dates in force; one it sent with an empty
        // closing day is open-ended, as the field says.
        const auto windows = call.store->season_windows(call.fiscal_year);
        if (!windows) return error_response(windows.error());
        const auto stored = stored_dates(*windows);
        std::vector<std::string> unreadable;
        for (const auto phase : core::season_phases) {
            const std::string name(core::season_phase_code(phase));
            for (const auto& [key, dates] : {std::pair{name + "_open", &season.opens}, {name + "_close", &season.closes}}) {
                const auto sent = call.fields.find(key);
                std::string value = sent != call.fields.end() ? sent->second : (stored.contains(key) ? stored.at(key) : "");
                if (value.empty()) continue;
                const auto day = thai::parse_thai_date(value);
                if (!day) {
                    unreadable.push_back(std::string(core::season_phase_label(phase)) + (key.ends_with("_open") ? " วันเปิด" : " วันปิด") +
                                         ": อ่านวันที่ “" + value + "” ไม่ได้ พิมพ์แบบ วว/ดด/ปปปป (พ.ศ.) เช่น 31/03/" +
                                         std::to_string(call.fiscal_year));
                    continue;
                }
                (*dates)[name] = *day;
            }
        }
        if (!unreadable.empty())
            return season_page(*call.store, call.session, call.fiscal_year, call.fields, "", unreadable, form_problems_status);
        if (const auto found = call.fields.find("agencies"); found != call.fields.end()) season.agencies_text = found->second;
        auto opened = service::open_season(*call.store, season);
        if (!opened) {
            if (opened.error().code != ErrorCode::invalid_input && opened.error().code != ErrorCode::not_found)
                return error_response(opened.error());
            return season_page(*call.store, call.session, call.fiscal_year, call.fields, "", thai_problems(opened.error()),
                               form_problems_status);
        }
        return see_other("/national/season?year=" + std::to_string(call.fiscal_year) + "&done=opened");
    });
    add_publication_routes(router, context, public_cache);
}

}  // namespace ita::server
