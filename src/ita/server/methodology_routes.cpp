// The national admin's page for each year's instrument: the years and their status, what changed
// from the year before, the forms and OIT lists as each agency type will see them, an OIT list
// pasted in as a new version, and freezing a year.
#include <ita/server/methodology_routes.hpp>

#include <ita/core/methodology_diff.hpp>
#include <ita/ingest/methodology_authoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace ita::server {

namespace {

std::string element_label(const std::string& element) {
    static const std::map<std::string, std::string> labels{{"item", "ข้อ OIT"},
                                                           {"question", "ข้อคำถาม"},
                                                           {"indicator", "ตัวชี้วัด"},
                                                           {"instrument", "เครื่องมือ"},
                                                           {"verdict", "เกณฑ์ผลการประเมิน"},
                                                           {"pass_mark", "คะแนนผ่าน"},
                                                           {"national_target", "เป้าหมายระดับประเทศ"},
                                                           {"minimum_sample", "ขนาดตัวอย่างขั้นต่ำ"}};
    const auto found = labels.find(element);
    return found == labels.end() ? element : found->second;
}

// The agency types to preview: those of the agencies in the database and those a variant names.
std::set<std::string> agency_types(storage::Store& store, const core::Methodology& methodology) {
    std::set<std::string> types;
    if (const auto agencies = store.agencies())
        for (const auto& agency : *agencies) types.insert(agency.type);
    for (const auto& variant : methodology.oit_variants) types.insert(variant.agency_types.begin(), variant.agency_types.end());
    types.erase("");
    return types;
}

data oit_preview(const core::Methodology& methodology, const std::string& type) {
    data groups{data::type::list};
    for (std::size_t sub = 0; sub < methodology.sub_indicators.size(); ++sub) {
        data items{data::type::list};
        for (const auto index : methodology.sub_indicators[sub].items) {
            const auto& item = methodology.items[index];
            if (!methodology.item_applies(item, type)) continue;
            data row;
            row.set("code", item.code);
            row.set("name", item.name);
            row.set("is_unconfirmed", flag(!item.provenance.is_official()));
            const std::string requirement = item.requirement_for(type);
            row.set("has_requirement", flag(!requirement.empty()));
            row.set("requirement", requirement);
            items.push_back(row);
        }
        if (items.list_value().empty()) continue;
        data group;
        group.set("code", methodology.sub_indicators[sub].code);
        group.set("name", methodology.sub_indicators[sub].name);
        group.set("items", items);
        groups.push_back(group);
    }
    return groups;
}

struct PageState {
    std::string notice;
    std::vector<std::string> errors;
    std::string csv;
    std::string reason;
    bool questions = false;  // the pasted text is questions, not an OIT list
};

HttpResponse methodology_page(storage::Store& store, const storage::Session& session, int year, const std::string& type,
                              const std::optional<std::string>& methodology_dir, const PageState& state, int status) {
    data context;
    context.set("title", "แบบประเมินของแต่ละปี");
    context.set("csrf", session.csrf);
    context.set("year", std::to_string(year));
    set_notice_and_errors(context, state.notice, state.errors);
    context.set("csv", state.csv);
    context.set("reason", state.reason);
    context.set("is_questions", flag(state.questions));

    data years{data::type::list};
    const auto known = service::methodology_years(&store, methodology_dir);
    if (!known) return error_response(known.error());
    for (const int each : *known) {
        const auto methodology = service::methodology_in_force(store, each, methodology_dir);
        const auto stored = store.current_methodology(each);
        if (!methodology) continue;
        data row;
        row.set("year", std::to_string(each));
        row.set("version", methodology->version);
        row.set("status", methodology->status == core::Status::verified ? std::string("ยืนยันแล้ว") : std::string("ยังไม่ยืนยัน"));
        const bool recorded = stored && stored->has_value();
        row.set("origin", recorded ? std::string("ฐานข้อมูล") : std::string("มากับโปรแกรม"));
        row.set("frozen", recorded && (*stored)->frozen ? std::string("ตรึงแล้ว") : std::string("ยังไม่ตรึง"));
        row.set("current", flag(each == year));
        years.push_back(row);
    }
    context.set("years", years);

    auto methodology = service::methodology_in_force(store, year, methodology_dir);
    if (!methodology) return error_response(methodology.error());
    context.set("version", methodology->version);
    context.set("notes", methodology->notes);
    const auto stored = store.current_methodology(year);
    const bool frozen = stored && stored->has_value() && (*stored)->frozen;
    context.set("is_frozen", flag(frozen));
    if (frozen)
        context.set("frozen_note",
                    "ตรึงแล้วเมื่อ " + thai::short_thai_date((*stored)->recorded_at.substr(0, 10)) + ": การแก้ไขต่อจากนี้เป็นฉบับใหม่ที่ต้องระบุเหตุผล");

    data changes{data::type::list};
    if (auto previous = service::methodology_in_force(store, year - 1, methodology_dir)) {
        context.set("previous_year", std::to_string(year - 1));
        for (const auto& change : core::diff_methodologies(*previous, *methodology)) {
            data row;
            row.set("kind", std::string(core::change_kind_label(change.kind)));
            row.set("element", element_label(change.element));
            row.set("code", change.code);
            row.set("before", change.before);
            row.set("after", change.after);
            changes.push_back(row);
        }
    }
    context.set("has_changes", flag(!changes.list_value().empty()));
    context.set("changes", changes);

    const auto types = agency_types(store, *methodology);
    context.set("types", thai_select_options({types.begin(), types.end()}, type));
    context.set("type", type);
    context.set("has_type", flag(!type.empty()));
    const auto* variant = methodology->variant_for(type);
    context.set("list_name", variant ? variant->name : std::string("รายการ OIT ทั่วไป"));
    context.set("groups", oit_preview(*methodology, type));
    return html_page(status, "national_methodology", context);
}

std::optional<int> year_of(const std::map<std::string, std::string>& values) {
    const auto found = values.find("year");
    if (found == values.end()) return util::fiscal_year_of(*util::parse_iso_date(util::bangkok_date_today()));
    return util::parse_fiscal_year(found->second);
}

std::string value_of(const FormFields& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
}

// "บรรทัด 5 (indicator): …" for each problem of a pasted list.
std::vector<std::string> list_problems(const Error& error) {
    std::vector<std::string> lines;
    lines.reserve(error.diagnostics.size() + 1);
    for (const auto& diagnostic : error.diagnostics)
        lines.push_back((diagnostic.line ? "บรรทัด " + std::to_string(diagnostic.line) + " " : std::string()) +
                        (diagnostic.field.empty() ? "" : "(" + diagnostic.field + ")") + ": " + diagnostic.message);
    if (lines.empty()) lines.push_back(error.message);
    return lines;
}

// The next version of a year: "<year>.<n>" past every number the year's versions (recorded or in
// force) have used.
std::string next_version(storage::Store& store, int year, const std::string& in_force) {
    std::vector<std::string> versions{in_force};
    if (const auto history = store.methodology_history())
        for (const auto& version : *history)
            if (version.fiscal_year == year) versions.push_back(version.version);
    long long highest = 0;
    const std::string prefix = std::to_string(year) + ".";
    for (const auto& version : versions)
        if (version.starts_with(prefix))
            if (const auto number = util::parse_integer(std::string_view(version).substr(prefix.size())))
                highest = std::max(highest, *number);
    return prefix + std::to_string(highest + 1);
}

}  // namespace

