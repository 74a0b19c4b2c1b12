// Weak points and strengths as seeds 000 and 002 write them by hand: every indicator below the
// pass mark with a short analysis, its questions below the mark and its OIT items at 0, each with
// the guidance library's advice; the most urgent (the lowest, as many as the year's method
// names) marked; the strengths with how to keep them.
#include <ita/report/agency_report_parts.hpp>
#include <ita/report/score_format.hpp>

#include <ita/core/verdict.hpp>
#include <ita/thai/digits.hpp>

#include <algorithm>

namespace ita::report::sections {

std::string advice(const core::Guidance* guidance, std::map<std::string, core::GuidanceText> core::Guidance::*table,
                   const std::string& code, bool improve) {
    if (!guidance) return {};
    const auto* text = guidance->find(guidance->*table, code);
    if (!text) return {};
    return improve ? text->improve : text->maintain;
}

namespace {

std::string list_of_numbers(const core::Methodology& methodology, const core::Analysis& analysis,
                            const std::vector<std::size_t>& positions) {
    std::string text;
    for (std::size_t at = 0; at < positions.size(); ++at) {
        if (at > 0) text += at + 1 == positions.size() ? " และ " : ", ";
        text += std::to_string(methodology.indicators[analysis.indicators[positions[at]].indicator].number);
    }
    return text;
}

// "คะแนน 77.69 ต่ำกว่าเกณฑ์ 7.31 คะแนน ลดลง 11.38 คะแนนจากปีก่อน ข้อคำถามต่ำกว่าเกณฑ์ 4 จาก 6 ข้อ …"
std::string analysis_of(const core::Methodology& methodology, const core::IndicatorFinding& finding) {
    std::string text = "คะแนน " + util::format_fixed(finding.score) + " ต่ำกว่าเกณฑ์ " +
                       util::format_fixed(methodology.pass_mark - util::round_half_away(finding.score)) + " คะแนน";
    if (finding.change) text += " เทียบกับปีก่อน" + change_in_words(*finding.change);
    if (finding.questions.empty() && !methodology.indicators[finding.indicator].questions.empty()) text += " (ไม่มีคะแนนรายข้อคำถาม)";
    if (!finding.questions.empty()) {
        const auto low =
            std::count_if(finding.questions.begin(), finding.questions.end(), [](const auto& question) { return !question.passes; });
        // Published figures often give only some questions: say how many are known.
        const std::size_t asked = methodology.indicators[finding.indicator].questions.size();
        const bool all_known = finding.questions.size() >= asked;
        if (low == 0)
            text += all_known ? " ทุกข้อคำถามได้ไม่ต่ำกว่าเกณฑ์" : " ข้อคำถามที่มีคะแนนไม่ต่ำกว่าเกณฑ์";
        else
            text += " ข้อคำถามที่ได้ต่ำกว่าเกณฑ์ " + std::to_string(low) + " ข้อ";
        if (!all_known) text += " (มีคะแนนรายข้อ " + std::to_string(finding.questions.size()) + " จาก " + std::to_string(asked) + " ข้อ)";
        const auto lowest = std::min_element(finding.questions.begin(), finding.questions.end(),
                                             [](const auto& a, const auto& b) { return a.score < b.score; });
        if (low > 0)
            text += " ต่ำสุดคือข้อ " + methodology.questions[lowest->question].code + " (" + util::format_fixed(lowest->score) + " คะแนน)";
    }
    if (!finding.items_scored_zero.empty())
        text += " ข้อมูลที่ยังไม่ได้เผยแพร่หรือไม่ผ่านการตรวจ " + std::to_string(finding.items_scored_zero.size()) + " ข้อ";
    return text;
}

}  // namespace

void weaknesses(Document& document, const AgencyReportInput& input, int number) {
    const auto& methodology = *input.methodology;
    const auto& analysis = *input.analysis;
    const std::string mark = util::format_fixed(methodology.pass_mark, 0);
    document.blocks.push_back(Heading{2, numbered(number, "ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไข")});
    if (analysis.weaknesses.empty()) {
        document.blocks.push_back(Paragraph{"ไม่มีตัวชี้วัดที่ได้คะแนนน้อยกว่า " + mark + " คะแนน", false});
        return;
    }
    std::string summary = "ตัวชี้วัดที่ได้คะแนนน้อยกว่า " + mark + " คะแนน มี " + std::to_string(analysis.weaknesses.size()) + " ตัวชี้วัด ได้แก่ ตัวชี้วัดที่ " +
                          list_of_numbers(methodology, analysis, analysis.weaknesses);
    if (!analysis.urgent_weaknesses.empty())
        summary += " โดยตัวชี้วัดที่ต้องแก้ไขโดยเร่งด่วน (คะแนนน้อยที่สุด " + std::to_string(analysis.urgent_weaknesses.size()) + " ลำดับ) คือ ตัวชี้วัดที่ " +
                   list_of_numbers(methodology, analysis, analysis.urgent_weaknesses);
    document.blocks.push_back(Paragraph{summary, false});

    for (const auto position : analysis.weaknesses) {
        const auto& finding = analysis.indicators[position];
        const auto& indicator = methodology.indicators[finding.indicator];
        const auto urgent = std::find(analysis.urgent_weaknesses.begin(), analysis.urgent_weaknesses.end(), position);
        std::string heading =
            "ตัวชี้วัดที่ " + std::to_string(indicator.number) + " " + indicator.name + " " + util::format_fixed(finding.score) + " คะแนน";
        if (urgent != analysis.urgent_weaknesses.end())
            heading += " (เร่งด่วนลำดับที่ " + std::to_string(urgent - analysis.urgent_weaknesses.begin() + 1) + ")";
        document.blocks.push_back(Heading{3, heading});
        std::string text = analysis_of(methodology, finding);
        if (const auto improve = advice(input.guidance, &core::Guidance::indicators, std::to_string(indicator.number), true);
            !improve.empty())
            text += "\nแนวทางพัฒนา: " + improve;
        document.blocks.push_back(Paragraph{text, false});

        Table details{{"ข้อ", "ประเด็น", "คะแนน", "แนวทางพัฒนา"}, {0.9, 3.4, 1.3, 3.4}, {}};
        for (const auto& question : finding.questions)
            if (!question.passes) {
                const auto& code = methodology.questions[question.question].code;
                details.rows.push_back({code, methodology.questions[question.question].text, util::format_fixed(question.score),
                                        advice(input.guidance, &core::Guidance::questions, code, true)});
            }
        for (const auto item : finding.items_scored_zero) {
            const auto& code = methodology.items[item].code;
            details.rows.push_back({code, methodology.items[item].name, "0", advice(input.guidance, &core::Guidance::items, code, true)});
        }
        if (!details.rows.empty()) document.blocks.push_back(std::move(details));
    }
}

void strengths(Document& document, const AgencyReportInput& input, int number) {
    const auto& methodology = *input.methodology;
    const auto& analysis = *input.analysis;
    document.blocks.push_back(Heading{2, numbered(number, "จุดแข็งที่ควรรักษาไว้")});
    if (analysis.strengths.empty()) {
        document.blocks.push_back(Paragraph{"ยังไม่มีตัวชี้วัดที่ผ่านเกณฑ์", false});
        return;
    }
    std::string text;
    for (const auto position : analysis.strengths) {
        const auto& finding = analysis.indicators[position];
        const auto& indicator = methodology.indicators[finding.indicator];
        text += (text.empty() ? "" : "\n") + std::string("• ตัวชี้วัดที่ ") + std::to_string(indicator.number) + " " + indicator.name + " " +
                util::format_fixed(finding.score) + " คะแนน";
        if (finding.change) text += " (เทียบกับปีก่อน" + change_in_words(*finding.change) + ")";
        if (const auto keep = advice(input.guidance, &core::Guidance::indicators, std::to_string(indicator.number), false); !keep.empty())
            text += "\n  แนวทางรักษา: " + keep;
    }
    document.blocks.push_back(Paragraph{text, false});
}

}  // namespace ita::report::sections
