// /agency/<id>?year=Y — an agency's published result for citizens: overall, verdict, rank
// within type with the ranks it cannot be told apart from, instruments and indicators with
// margins of error, history charts, the analysis, measures and downloads.
#include <ita/server/public_pages.hpp>

#include <ita/core/analysis.hpp>
#include <ita/core/verdict.hpp>
#include <ita/report/agency_report.hpp>
#include <ita/report/svg_chart.hpp>
#include <ita/server/analysis_view.hpp>
#include <ita/server/measure_form.hpp>
#include <ita/server/measure_view.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/publication_note.hpp>
#include <ita/server/score_text.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/decimal.hpp>

namespace ita::server {

namespace {

std::string margin_text(const std::optional<double>& margin) { return margin ? "±" + util::format_fixed(*margin) : std::string("—"); }

std::string rank_text(const std::optional<core::RankPosition>& rank, const std::string& type) {
    if (!rank) return "ยังไม่จัดลำดับ";
    return "ลำดับที่ " + grouped(static_cast<std::size_t>(rank->rank)) + " จาก " + grouped(static_cast<std::size_t>(rank->of)) + " " + type;
}

data years_menu(const service::PublicResults& results, const std::string& agency_id, int current) {
    data years{data::type::list};
    for (auto entry = results.years.rbegin(); entry != results.years.rend(); ++entry) {
        if (!(*entry)->find(agency_id)) continue;
        data year;
        year.set("year", std::to_string((*entry)->fiscal_year()));
        year.set("current", flag((*entry)->fiscal_year() == current));
        years.push_back(year);
    }
    return years;
}

void set_history(data& context, const service::PublicResults& results, const service::PublishedYear& current,
                 const std::string& agency_id) {
    report::BarChart chart{"คะแนนรวมย้อนหลัง", {}, {}, current.methodology.pass_mark, {}, {}};
    data rows{data::type::list};
    for (auto entry = results.years.rbegin(); entry != results.years.rend(); ++entry) {
        const auto& year = **entry;
        const auto found = year.find(agency_id);
        if (!found) continue;
        const auto& scores = year.scored[*found].scores;
        chart.labels.push_back(std::to_string(year.fiscal_year()));
        chart.values.push_back(scores.overall);
        chart.tones.push_back(report::tone_of_verdict(scores));
        chart.links.push_back("/agency/" + agency_id + "?year=" + std::to_string(year.fiscal_year()));
        data row;
        row.set("year", std::to_string(year.fiscal_year()));
        row.set("overall", shown(scores.overall));
        row.set("rating", scores.rating.empty() ? std::string("—") : scores.rating);
        for (const auto instrument : core::all_instruments)
            row.set(std::string(core::instrument_code(instrument)), shown(scores.instruments[static_cast<std::size_t>(instrument)]));
        row.set("rank", rank_text(year.positions[*found], year.scored[*found].agency->type));
        rows.push_back(row);
    }
    context.set("history_chart", report::bar_chart_svg(chart, 480, 240));
    context.set("history", rows);
}

void set_neighbours(data& context, const service::PublishedYear& year, std::size_t agency) {
    const auto& own = year.scored[agency].scores;
    data rows{data::type::list};
    for (const std::size_t other : year.rank_neighbours(agency, 3)) {
        const auto& scored = year.scored[other];
        data row;
        row.set("rank", std::to_string(year.positions[other]->rank));
        row.set("id", scored.agency->agency_id);
        row.set("name", scored.agency->name);
        row.set("province", scored.agency->province);
        row.set("overall", shown(scored.scores.overall));
        row.set("margin", margin_text(year.margins[other].overall));
        row.set("self", flag(other == agency));
        const bool apart =
            core::distinguishable(*own.overall, year.margins[agency].overall, *scored.scores.overall, year.margins[other].overall);
        row.set("same", flag(other != agency && !apart));
        rows.push_back(row);
    }
    context.set("neighbours", rows);
    context.set("has_neighbours", flag(!rows.is_empty_list()));
    if (const auto range = year.indistinguishable_ranks(agency); range && range->first != range->second)
        context.set("rank_range", "เมื่อคำนึงถึงค่าคลาดเคลื่อน ลำดับนี้แยกไม่ออกทางสถิติจากลำดับที่ " + grouped(static_cast<std::size_t>(range->first)) +
                                      "–" + grouped(static_cast<std::size_t>(range->second)));
}

void set_analysis(data& context, const service::PublicResults& results, const service::PublishedYear& year, std::size_t agency) {
    const auto& methodology = year.methodology;
    const auto& scores = year.scored[agency].scores;
    const auto* previous = results.previous(year.fiscal_year());
    const core::AgencyScores* previous_scores = nullptr;
    if (previous)
        if (const auto found = previous->find(scores.agency_id)) previous_scores = &previous->scored[*found].scores;
    const auto analysis =
        core::analyse(methodology, scores, previous_scores, previous_scores ? &previous->methodology : nullptr, year.positions[agency]);
    if (analysis.overall_change) context.set("change", signed_change(*analysis.overall_change));

    report::BarChart chart{
        "คะแนนรายตัวชี้วัดเทียบเกณฑ์ " + util::format_fixed(methodology.pass_mark, 0) + " คะแนน", {}, {}, methodology.pass_mark, {}, {}};
    data indicators{data::type::list};
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        chart.labels.push_back(std::to_string(indicator.number));
        chart.values.push_back(scores.indicators[index]);
        data row;
        row.set("name", std::to_string(indicator.number) + ". " + indicator.name);
        row.set("instrument", std::string(core::instrument_code(indicator.instrument)));
        row.set("score", shown(scores.indicators[index]));
        row.set("margin", margin_text(year.margins[agency].indicators[index]));
        for (const auto& finding : analysis.indicators) {
            if (finding.indicator != index) continue;
            row.set("status", std::string(core::status_label(finding.status)));
            row.set("tone", std::string(finding.status == core::IndicatorStatus::urgent_weakness ? "late" : finding.passes ? "ok" : ""));
            if (finding.change) row.set("change", signed_change(*finding.change));
        }
        indicators.push_back(row);
    }
    context.set("indicator_chart", report::bar_chart_svg(chart, 480, 260));
    context.set("indicators", indicators);

