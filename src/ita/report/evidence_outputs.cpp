#include <ita/report/evidence_outputs.hpp>

#include <ita/thai/display_width.hpp>

#include <map>

namespace ita::report {

namespace {

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t shown = thai::display_width(text);
    return text + std::string(width > shown ? width - shown : 0, ' ');
}

}  // namespace

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
    out << "ตรวจ " << checks.size() << " ที่อยู่: พร้อม " << counts["ok"] << ", ควรตรวจสอบ " << counts["suspicious"]
        << ", ข้อมูลไม่เป็นปัจจุบัน " << counts["stale"] << ", เปิดไม่ได้ " << counts["broken"] << '\n';
}

}  // namespace ita::report
