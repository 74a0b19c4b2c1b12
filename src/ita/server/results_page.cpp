#include <ita/server/results_page.hpp>

#include <ita/core/verdict.hpp>
#include <ita/server/analysis_view.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/score_text.hpp>
#include <ita/util/decimal.hpp>

namespace ita::server {

HttpResponse results_page(const service::AgencyAnalysis& analysed, const AgencyPageScope& scope, const std::vector<int>& years) {
    const auto& methodology = analysed.run.methodology;
    const auto& scores = analysed.agency->scores;
    const auto& analysis = analysed.analysis;
    data context;
    context.set("title", "ผลการประเมิน ITA ปี " + std::to_string(scope.fiscal_year));
    set_agency_scope(context, scope);
    context.set("year", std::to_string(scope.fiscal_year));
    context.set("next_year", std::to_string(scope.fiscal_year + 1));
    data year_links{data::type::list};
    for (const int year : years) {
        data link;
        link.set("year", std::to_string(year));
        link.set("current", flag(year == scope.fiscal_year));
        year_links.push_back(link);
    }
    context.set("has_years", flag(years.size() > 1));
    context.set("years", year_links);
    context.set("overall", shown(scores.overall));
    context.set("rating", scores.rating.empty() ? std::string("—") : scores.rating);
    context.set("pass_text", scores.pass ? std::string(core::pass_label(*scores.pass)) : std::string("ยังไม่มีผล"));
    context.set("pass_tone", std::string(scores.pass ? (*scores.pass ? "ok" : "late") : ""));
    if (!scores.withheld_reason.empty()) context.set("withheld", scores.withheld_reason);
    if (analysis.rank && analysed.agency->agency)
        context.set("rank", "ลำดับที่ " + std::to_string(analysis.rank->rank) + " จาก " + std::to_string(analysis.rank->of) + " " +
                                analysed.agency->agency->type);
    else if (!analysis.rank_note.empty())
        context.set("rank", analysis.rank_note);
    if (analysis.overall_change) context.set("change", signed_change(*analysis.overall_change));
    data instruments{data::type::list};
    for (const auto& instrument : methodology.instruments) {
        data entry;
        entry.set("name", instrument.name);
        entry.set("score", shown(scores.instruments[static_cast<std::size_t>(instrument.code)]));
        instruments.push_back(entry);
    }
    context.set("instruments", instruments);
    set_eit_parts(context, methodology, scores);
    data indicators{data::type::list};
    for (const auto& finding : analysis.indicators) {
        const auto& indicator = methodology.indicators[finding.indicator];
        data row;
        row.set("name", std::to_string(indicator.number) + ". " + indicator.name);
        row.set("score", util::format_fixed(finding.score));
        row.set("status", std::string(core::status_label(finding.status)));
        row.set("tone", std::string(finding.status == core::IndicatorStatus::urgent_weakness ? "late" : finding.passes ? "ok" : ""));
        indicators.push_back(row);
    }
    context.set("indicators", indicators);
    data weaknesses{data::type::list};
    for (const auto position : analysis.urgent_weaknesses) weaknesses.push_back(weakness_view(methodology, analysis.indicators[position]));
    context.set("has_weaknesses", flag(!analysis.urgent_weaknesses.empty()));
    context.set("weaknesses", weaknesses);
    // The path to the pass mark, when the agency has not reached it.
    const core::PathToTarget* path = nullptr;
    for (const auto& candidate : analysed.paths)
        if (candidate.label == core::pass_label(true)) path = &candidate;
    context.set("has_path", flag(path && !path->reached));
    if (path && !path->reached) {
        context.set("target", util::format_fixed(path->target, 0));
        std::string summary = "ขาดอีก " + util::format_fixed(path->target - path->current) + " คะแนน";
        if (!path->items.empty())
            summary += " — เผยแพร่ข้อมูล OIT ที่ยังไม่ผ่าน " + std::to_string(path->items.size()) + " ข้อ แล้วคะแนนรวมเป็น " +
                       util::format_fixed(path->after_items) + (path->items_suffice ? " (ถึงเกณฑ์)" : " (ยังไม่ถึง ต้องยกตัวชี้วัดจากแบบวัดด้วย)");
        if (const auto note = core::unknown_gains_note(methodology, *path); !note.empty()) summary += " (" + note + ")";
        context.set("path_summary", summary);
        data items{data::type::list};
        for (const auto& gain : path->items) {
            data entry;
            entry.set("code", methodology.items[gain.item].code);
            entry.set("name", methodology.items[gain.item].name);
            entry.set("points", util::format_fixed(gain.overall_points));
            items.push_back(entry);
        }
        context.set("path_items", items);
    }
    return html_page(200, "results", context);
}

}  // namespace ita::server
