#include <ita/report/agency_report.hpp>

#include <ita/report/agency_report_parts.hpp>
#include <ita/report/score_format.hpp>

#include <ita/core/scoring.hpp>
#include <ita/core/verdict.hpp>
#include <ita/thai/dates.hpp>
#include <ita/thai/digits.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

namespace {

// The EIT's respondent parts (2566 on), each with its channel, respondents and score, and the
// rule that makes the EIT of them; a part scored from too few respondents shows no score.
void eit_parts(Document& document, const core::Methodology& methodology, const core::AgencyScores& scores) {
    const auto& respondent_parts = methodology.eit_parts();
    if (respondent_parts.empty() || scores.eit_parts.empty()) return;
    Table table{{"EIT แยกตามส่วนของผู้ตอบ", "ช่องทาง", "ผู้ตอบ (คน)", "คะแนน"}, {2.4, 3, 1, 1}, {}};
    for (std::size_t index = 0; index < scores.eit_parts.size() && index < respondent_parts.parts.size(); ++index) {
        const auto& part = scores.eit_parts[index];
        table.rows.push_back({respondent_parts.parts[index].name,
                              std::string(core::part_channel_label(respondent_parts.parts[index].channel)),
                              part.respondents == 0 ? std::string("–") : std::to_string(part.respondents),
                              core::part_score_shown(part) ? shown(part.score) : std::string("–")});
    }
    document.blocks.push_back(std::move(table));
    document.blocks.push_back(Paragraph{core::eit_parts_note(methodology, scores), false});
}

void overview(Document& document, const AgencyReportInput& input) {
    const auto& methodology = *input.methodology;
    const auto& scores = *input.scores;
    document.blocks.push_back(Heading{2, sections::numbered(1, "ผลการประเมินในภาพรวม")});
    std::string text = "ผลคะแนนการประเมินในภาพรวม " + shown(scores.overall) + " คะแนน";
    if (!scores.rating.empty())
        text += " ระดับ " + scores.rating + " " + std::string(core::pass_label(scores.pass.value_or(false)));
    else if (!scores.withheld_reason.empty())
        text += " ยังไม่ให้ระดับ (" + scores.withheld_reason + ")";
    if (input.analysis->rank && input.agency)
        text += " อยู่ในลำดับที่ " + std::to_string(input.analysis->rank->rank) + " จาก " + std::to_string(input.analysis->rank->of) + " " +
                input.agency->type;
    else if (!input.analysis->rank_note.empty())
        text += " (" + input.analysis->rank_note + ")";
    if (input.analysis->overall_change) text += " เทียบกับปีก่อน" + change_in_words(*input.analysis->overall_change);
    document.blocks.push_back(Paragraph{text, false});
    sections::national_context(document, input);
    Table instruments{{"เครื่องมือการประเมิน", "น้ำหนัก", "คะแนน"}, {4, 1, 1}, {}};
    for (const auto& instrument : methodology.instruments)
        instruments.rows.push_back({instrument.name, util::format_fixed(instrument.weight * 100, 0) + "%",
                                    shown(scores.instruments[static_cast<std::size_t>(instrument.code)])});
    instruments.rows.push_back({"คะแนนรวม", "100%", shown(scores.overall)});
    document.blocks.push_back(std::move(instruments));
    eit_parts(document, methodology, scores);
    sections::history(document, input);
}

void indicators(Document& document, const AgencyReportInput& input) {
    const auto& methodology = *input.methodology;
    document.blocks.push_back(Heading{2, sections::numbered(2, "ผลการประเมินรายตัวชี้วัด")});
    Table table{{"ตัวชี้วัด", "เครื่องมือ", "คะแนน", "ผลการประเมิน", "สถานะ"}, {3.1, 1.6, 1.3, 1.9, 2.7}, {}};
    BarChart chart{
        "คะแนนรายตัวชี้วัดเทียบเกณฑ์ " + util::format_fixed(methodology.pass_mark, 0) + " คะแนน", {}, {}, methodology.pass_mark, {}, {}};
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        const auto& score = input.scores->indicators[index];
        std::string status;
        for (const auto& finding : input.analysis->indicators)
            if (finding.indicator == index) status = std::string(core::status_label(finding.status));
        table.rows.push_back({std::to_string(indicator.number) + ". " + indicator.name,
                              std::string(core::instrument_code(indicator.instrument)), shown(score),
                              score ? std::string(core::pass_label(core::passes(methodology, *score))) : "–", status});
        chart.labels.push_back(std::to_string(indicator.number));
        chart.values.push_back(score);
    }
    document.blocks.push_back(std::move(table));
    document.blocks.push_back(std::move(chart));
}

void path(Document& document, const AgencyReportInput& input) {
    const auto& methodology = *input.methodology;
    document.blocks.push_back(Heading{2, sections::numbered(5, "แนวทางสู่เป้าหมาย")});
    for (const auto& target : *input.paths) {
        std::string text = (target.label == core::pass_label(true) ? "สู่เกณฑ์ผ่าน " : "สู่ระดับ " + target.label + " ") + "(" +
                           util::format_fixed(target.target) + " คะแนน): ";
        if (target.reached) {
            document.blocks.push_back(Paragraph{text + "บรรลุแล้ว", false});
            continue;
        }
        text += "ขาดอีก " + util::format_fixed(target.target - target.current) + " คะแนน";
        for (const auto& gain : target.items)
            text += "\n• เผยแพร่ " + methodology.items[gain.item].code + " " + methodology.items[gain.item].name + " (+" +
                    util::format_fixed(gain.overall_points) + " คะแนนรวม)";
        if (const auto note = core::unknown_gains_note(methodology, target); !note.empty()) text += "\n" + note;
        if (!target.items_suffice)
            for (const auto& rise : target.rises)
                text += "\n• ยกตัวชี้วัดที่ " + std::to_string(methodology.indicators[rise.indicator].number) + " จาก " +
                        util::format_fixed(rise.current) + " เป็น " + util::format_fixed(rise.needed_score) +
                        (rise.feasible ? "" : " (เกิน 100)");
        document.blocks.push_back(Paragraph{text, false});
    }
}

}  // namespace

namespace sections {

// Arabic digits like every number of the document: the writers turn them all to Thai digits
// when asked (one rule per document).
std::string numbered(int number, const std::string& title) { return std::to_string(number) + ". " + title; }

}  // namespace sections

Document agency_report(const AgencyReportInput& input) {
    Document document;
    const auto& methodology = *input.methodology;
    document.title =
        "รายงานการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. " + std::to_string(methodology.fiscal_year) + (input.draft ? " (ฉบับร่าง)" : "");
    document.blocks.push_back(
        Heading{1, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\nประจำปีงบประมาณ พ.ศ. " +
                       std::to_string(methodology.fiscal_year) + (input.draft ? " (ฉบับร่าง)" : "")});
    std::string agency = input.scores->agency_id;
    if (input.agency) agency = input.agency->name + " จังหวัด" + input.agency->province;
    document.blocks.push_back(Heading{1, agency});
    overview(document, input);
    indicators(document, input);
    sections::weaknesses(document, input, 3);
    sections::strengths(document, input, 4);
    path(document, input);
    sections::measures(document, input, 6);
    document.blocks.push_back(SignatureBlock{input.signers});
    if (methodology.status == core::Status::provisional)
        document.blocks.push_back(Paragraph{
            "หมายเหตุ: วิธีการประเมินปี " + std::to_string(methodology.fiscal_year) + " ในระบบเป็นฉบับ provisional (ยังไม่ได้ยืนยันกับคู่มือทางการ)",
            false});
    return document;
}

}  // namespace ita::report
