#include <ita/report/analysis_outputs.hpp>

#include <ita/report/score_format.hpp>

#include <algorithm>

#include <ita/core/verdict.hpp>
#include <ita/thai/display_width.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

namespace {

// A change not known (no year before) is left blank in the analysis.
std::string change_or_blank(const std::optional<double>& change) { return signed_change(change, ""); }

void write_header(std::ostream& out, const AnalysisView& view) {
    const auto& scores = *view.scores;
    const auto& analysis = *view.analysis;
    out << "การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. " << view.methodology->fiscal_year << "\n";
    out << "หน่วยงาน: " << scores.agency_id;
    if (view.agency) out << " " << view.agency->name << " (" << view.agency->type << ", จังหวัด" << view.agency->province << ")";
    out << "\nคะแนนรวม " << shown(scores.overall);
    if (!scores.rating.empty())
        out << " ระดับ " << scores.rating << " " << core::pass_label(scores.pass.value_or(false));
    else if (!scores.withheld_reason.empty())
        out << " (ยังไม่ให้ระดับ: " << scores.withheld_reason << ")";
    if (analysis.rank && view.agency) out << ", ลำดับที่ " << analysis.rank->rank << " จาก " << analysis.rank->of << " " << view.agency->type;
    if (analysis.overall_change) out << ", เทียบกับปีก่อน" << change_in_words(*analysis.overall_change);
    if (!analysis.rank && !analysis.rank_note.empty()) out << "\n" << analysis.rank_note;
    out << "\n\n";
}

void write_indicators(std::ostream& out, const AnalysisView& view) {
    out << thai::pad("ตัวชี้วัด", 40) << thai::pad("คะแนน", 9, true) << thai::pad("เปลี่ยน", 9, true) << "  สถานะ\n";
    for (const auto& finding : view.analysis->indicators) {
        const auto& indicator = view.methodology->indicators[finding.indicator];
        out << thai::pad(thai::pad(std::to_string(indicator.number), 3, true) + " " + indicator.name, 40)
            << thai::pad(util::format_fixed(finding.score), 9, true) << thai::pad(change_or_blank(finding.change), 9, true) << "  "
            << core::status_label(finding.status) << "\n";
    }
}

void write_findings(std::ostream& out, const AnalysisView& view, const std::vector<std::size_t>& positions, bool weaknesses) {
    const auto& methodology = *view.methodology;
    std::size_t number = 0;
    for (const auto position : positions) {
        const auto& finding = view.analysis->indicators[position];
        const auto& indicator = methodology.indicators[finding.indicator];
        out << "  " << ++number << ". ตัวชี้วัดที่ " << indicator.number << " " << indicator.name << " " << util::format_fixed(finding.score)
            << " คะแนน (" << core::instrument_code(indicator.instrument) << ")\n";
        if (!weaknesses) continue;
        for (const auto& question : finding.questions)
            if (!question.passes)
                out << "       ข้อ " << methodology.questions[question.question].code << " " << util::format_fixed(question.score) << "  "
                    << methodology.questions[question.question].text << "\n";
        for (const auto item : finding.items_scored_zero)
            out << "       ข้อ " << methodology.items[item].code << " " << methodology.items[item].name << " (0 คะแนน)\n";
    }
    if (positions.empty()) out << "  (ไม่มี)\n";
}

void write_path(std::ostream& out, const AnalysisView& view, const core::PathToTarget& path) {
    const auto& methodology = *view.methodology;
    out << "\nเส้นทางสู่" << (path.label == core::pass_label(true) ? "เกณฑ์ผ่าน" : "ระดับ " + path.label) << " ("
        << util::format_fixed(path.target) << " คะแนน): ";
    if (path.reached) {
        out << "บรรลุแล้ว\n";
        return;
    }
    out << "ขาดอีก " << util::format_fixed(path.target - path.current) << " คะแนน\n";
    if (!path.items.empty()) {
        out << "  เผยแพร่ข้อมูล OIT ที่ยังไม่ผ่าน " << path.items.size() << " ข้อ:\n";
        for (const auto& gain : path.items)
            out << "    " << methodology.items[gain.item].code << " " << methodology.items[gain.item].name << "  +"
                << util::format_fixed(gain.overall_points, 4) << " คะแนนรวม\n";
        out << "  คะแนนรวมหลังเผยแพร่ " << util::format_fixed(path.after_items) << (path.items_suffice ? " (ถึงเป้าหมาย)" : " (ยังไม่ถึง)")
            << "\n";
    }
    if (const auto note = core::unknown_gains_note(methodology, path); !note.empty()) out << "  " << note << "\n";
    if (path.items_suffice || path.rises.empty()) return;
    out << (path.items.empty() ? "  ยกตัวชี้วัดใดตัวชี้วัดหนึ่ง (ลำพัง) ให้ถึง:\n" : "  แล้วยกตัวชี้วัดใดตัวชี้วัดหนึ่ง (ลำพัง) ให้ถึง:\n");
    for (const auto& rise : path.rises) {
        const auto& indicator = methodology.indicators[rise.indicator];
        out << "    ตัวชี้วัดที่ " << indicator.number << " " << indicator.name << " จาก " << util::format_fixed(rise.current) << " เป็น "
            << util::format_fixed(rise.needed_score) << (rise.feasible ? "" : " (เกิน 100 ทำไม่ได้ลำพังตัวชี้วัดเดียว)") << "\n";
    }
}

}  // namespace

void write_analysis_text(std::ostream& out, const AnalysisView& view) {
    write_header(out, view);
    write_indicators(out, view);
    out << "\nประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน (ต่ำกว่า " << util::format_fixed(view.methodology->pass_mark, 0) << " คะแนน):\n";
    write_findings(out, view, view.analysis->urgent_weaknesses, true);
    // The others below the pass mark, named too: the report gives each its section.
    std::string others;
    for (const auto position : view.analysis->weaknesses) {
        if (std::find(view.analysis->urgent_weaknesses.begin(), view.analysis->urgent_weaknesses.end(), position) !=
            view.analysis->urgent_weaknesses.end())
            continue;
        const auto& finding = view.analysis->indicators[position];
        others += (others.empty() ? "" : ", ") + std::to_string(view.methodology->indicators[finding.indicator].number) + " (" +
                  util::format_fixed(finding.score) + ")";
    }
    if (!others.empty()) out << "  ตัวชี้วัดอื่นที่ต่ำกว่าเกณฑ์: " << others << "\n";
    out << "\nจุดแข็งที่ควรรักษาไว้:\n";
    write_findings(out, view, view.analysis->strengths, false);
    for (const auto& path : *view.paths) write_path(out, view, path);
}

}  // namespace ita::report