    data weaknesses{data::type::list};
    for (const auto position : analysis.urgent_weaknesses) weaknesses.push_back(weakness_view(methodology, analysis.indicators[position]));
    context.set("weaknesses", weaknesses);
    context.set("has_weaknesses", flag(!analysis.urgent_weaknesses.empty()));
    data strengths{data::type::list};
    for (const auto position : analysis.strengths) {
        const auto& finding = analysis.indicators[position];
        data strength;
        strength.set("name", std::to_string(methodology.indicators[finding.indicator].number) + ". " +
                                 methodology.indicators[finding.indicator].name);
        strength.set("score", util::format_fixed(finding.score));
        strengths.push_back(strength);
    }
    context.set("strengths", strengths);
    context.set("has_strengths", flag(!analysis.strengths.empty()));
}

void set_measures(data& context, const std::vector<core::Measure>& measures) {
    data list{data::type::list};
    for (const auto& measure : measures) {
        if (measure.status == core::MeasureStatus::draft) continue;  // not adopted yet: not for the public
        data entry;
        entry.set("title", measure.title);
        entry.set("responsible", measure.responsible);
        entry.set("period", thai::short_thai_date(measure.start_on) + " – " + thai::short_thai_date(measure.end_on));
        const auto percent = core::latest_progress(measure);
        entry.set("progress", percent ? std::to_string(*percent) : std::string("0"));
        entry.set("status", std::string(core::measure_status_label(measure.status)));
        entry.set("reports", progress_reports_view(measure));
        list.push_back(entry);
    }
    context.set("has_measures", flag(!list.is_empty_list()));
    context.set("measures", list);
}

}  // namespace

