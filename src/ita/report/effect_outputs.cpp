#include <ita/report/effect_outputs.hpp>

#include <ita/report/score_format.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

void write_effectiveness_text(std::ostream& out, const EffectivenessView& view) {
    out << "ผลของมาตรการปี " << view.fiscal_year << ": คะแนนปี " << view.baseline_year << " เทียบกับปี " << view.fiscal_year;
    if (!view.outcome_published) out << " (ยังไม่เผยแพร่ผลปี " << view.fiscal_year << ")";
    out << "\n\n";
    for (const auto index : view.listed) {
        const auto& effect = view.all[index];
        out << effect.measure.agency_id << ' ' << view.names[index] << " — " << effect.measure.title << ": "
            << core::effect_label(effect.verdict);
        if (effect.mean_change) out << " (เฉลี่ย " << signed_change(effect.mean_change) << ")";
        out << '\n';
        for (const auto& target : effect.targets)
            out << "  " << target.target << ' ' << target.name << ": " << shown(target.before) << " → " << shown(target.after) << " ("
                << signed_change(target.change()) << ")\n";
    }
    if (view.listed.empty()) out << "ไม่มีมาตรการที่รับรองแล้วในปีนี้\n";
    out << "\nคลังมาตรการที่ได้ผล (ตามประเภทหน่วยงานและตัวชี้วัด; ดีขึ้น = เพิ่มอย่างน้อย " << util::format_fixed(core::effect_threshold, 0) << " คะแนน)\n";
    for (const auto& entry : view.library) {
        out << entry.agency_type << " — ตัวชี้วัดที่ " << entry.indicator << ' ' << entry.indicator_name << ": " << entry.measures
            << " มาตรการ, ดีขึ้น " << entry.improved << " จาก " << entry.judged << " ที่มีผลแล้ว, เปลี่ยนเฉลี่ย " << signed_change(entry.mean_change)
            << '\n';
        for (const auto* worked : entry.worked) out << "    ✓ " << worked->measure.title << " (" << worked->measure.agency_id << ")\n";
    }
}

}  // namespace ita::report
