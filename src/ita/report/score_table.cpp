#include <ita/report/score_outputs.hpp>

#include <ita/core/scoring.hpp>
#include <ita/core/verdict.hpp>
#include <ita/thai/display_width.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

namespace {

constexpr std::string_view absent = "–";
constexpr std::size_t name_width = 30;

std::string shown(const core::Score& score) { return score ? util::format_fixed(*score) : std::string(absent); }

// Cuts text to `width` display columns, marking the cut with "…".
std::string fit(std::string_view text, std::size_t width) {
    if (thai::display_width(text) <= width) return std::string(text);
    std::string cut(text);
    while (!cut.empty() && thai::display_width(cut) > width - 1) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
    }
    return cut + "…";
}

std::string heading(const core::Methodology& methodology) {
    return "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. " + std::to_string(methodology.fiscal_year) + " (วิธีการประเมินฉบับ " + methodology.version +
           ", " + std::string(core::status_code(methodology.status)) + ")\n";
}

void write_one(std::ostream& out, const core::Methodology& methodology, const ScoredAgency& scored) {
    const auto& scores = scored.scores;
    out << heading(methodology);
    out << "หน่วยงาน: " << scores.agency_id;
    if (scored.agency) out << " " << scored.agency->name << " (" << scored.agency->type << ", จังหวัด" << scored.agency->province << ")";
    out << "\n\n" << thai::pad("ตัวชี้วัด", 44) << thai::pad("คะแนน", 9, true) << "  ผลการประเมิน\n";
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        const auto& score = scores.indicators[index];
        const std::string label = thai::pad(std::to_string(indicator.number), 3, true) + " " + indicator.name + " (" +
                                  std::string(core::instrument_code(indicator.instrument)) + ")";
        out << thai::pad(label, 44) << thai::pad(shown(score), 9, true) << "  "
            << (score ? core::pass_label(core::passes(methodology, *score)) : "") << "\n";
    }
    out << "\n";
    const auto& parts = methodology.eit_parts();
    for (const auto code : core::all_instruments) {
        out << thai::pad(std::string("    ") + std::string(core::instrument_code(code)), 44)
            << thai::pad(shown(scores.instruments[static_cast<std::size_t>(code)]), 9, true) << "\n";
        if (code != core::Instrument::eit) continue;
        for (std::size_t index = 0; index < scores.eit_parts.size() && index < parts.parts.size(); ++index)
            out << thai::pad("      " + parts.parts[index].name, 44) << thai::pad(shown(scores.eit_parts[index].score), 9, true) << "\n";
    }
    out << thai::pad("    คะแนนรวม", 44) << thai::pad(shown(scores.overall), 9, true) << "  ";
    if (!scores.rating.empty())
        out << scores.rating << "  " << core::pass_label(scores.pass.value_or(false));
    else
        out << "ยังไม่ให้ระดับ";
    out << "\n\nผู้ตอบแบบวัด IIT " << scores.respondents[0] << " คน, EIT " << scores.respondents[1] << " คน";
    for (std::size_t index = 0; index < scores.eit_parts.size() && index < parts.parts.size(); ++index)
        out << (index == 0 ? " (" : ", ") << parts.parts[index].name << " " << scores.eit_parts[index].respondents << " คน"
            << (index + 1 == scores.eit_parts.size() ? ")" : "");
    if (!scores.eit_parts.empty()) out << "\n" << core::eit_parts_note(methodology, scores, false);
    out << "\n";
    if (!scores.withheld_reason.empty()) out << "หมายเหตุ: " << scores.withheld_reason << "\n";
    bool header_written = false;
    for (std::size_t index = 0; index < methodology.questions.size(); ++index) {
        const auto& score = scores.questions[index];
        if (!score || core::passes(methodology, *score)) continue;
        if (!header_written) out << "\nข้อคำถามที่ได้คะแนนต่ำกว่า " << util::format_fixed(methodology.pass_mark, 0) << " คะแนน\n";
        header_written = true;
        out << thai::pad("  " + methodology.questions[index].code, 7) << thai::pad(shown(score), 9, true) << "  "
            << fit(methodology.questions[index].text, 70) << "\n";
    }
    for (const auto& warning : scores.warnings) out << "คำเตือน: " << warning << "\n";
}

void write_many(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies) {
    out << heading(methodology) << "ตัวชี้วัด:";
    for (const auto& indicator : methodology.indicators)
        out << (indicator.number == 6 || indicator.number == 9 ? "\n         " : "") << " " << indicator.number << " " << indicator.name;
    out << "\n\n" << thai::pad("รหัส", 10) << thai::pad("หน่วยงาน", name_width + 1);
    for (const auto& indicator : methodology.indicators) out << thai::pad(std::to_string(indicator.number), 7, true);
    for (const auto code : core::all_instruments) out << thai::pad(core::instrument_code(code), 7, true);
    out << thai::pad("รวม", 8, true) << "  ระดับ\n";
    std::size_t scored_count = 0;
    std::size_t passing = 0;
    double sum = 0;
    std::vector<const core::AgencyScores*> withheld;
    for (const auto& scored : agencies) {
        const auto& scores = scored.scores;
        out << thai::pad(fit(scores.agency_id, 9), 10)
            << thai::pad(fit(scored.agency ? scored.agency->name : "", name_width), name_width + 1);
        for (const auto& score : scores.indicators) out << thai::pad(shown(score), 7, true);
        for (const auto& score : scores.instruments) out << thai::pad(shown(score), 7, true);
        out << thai::pad(shown(scores.overall), 8, true) << "  " << (scores.rating.empty() ? "*" : scores.rating) << "\n";
        if (scores.overall) {
            ++scored_count;
            sum += *scores.overall;
            if (core::passes(methodology, *scores.overall)) ++passing;
        }
        if (!scores.withheld_reason.empty()) withheld.push_back(&scores);
    }
    out << "\nจำนวนหน่วยงาน " << agencies.size() << " แห่ง, มีคะแนนรวม " << scored_count << " แห่ง";
    if (scored_count > 0) {
        const double share = 100.0 * static_cast<double>(passing) / static_cast<double>(scored_count);
        out << ", คะแนนเฉลี่ย " << util::format_fixed(sum / static_cast<double>(scored_count)) << ", ผ่านเกณฑ์ "
            << util::format_fixed(methodology.pass_mark, 0) << " คะแนน " << passing << " แห่ง (ร้อยละ " << util::format_fixed(share)
            << ", เป้าหมายร้อยละ " << util::format_fixed(methodology.national_target_percent, 0) << ")";
    }
    out << "\n";
    for (const auto* scores : withheld) out << "* " << scores->agency_id << ": " << scores->withheld_reason << "\n";
}

}  // namespace

void write_scores_table(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies) {
    if (agencies.size() == 1)
        write_one(out, methodology, agencies.front());
    else
        write_many(out, methodology, agencies);
}

}  // namespace ita::report
