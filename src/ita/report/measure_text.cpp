#include <ita/report/measure_outputs.hpp>

#include <ita/thai/digits.hpp>

namespace ita::report {

namespace {

// "2565-10-01" (CE) as "1 ต.ค. 2565" (Buddhist era), as Thai documents write dates.
std::string thai_date(const std::string& iso) {
    static constexpr const char* months[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."};
    if (iso.size() != 10) return iso;
    const int year = std::stoi(iso.substr(0, 4)) + 543;
    const int month = std::stoi(iso.substr(5, 2));
    const int day = std::stoi(iso.substr(8, 2));
    if (month < 1 || month > 12) return iso;
    return std::to_string(day) + " " + months[month - 1] + " " + std::to_string(year);
}

int latest_percent(const core::Measure& measure) {
    int percent = 0;
    std::string latest;
    for (const auto& report : measure.progress)
        if (report.reported_on >= latest) {
            latest = report.reported_on;
            percent = report.percent;
        }
    return percent;
}

}  // namespace

void write_measures_text(std::ostream& out, const std::vector<MeasureView>& measures) {
    if (measures.empty()) {
        out << "ยังไม่มีมาตรการ\n";
        return;
    }
    for (const auto& view : measures) {
        const auto& measure = *view.measure;
        out << "มาตรการที่ " << measure.measure_id << " [" << measure.status << "] " << measure.title << "\n";
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
        out << "  ระยะเวลา: " << thai_date(measure.start_on) << " ถึง " << thai_date(measure.end_on) << ", รายงานผล"
            << core::cadence_label(measure.cadence) << "\n";
        out << "  ผู้รับผิดชอบ: " << measure.responsible << "\n";
        out << "  ความก้าวหน้า: ร้อยละ " << latest_percent(measure) << " (" << measure.progress.size() << " รายงาน)";
        if (!view.state.next_due.empty())
            out << ", รายงานครั้งถัดไป " << thai_date(view.state.next_due) << (view.state.overdue ? " — เลยกำหนด" : view.state.due_soon ? " — ใกล้ถึงกำหนด" : "");
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
