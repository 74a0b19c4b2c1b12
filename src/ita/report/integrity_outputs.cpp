#include <ita/report/integrity_outputs.hpp>

namespace ita::report {

void write_integrity_text(std::ostream& out, std::span<const core::AgencyIntegrity> rows) {
    for (const auto& row : rows) {
        out << row.agency.agency_id << ' ' << row.agency.name << " — " << core::instrument_code(row.instrument) << ": ";
        if (!row.assessment.enough) {
            out << "ข้อมูลไม่พอ (" << row.assessment.respondents << " ชุด)\n";
            continue;
        }
        out << "ความน่าเชื่อถือของคำตอบ " << row.assessment.confidence << "/100 (" << row.assessment.level << "), "
            << row.assessment.respondents << " ชุด\n";
        for (const auto& signal : row.assessment.signals)
            out << "  " << (signal.flagged ? "⚠ " : "  ") << signal.explanation
                << (signal.flagged ? " (−" + std::to_string(signal.weight) + ")" : "") << '\n';
    }
    out << "ผลนี้ใช้ประกอบการตรวจสอบเท่านั้น ไม่เปลี่ยนคะแนน\n";
}

}  // namespace ita::report
