#include <ita/service/measures.hpp>

#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/analyse_agency.hpp>
#include <ita/util/decimal.hpp>

#include <set>

namespace ita::service {

namespace {

constexpr const char* responsible_placeholder = "คณะทำงานส่งเสริมคุณธรรมและความโปร่งใส (ระบุส่วนงานที่รับผิดชอบ)";

std::string target_of(const core::Indicator& indicator) { return "indicator:" + std::to_string(indicator.number); }

core::Measure weakness_measure(const DraftRequest& request, const core::Methodology& methodology, const core::Guidance& guidance,
                               const core::IndicatorFinding& finding) {
    const auto& indicator = methodology.indicators[finding.indicator];
    core::Measure measure;
    measure.agency_id = request.agency_id;
    measure.fiscal_year = request.fiscal_year;
    measure.targets.push_back(target_of(indicator));
    measure.title = "มาตรการยกระดับตัวชี้วัดที่ " + std::to_string(indicator.number) + " " + indicator.name;
    measure.analysis = "ปี " + std::to_string(methodology.fiscal_year) + " ได้ " + util::format_fixed(finding.score) + " คะแนน ต่ำกว่าเกณฑ์ " +
                       util::format_fixed(methodology.pass_mark, 0) + " คะแนน";
    std::vector<std::string> steps;
    if (const auto* text = guidance.find(guidance.indicators, std::to_string(indicator.number))) steps.push_back(text->improve);
    std::string low;
    for (const auto& question : finding.questions) {
        if (question.passes) continue;
        const auto& code = methodology.questions[question.question].code;
        measure.targets.push_back("question:" + code);
        low += (low.empty() ? "" : ", ") + code + " " + util::format_fixed(question.score);
        if (const auto* text = guidance.find(guidance.questions, code)) steps.push_back("ข้อ " + code + ": " + text->improve);
    }
    for (const auto item : finding.items_scored_zero) {
        const auto& code = methodology.items[item].code;
        measure.targets.push_back("item:" + code);
        low += (low.empty() ? "" : ", ") + code + " 0";
        if (const auto* text = guidance.find(guidance.items, code)) steps.push_back("ข้อ " + code + ": " + text->improve);
    }
    if (!low.empty()) measure.analysis += " ข้อที่ต่ำกว่าเกณฑ์: " + low;
    steps.push_back("รายงานผลการดำเนินการต่อผู้บริหารและเผยแพร่บนเว็บไซต์หน่วยงาน");
    for (std::size_t step = 0; step < steps.size(); ++step)
        measure.steps += (step ? "\n" : "") + std::to_string(step + 1) + ". " + steps[step];
    measure.responsible = responsible_placeholder;
    measure.start_on = core::fiscal_year_start(request.fiscal_year);
    measure.end_on = core::fiscal_year_end(request.fiscal_year);
    measure.cadence = core::ReportingCadence::quarterly;
    return measure;
}

core::Measure strengths_measure(const DraftRequest& request, const core::Methodology& methodology, const core::Guidance& guidance,
                                const core::Analysis& analysis) {
    core::Measure measure;
    measure.agency_id = request.agency_id;
    measure.fiscal_year = request.fiscal_year;
    measure.title = "มาตรการรักษามาตรฐานจุดแข็ง";
    std::vector<std::string> steps;
    for (const auto position : analysis.strengths) {
        const auto& finding = analysis.indicators[position];
        const auto& indicator = methodology.indicators[finding.indicator];
        measure.targets.push_back(target_of(indicator));
        measure.analysis += (measure.analysis.empty() ? "" : ", ") + std::string("ตัวชี้วัดที่ ") + std::to_string(indicator.number) + " " +
                            util::format_fixed(finding.score);
        if (const auto* text = guidance.find(guidance.indicators, std::to_string(indicator.number)))
            steps.push_back(indicator.name + ": " + text->maintain);
    }
    measure.analysis = "จุดแข็งปี " + std::to_string(methodology.fiscal_year) + ": " + measure.analysis;
    for (std::size_t step = 0; step < steps.size(); ++step)
        measure.steps += (step ? "\n" : "") + std::to_string(step + 1) + ". " + steps[step];
    measure.responsible = responsible_placeholder;
    measure.start_on = core::fiscal_year_start(request.fiscal_year);
    measure.end_on = core::fiscal_year_end(request.fiscal_year);
    measure.cadence = core::ReportingCadence::half_yearly;
    return measure;
}

}  // namespace

Result<std::vector<core::Measure>> draft_measures(storage::Store& store, const DraftRequest& request) {
    ITA_TRY(analysed, analyse_from_store(store, request.fiscal_year - 1, request.agency_id, request.methodology_dir));
    ITA_TRY(guidance, ingest::load_guidance(request.methodology_dir));
    ITA_TRY(existing, store.measures(request.fiscal_year, request.agency_id));
    std::set<std::string> covered;
    for (const auto& measure : existing)
        if (!measure.targets.empty()) covered.insert(measure.targets.front());

    const auto& methodology = analysed->run.methodology;
    std::vector<core::Measure> drafts;
    for (const auto position : analysed->analysis.urgent_weaknesses)
        drafts.push_back(weakness_measure(request, methodology, guidance, analysed->analysis.indicators[position]));
    if (!analysed->analysis.strengths.empty()) drafts.push_back(strengths_measure(request, methodology, guidance, analysed->analysis));

    std::vector<core::Measure> added;
    for (auto& draft : drafts) {
        if (!draft.targets.empty() && covered.contains(draft.targets.front())) continue;
        ITA_TRY_VOID(core::validate_measure(draft));
        ITA_TRY(id, store.add_measure(draft, request.actor));
        draft.measure_id = id;
        added.push_back(std::move(draft));
    }
    return added;
}

Result<core::Measure> agency_measure(storage::Store& store, int fiscal_year, const std::string& agency_id, std::int64_t measure_id) {
    ITA_TRY(measures, store.measures(fiscal_year, agency_id));
    for (auto& measure : measures)
        if (measure.measure_id == measure_id) return std::move(measure);
    return fail(ErrorCode::not_found,
                "no measure " + std::to_string(measure_id) + " of agency " + agency_id + " in fiscal year " + std::to_string(fiscal_year));
}

Result<void> add_progress(storage::Store& store, const core::Measure& measure, const core::ProgressReport& report, std::string_view actor,
                          const std::string& today) {
    ITA_TRY_VOID(core::validate_progress(measure, report, today));
    return store.add_progress(measure.measure_id, report, actor);
}

}  // namespace ita::service
