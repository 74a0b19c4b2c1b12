#include <ita/server/measure_pages.hpp>

#include <ita/server/score_text.hpp>

#include <ita/server/measure_view.hpp>
#include <ita/server/page_template.hpp>
#include <ita/thai/dates.hpp>

namespace ita::server {

namespace {

data error_list(const std::vector<std::string>& errors) {
    data list{data::type::list};
    for (const auto& error : errors) list.push_back(data(error));
    return list;
}

// The measure form's fields (prefixed f_) and its two choice lists.
void set_measure_fields(data& context, const FormFields& values) {
    const auto value = [&](const std::string& name) { return values.contains(name) ? values.at(name) : std::string(); };
    for (const auto* name : {"targets", "title", "analysis", "steps", "responsible", "start_on", "end_on"})
        context.set(std::string("f_") + name, value(name));
    const auto cadence = core::parse_cadence(value("cadence")).value_or(core::ReportingCadence::quarterly);
    data cadences{data::type::list};
    for (const auto option : {core::ReportingCadence::monthly, core::ReportingCadence::quarterly, core::ReportingCadence::half_yearly}) {
        data entry;
        entry.set("value", std::string(core::cadence_code(option)));
        entry.set("label", std::string(core::cadence_label(option)));
        entry.set("selected", flag(option == cadence));
        cadences.push_back(entry);
    }
    context.set("cadences", cadences);
    const auto status = value("status").empty() ? std::string("active") : value("status");
    data statuses{data::type::list};
    for (const auto option : {core::MeasureStatus::draft, core::MeasureStatus::active, core::MeasureStatus::done}) {
        data entry;
        entry.set("value", std::string(core::measure_status_code(option)));
        entry.set("label", std::string(core::measure_status_label(option)));
        entry.set("selected", flag(status == core::measure_status_code(option)));
        statuses.push_back(entry);
    }
    context.set("statuses", statuses);
}

void set_reporting_state(data& entry, const core::Measure& measure, const std::string& today) {
    const auto state = core::reporting_state(measure, today);
    entry.set("overdue", flag(state.overdue));
    entry.set("due_soon", flag(state.due_soon));
    if (!state.next_due.empty()) entry.set("next_due", thai::short_thai_date(state.next_due));  // an empty string is truthy
    entry.set("status_label", std::string(core::measure_status_label(measure.status)));
}

}  // namespace

HttpResponse measures_page(const MeasuresPageView& view, int status) {
    data context;
    context.set("title", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี " + std::to_string(view.scope.fiscal_year));
    set_agency_scope(context, view.scope);
    context.set("has_result", flag(view.has_result));
    context.set("has_notice", flag(!view.notice.empty()));
    context.set("notice", view.notice);
    std::size_t overdue = 0;
    data measures{data::type::list};
    for (const auto& measure : view.measures) {
        data entry;
        entry.set("id", std::to_string(measure.measure_id));
        entry.set("title", measure.title);
        entry.set("targets", core::targets_text(measure.targets));
        entry.set("period", thai::short_thai_date(measure.start_on) + " – " + thai::short_thai_date(measure.end_on));
        entry.set("responsible", measure.responsible);
        entry.set("cadence", std::string(core::cadence_label(measure.cadence)));
        const auto percent = core::latest_progress(measure);
        entry.set("progress", percent ? "ร้อยละ " + std::to_string(*percent) : std::string("ยังไม่มีรายงาน"));
        set_reporting_state(entry, measure, view.scope.today);
        if (core::reporting_state(measure, view.scope.today).overdue) ++overdue;
        measures.push_back(entry);
    }
    context.set("measures", measures);
    context.set("count", std::to_string(view.measures.size()));
    if (overdue) context.set("overdue_count", std::to_string(overdue));
    context.set("has_errors", flag(!view.errors.empty()));
    context.set("errors", error_list(view.errors));
    auto fields = view.new_measure;
    if (fields.empty()) {
        fields["start_on"] = thai::thai_form_date(core::fiscal_year_start(view.scope.fiscal_year));
        fields["end_on"] = thai::thai_form_date(core::fiscal_year_end(view.scope.fiscal_year));
    }
    set_measure_fields(context, fields);
    context.set("man", view.constraints.man);
    context.set("money", view.constraints.money);
    context.set("method", view.constraints.method);
    context.set("material", view.constraints.material);
    context.set("has_previous", flag(view.previous && !view.previous->listed.empty()));
    if (view.previous) {
        context.set("previous_year", std::to_string(view.previous->fiscal_year));
        context.set("baseline_year", std::to_string(view.previous->baseline_year));
        data effects{data::type::list};
        for (const auto index : view.previous->listed) {
            const auto& effect = view.previous->all[index];
            data item;
            item.set("title", effect.measure.title);
            item.set("verdict", std::string(core::effect_label(effect.verdict)));
            item.set("tone", std::string(effect.verdict == core::EffectVerdict::improved   ? "ok"
                                         : effect.verdict == core::EffectVerdict::declined ? "late"
                                                                                           : ""));
            data targets{data::type::list};
            for (const auto& target : effect.targets) {
                data line;
                line.set("name", target.name.empty() ? target.target : target.name);
                line.set("before", shown(target.before));
                line.set("after", shown(target.after));
                line.set("change", target.change() ? signed_change(*target.change()) : std::string("—"));
                targets.push_back(line);
            }
            item.set("targets", targets);
            effects.push_back(item);
        }
        context.set("previous_effects", effects);
    }
    // The report's three signers, named on the download form (the report command's --reporter, …).
    data signers{data::type::list};
    for (const auto& [key, role] : {std::pair{"reporter", "ผู้รายงานข้อมูล"}, {"certifier", "ผู้รับรองข้อมูล"}, {"approver", "ผู้เห็นชอบข้อมูล"}}) {
        data signer;
        signer.set("key", key);
        signer.set("role", role);
        signers.push_back(signer);
    }
    context.set("signers", signers);
    return html_page(status, "measures", context);
}

HttpResponse measure_edit_page(const MeasureEditView& view, int status) {
    data context;
    context.set("title", view.measure.title);
    set_agency_scope(context, view.scope);
    context.set("id", std::to_string(view.measure.measure_id));
    set_reporting_state(context, view.measure, view.scope.today);
    context.set("reports", progress_reports_view(view.measure));
    context.set("has_reports", flag(!view.measure.progress.empty()));
    context.set("has_errors", flag(!view.errors.empty()));
    context.set("errors", error_list(view.errors));
    set_measure_fields(context, view.values);
    context.set("has_progress_errors", flag(!view.progress_errors.empty()));
    context.set("progress_errors", error_list(view.progress_errors));
    auto progress = view.progress_values;
    if (!progress.contains("reported_on")) progress["reported_on"] = view.scope.today;
    for (const auto* name : {"reported_on", "percent", "text", "evidence_url"})
        context.set(std::string("p_") + name, progress.contains(name) ? progress.at(name) : std::string());
    return html_page(status, "measure_edit", context);
}

}  // namespace ita::server