std::string agency_public_html(const service::PublicResults& results, const service::PublishedYear& year, std::size_t agency,
                               const std::vector<core::Measure>& measures) {
    const auto& scored = year.scored[agency];
    const auto& scores = scored.scores;
    const auto& methodology = year.methodology;
    data context;
    context.set("title", scored.agency->name + " — ผลการประเมิน ITA ปี " + std::to_string(year.fiscal_year()));
    context.set("wide", flag(true));
    context.set("agency", scored.agency->agency_id);
    context.set("name", scored.agency->name);
    context.set("type", scored.agency->type);
    context.set("province", scored.agency->province);
    context.set("year", std::to_string(year.fiscal_year()));
    context.set("next_year", std::to_string(year.fiscal_year() + 1));
    context.set("years", years_menu(results, scored.agency->agency_id, year.fiscal_year()));
    set_publication_note(context, year);
    context.set("overall", shown(scores.overall));
    context.set("overall_margin", margin_text(year.margins[agency].overall));
    context.set("pass_mark", util::format_fixed(methodology.pass_mark, 0));
    context.set("rating", scores.rating.empty() ? std::string("—") : scores.rating);
    context.set("pass_text", scores.pass ? std::string(core::pass_label(*scores.pass)) : std::string("ยังไม่มีผล"));
    context.set("pass_tone", std::string(scores.pass ? (*scores.pass ? "ok" : "late") : ""));
    if (!scores.withheld_reason.empty()) context.set("withheld", scores.withheld_reason);
    context.set("rank", rank_text(year.positions[agency], scored.agency->type));
    data instruments{data::type::list};
    for (const auto& instrument : methodology.instruments) {
        const auto position = static_cast<std::size_t>(instrument.code);
        data entry;
        entry.set("code", std::string(core::instrument_code(instrument.code)));
        entry.set("name", instrument.name.substr(0, instrument.name.find(" (")));  // the Thai name, without the English
        entry.set("score", shown(scores.instruments[position]));
        entry.set("margin", margin_text(year.margins[agency].instruments[position]));
        std::string basis = "ตรวจทุกข้อโดยผู้ตรวจ";
        if (instrument.code == core::Instrument::iit) {
            basis = "ผู้ตอบ " + grouped(scores.respondents[0]) + " คน";
            if (year.headcounts[agency]) basis += " จากบุคลากร " + grouped(static_cast<std::size_t>(*year.headcounts[agency])) + " คน";
        } else if (instrument.code == core::Instrument::eit) {
            basis = "ผู้ตอบ " + grouped(scores.respondents[1]) + " คน";
            // The respondent parts, each with its own score (too few respondents: no score).
            const auto& parts = methodology.eit_parts().parts;
            for (std::size_t index = 0; index < scores.eit_parts.size() && index < parts.size(); ++index) {
                const auto& part = scores.eit_parts[index];
                basis += (index == 0 ? " — " : "; ") + parts[index].name;
                if (part.respondents > 0) basis += " " + grouped(part.respondents) + " คน";
                if (core::part_score_shown(part)) basis += " " + shown(part.score) + " คะแนน";
            }
        }
        entry.set("basis", basis);
        instruments.push_back(entry);
    }
    context.set("instruments", instruments);
    set_analysis(context, results, year, agency);
    set_history(context, results, year, scored.agency->agency_id);
    set_neighbours(context, year, agency);
    set_measures(context, measures);
    return render_template("agency_public", context);
}

std::string agency_unpublished_html(const service::PublicResults& results, const core::Agency& agency, int fiscal_year) {
    data context;
    context.set("title", agency.name + " — ผลการประเมิน ITA");
    context.set("agency", agency.agency_id);
    context.set("name", agency.name);
    context.set("type", agency.type);
    context.set("province", agency.province);
    if (fiscal_year > 0) context.set("year", std::to_string(fiscal_year));
    context.set("years", years_menu(results, agency.agency_id, fiscal_year));
    return render_template("agency_unpublished", context);
}

std::string grouped(std::size_t count) {
    std::string digits = std::to_string(count);
    for (std::ptrdiff_t at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

}  // namespace ita::server
