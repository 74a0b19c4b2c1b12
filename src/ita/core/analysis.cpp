#include <ita/core/analysis.hpp>

#include <ita/core/verdict.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>

namespace ita::core {

std::string_view status_label(IndicatorStatus status) {
    switch (status) {
        case IndicatorStatus::very_strong: return "จุดแข็งมาก";
        case IndicatorStatus::good: return "ดี";
        case IndicatorStatus::urgent_weakness: return "จุดอ่อนที่ต้องพัฒนาเร่งด่วน";
    }
    return "";
}

namespace {

std::optional<double> previous_indicator(const Methodology& methodology, const AgencyScores& scores, int number) {
    const auto index = methodology.indicator_index(number);
    if (!index || *index >= scores.indicators.size()) return std::nullopt;
    return scores.indicators[*index];
}

IndicatorFinding find(const Methodology& methodology, const AgencyScores& scores, std::size_t index) {
    const auto& indicator = methodology.indicators[index];
    IndicatorFinding finding;
    finding.indicator = index;
    finding.score = *scores.indicators[index];
    finding.passes = passes(methodology, finding.score);
    const auto& rules = methodology.analysis;
    finding.status = !finding.passes                                                 ? IndicatorStatus::urgent_weakness
                     : util::round_half_away(finding.score) >= rules.very_strong_min ? IndicatorStatus::very_strong
                                                                                     : IndicatorStatus::good;
    for (const auto question : indicator.questions)
        if (const auto& score = scores.questions[question]) finding.questions.push_back({question, *score, passes(methodology, *score)});
    for (const auto sub_indicator : indicator.sub_indicators)
        for (const auto item : methodology.sub_indicators[sub_indicator].items)
            if (scores.items[item] && *scores.items[item] == 0.0) finding.items_scored_zero.push_back(item);
    return finding;
}

}  // namespace

Analysis analyse(const Methodology& methodology, const AgencyScores& scores, const AgencyScores* previous,
                 const Methodology* previous_methodology, std::optional<RankPosition> rank) {
    Analysis analysis;
    analysis.rank = rank;
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        if (!scores.indicators[index]) continue;
        IndicatorFinding finding = find(methodology, scores, index);
        if (previous && previous_methodology)
            if (const auto before = previous_indicator(*previous_methodology, *previous, methodology.indicators[index].number))
                finding.change = finding.score - *before;
        analysis.indicators.push_back(std::move(finding));
    }
    if (previous && previous->overall && scores.overall) analysis.overall_change = *scores.overall - *previous->overall;

    std::vector<std::size_t> failing, passing;
    for (std::size_t position = 0; position < analysis.indicators.size(); ++position)
        (analysis.indicators[position].passes ? passing : failing).push_back(position);
    const auto by_score = [&](bool ascending) {
        return [&, ascending](std::size_t left, std::size_t right) {
            const double a = analysis.indicators[left].score, b = analysis.indicators[right].score;
            if (a != b) return ascending ? a < b : a > b;
            return analysis.indicators[left].indicator < analysis.indicators[right].indicator;
        };
    };
    std::stable_sort(failing.begin(), failing.end(), by_score(true));
    std::stable_sort(passing.begin(), passing.end(), by_score(false));
    analysis.weaknesses = failing;
    failing.resize(std::min(failing.size(), methodology.analysis.weakest_count));
    passing.resize(std::min(passing.size(), methodology.analysis.strongest_count));
    analysis.urgent_weaknesses = std::move(failing);
    analysis.strengths = std::move(passing);
    return analysis;
}

void settle_rank(Analysis& analysis, RankSource source, int fiscal_year, std::string_view agency_type) {
    const std::string year = std::to_string(fiscal_year);
    switch (source) {
        case RankSource::files: analysis.rank_note = "ลำดับแสดงเฉพาะเมื่อวิเคราะห์จากผลที่ประกาศครบทั้งปีในฐานข้อมูล ไม่คำนวณจากไฟล์"; break;
        case RankSource::unpublished_year: analysis.rank_note = "ยังไม่ประกาศผลปีงบประมาณ พ.ศ. " + year + " ลำดับจะแสดงเมื่อประกาศผลแล้ว"; break;
        case RankSource::published_year:
            if (!analysis.rank) {
                analysis.rank_note = "ไม่มีลำดับ เพราะยังไม่มีคะแนนรวม";
                return;
            }
            if (analysis.rank->of > 1) return;
            analysis.rank_note = "ผลที่ประกาศในฐานข้อมูลนี้มี" + (agency_type.empty() ? std::string("หน่วยงานประเภทนี้") : std::string(agency_type)) +
                                 "เพียงหน่วยงานเดียว จึงไม่แสดงลำดับ";
            break;
    }
    analysis.rank.reset();
}

}  // namespace ita::core
