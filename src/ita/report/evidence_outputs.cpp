#include <ita/report/evidence_outputs.hpp>

#include <ita/thai/dates.hpp>
#include <ita/thai/display_width.hpp>

#include <map>

namespace ita::report {

namespace {

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t shown = thai::display_width(text);
    return text + std::string(width > shown ? width - shown : 0, ' ');
}

}  // namespace

std::string due_description(const core::EvidenceDue& due, int fiscal_year) {
    const std::string year = std::to_string(fiscal_year);
    switch (due.period) {
        case core::EvidencePeriod::previous_year: return "รายงานผลของปีงบประมาณ พ.ศ. " + std::to_string(fiscal_year - 1);
        case core::EvidencePeriod::span: return "แผนที่ครอบคลุมปี พ.ศ. " + year;
        case core::EvidencePeriod::six_month: return "รายงานรอบ 6 เดือน (ต.ค. " + std::to_string(fiscal_year - 1) + " – มี.ค. " + year + ")";
        case core::EvidencePeriod::monthly:
            return "สรุปผลเดือน" + std::string(thai::month_names[static_cast<std::size_t>(due.month - 1)]) + " " +
                   std::to_string(due.month_year);
        default: return "ข้อมูลของปีงบประมาณ พ.ศ. " + year;
    }
}

void write_url_checks_table(std::ostream& out, std::span<const core::UrlCheck> checks) {
    static const std::map<std::string, std::string> labels = {
        {"ok", "พร้อม"}, {"stale", "ข้อมูลไม่เป็นปัจจุบัน"}, {"suspicious", "ควรตรวจสอบ"}, {"broken", "เปิดไม่ได้"}};
    std::map<std::string, std::size_t> counts;
    for (const auto& check : checks) {
        ++counts[check.status];
        const auto label = labels.find(check.status);
        out << padded(check.agency_id, 8) << ' ' << padded(check.item, 4) << ' '
            << padded(label == labels.end() ? check.status : label->second, 20) << ' ' << check.url << '\n';
        if (!check.reason.empty()) out << "              " << check.reason << '\n';
    }
    out << "ตรวจ " << checks.size() << " ที่อยู่: พร้อม " << counts["ok"] << ", ควรตรวจสอบ " << counts["suspicious"] << ", ข้อมูลไม่เป็นปัจจุบัน "
        << counts["stale"] << ", เปิดไม่ได้ " << counts["broken"] << '\n';
}

void write_due_table(std::ostream& out, std::span<const DueRow> rows) {
    for (const auto& row : rows) {
        out << padded(row.item, 4) << ' ' << row.name << ": " << row.covers << " — ตั้งแต่ " << thai::short_thai_date(row.due_on) << " — "
            << (row.days <= 0 ? std::string("ถึงกำหนดแล้ว") : "อีก " + std::to_string(row.days) + " วัน") << " — ";
        if (!row.entered)
            out << "ยังไม่บันทึก";
        else if (row.status.empty())
            out << "ยังไม่ได้ตรวจลิงก์";
        else
            out << "ลิงก์: " << row.status << (row.reason.empty() ? "" : " (" + row.reason + ")");
        out << '\n';
    }
    if (rows.empty()) out << "ไม่มีข้อที่ถึงกำหนดหรือจะถึงกำหนดใน 45 วันที่ยังไม่พร้อม\n";
}

}  // namespace ita::report
