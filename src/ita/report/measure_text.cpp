#include <ita/report/measure_outputs.hpp>

#include <ita/thai/dates.hpp>

namespace ita::report {

void write_measures_text(std::ostream& out, const std::vector<MeasureView>& measures) {
    if (measures.empty()) {
        out << "ยังไม่มีมาตรการ\n";
        return;
    }
    for (const auto& view : measures) {
        const auto& measure = *view.measure;
        out << "มาตรการที่ " << measure.measure_id << " [" << core::measure_status_code(measure.status) << "] " << measure.title << "\n";
        out << "  หน่วยงาน: " << measure.agency_id << "  ปีงบประมาณ พ.ศ. " << measure.fiscal_year << "\n";
        std::string targets;
        for (const auto& target : measure.targets) targets += (targets.empty() ? "" : ", ") + target;
        out << "  ตัวชี้วัด/ข้อ: " << targets << "\n";
        if (!measure.analysis.empty()) out << "  ผลการวิเคราะห์: " << measure.analysis << "\n";
        if (!measure.steps.empty()) {
            out << "  ขั้นตอน:\n";
            std::string steps = measure.steps;
            std::size_t start = 0;
            while (start <= steps.size()) {
                const auto end = steps.find('\n', start);
                out << "    " << steps.substr(start, end == std::string::npos ? std::string::npos : end - start) << "\n";
                if (end == std::string::npos) break;
                start = end + 1;
            }
        }
        out << "  ระยะเวลา: " << thai::short_thai_date(measure.start_on) << " ถึง " << thai::short_thai_date(measure.end_on) << ", รายงานผล"
            << core::cadence_label(measure.cadence) << "\n";
        out << "  ผู้รับผิดชอบ: " << measure.responsible << "\n";
        out << "  ความก้าวหน้า: ร้อยละ " << core::latest_progress(measure).value_or(0) << " (" << measure.progress.size() << " รายงาน)";
        if (!view.state.next_due.empty())
            out << ", รายงานครั้งถัดไป " << thai::short_thai_date(view.state.next_due)
                << (view.state.overdue    ? " — เลยกำหนด"
                    : view.state.due_soon ? " — ใกล้ถึงกำหนด"
                                          : "");
        out << "\n\n";
    }
}

void write_constraints_text(std::ostream& out, const std::optional<core::Constraints>& constraints) {
    if (!constraints) {
        out << "ยังไม่ได้บันทึกข้อจำกัด 4M\n";
        return;
    }
    out << "ข้อจำกัด 4M\n  Man (บุคลากร): " << constraints->man << "\n  Money (งบประมาณ): " << constraints->money
        << "\n  Method (วิธีการ): " << constraints->method << "\n  Material (วัสดุอุปกรณ์): " << constraints->material << "\n";
}

}  // namespace ita::report
