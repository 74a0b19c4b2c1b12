#include <ita/report/rank_outputs.hpp>

#include <ita/thai/display_width.hpp>
#include <ita/util/csv_writer.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

namespace {

std::string shown(const std::optional<double>& value) { return value ? util::format_fixed(*value) : "–"; }

void write_figures(std::ostream& out, const std::string& heading, const std::vector<core::GroupFigures>& list) {
    out << "\n" << heading << "\n";
    out << thai::pad("", 36) << thai::pad("หน่วยงาน", 10, true) << thai::pad("มีคะแนน", 10, true) << thai::pad("เฉลี่ย", 9, true)
        << thai::pad("ผ่าน", 8, true) << thai::pad("ร้อยละ", 9, true) << "\n";
    for (const auto& figures : list)
        out << thai::pad(figures.group, 36) << thai::pad(std::to_string(figures.agencies), 10, true)
            << thai::pad(std::to_string(figures.scored), 10, true) << thai::pad(shown(figures.mean), 9, true)
            << thai::pad(std::to_string(figures.passing), 8, true) << thai::pad(shown(figures.share_passing_percent), 9, true) << "\n";
}

}  // namespace

void write_rank_table(std::ostream& out, const core::Methodology& methodology, const RankReport& report) {
    out << "ลำดับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. " << methodology.fiscal_year << " (จัดลำดับภายในประเภทหน่วยงาน)\n";
    const auto& nation = report.national;
    out << "ทั้งประเทศ " << nation.agencies << " แห่ง, มีคะแนนรวม " << nation.scored << " แห่ง, คะแนนเฉลี่ย " << shown(nation.mean) << ", ผ่านเกณฑ์ "
        << nation.passing << " แห่ง (ร้อยละ " << shown(nation.share_passing_percent) << " เทียบเป้าหมายร้อยละ "
        << util::format_fixed(methodology.national_target_percent, 0) << (nation.meets_target ? ": บรรลุเป้าหมาย" : ": ยังไม่บรรลุเป้าหมาย")
        << ")\n";
    write_figures(out, "ตามประเภทหน่วยงาน", report.by_type);
    write_figures(out, "ตามจังหวัด", report.by_province);
    out << "\n"
        << thai::pad("ลำดับ", 14) << thai::pad("รหัส", 10) << thai::pad("หน่วยงาน", 36) << thai::pad("จังหวัด", 18)
        << thai::pad("คะแนนรวม", 9, true) << "  ระดับ\n";
    std::string current_type;
    for (const auto& ranked : report.agencies) {
        if (ranked.agency->type != current_type) {
            current_type = ranked.agency->type;
            out << "[" << current_type << "]\n";
        }
        const std::string place = ranked.position ? std::to_string(ranked.position->rank) + "/" + std::to_string(ranked.position->of) : "–";
        out << thai::pad(place, 14) << thai::pad(ranked.agency->agency_id, 10) << thai::pad(ranked.agency->name, 36)
            << thai::pad(ranked.agency->province, 18) << thai::pad(shown(ranked.scores->overall), 9, true) << "  "
            << (ranked.scores->rating.empty() ? "–" : ranked.scores->rating) << "\n";
    }
}

void write_rank_csv(std::ostream& out, const core::Methodology&, const RankReport& report) {
    util::CsvWriter csv(out);
    csv.field("agency_id").field("type").field("province").field("overall").field("verdict").field("rank").field("of").end_row();
    for (const auto& ranked : report.agencies) {
        csv.field(ranked.agency->agency_id).field(ranked.agency->type).field(ranked.agency->province);
        csv.field(ranked.scores->overall ? util::format_shortest(*ranked.scores->overall) : "").field(ranked.scores->rating);
        csv.field(ranked.position ? std::to_string(ranked.position->rank) : "")
            .field(ranked.position ? std::to_string(ranked.position->of) : "");
        csv.end_row();
    }
}

}  // namespace ita::report