void add_methodology_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/national/methodology", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = national_access(**store, request, {});
        if (!session) return session.error();
        const auto year = year_of(request.query);
        if (!year) return message_page(400, "ปีไม่ถูกต้อง", "ระบุปีงบประมาณ พ.ศ. เช่น 2570");
        const auto type = request.query.find("type");
        const auto done = request.query.find("done");
        PageState state;
        if (done != request.query.end())
            state.notice = done->second == "frozen" ? "ตรึงแบบประเมินปีนี้แล้ว" : "บันทึกเป็นฉบับใหม่แล้ว ทุกหน้าของระบบใช้ฉบับนี้ตั้งแต่ตอนนี้";
        return methodology_page(**store, *session, *year, type == request.query.end() ? std::string() : type->second,
                                context.methodology_dir, state, 200);
    });
    router.add("POST", "/national/methodology/freeze", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, national_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        if (auto frozen =
                service::freeze_methodology_in_force(*call.store, call.fiscal_year, context.methodology_dir, call.session.user.user_id);
            !frozen)
            return error_response(frozen.error());
        return see_other("/national/methodology?year=" + std::to_string(call.fiscal_year) + "&done=frozen");
    });
    // An OIT list or the questions pasted as CSV: what it gives is replaced, the result recorded
    // as the year's next version; nothing changes unless all of it is valid.
    router.add("POST", "/national/methodology/items", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, national_access);
        if (!allowed) return allowed.error();
        auto& call = *allowed;
        PageState state{
            {}, {}, value_of(call.fields, "csv"), value_of(call.fields, "reason"), value_of(call.fields, "what") == "questions"};
        const auto refuse = [&](std::vector<std::string> problems) {
            state.errors = std::move(problems);
            return methodology_page(*call.store, call.session, call.fiscal_year, {}, context.methodology_dir, state, form_problems_status);
        };
        auto current = service::methodology_text_in_force(*call.store, call.fiscal_year, context.methodology_dir);
        if (!current) return error_response(current.error());
        auto in_force = service::methodology_in_force(*call.store, call.fiscal_year, context.methodology_dir);
        if (!in_force) return error_response(in_force.error());
        const bool questions = state.questions;
        const auto version = next_version(*call.store, call.fiscal_year, in_force->version);
        auto imported = questions ? ingest::import_questions_text(current->text, state.csv, "รายการที่วาง", version)
                                  : ingest::import_oit_items_text(current->text, state.csv, "รายการที่วาง", version);
        if (!imported) return refuse(list_problems(imported.error()));
        auto recorded = service::record_methodology(*call.store, imported->text, "ita-" + std::to_string(call.fiscal_year) + ".json",
                                                    state.reason, call.session.user.user_id);
        if (!recorded) {
            if (recorded.error().code != ErrorCode::conflict) return error_response(recorded.error());
            return refuse({"ปีนี้ตรึงแล้ว: ระบุเหตุผลของการแก้ไข"});
        }
        return see_other("/national/methodology?year=" + std::to_string(call.fiscal_year) + "&done=recorded");
    });
    // The IIT and EIT forms as respondents will see them, answerable but never sent.
    router.add("GET", "/national/methodology/preview", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const auto session = national_access(**store, request, {});
        if (!session) return session.error();
        const auto year = year_of(request.query);
        const auto form = request.query.find("form");
        const bool iit = form == request.query.end() || form->second != "eit";
        if (!year) return message_page(400, "ปีไม่ถูกต้อง", "ระบุปีงบประมาณ พ.ศ. เช่น 2570");
        auto methodology = service::methodology_in_force(**store, *year, context.methodology_dir);
        if (!methodology) return error_response(methodology.error());
        std::vector<std::size_t> questions;
        for (std::size_t index = 0; index < methodology->questions.size(); ++index)
            if (methodology->questions[index].instrument == (iit ? core::Instrument::iit : core::Instrument::eit))
                questions.push_back(index);
        SurveyPageText text;
        text.heading = iit ? "ตัวอย่างแบบวัด IIT (บุคลากรภายใน)" : "ตัวอย่างแบบวัด EIT (ผู้มีส่วนได้ส่วนเสียภายนอก)";
        text.note = "ตัวอย่างสำหรับผู้ดูแลระบบ ฉบับ " + methodology->version + ": ตอบได้แต่ส่งไม่ได้";
        text.preview = true;
        return survey_page(*methodology, questions, text, {}, {});
    });
}

}  // namespace ita::server
