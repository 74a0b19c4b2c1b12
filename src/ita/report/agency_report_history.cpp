// The agency's years side by side (seeds 003 and 004), and the year's national figures.
#include <ita/report/agency_report_parts.hpp>
#include <ita/report/score_format.hpp>

#include <ita/core/verdict.hpp>

#include <set>

namespace ita::report {

PastResult past_result(const core::Methodology& methodology, const core::AgencyScores& scores) {
    PastResult past;
    past.fiscal_year = methodology.fiscal_year;
    past.overall = scores.overall;
    past.pass = scores.rating.empty() ? std::nullopt : scores.pass;
    past.rating = scores.rating;
    past.instruments = {scores.instruments[0], scores.instruments[1], scores.instruments[2]};
    for (std::size_t index = 0; index < methodology.indicators.size() && index < scores.indicators.size(); ++index)
        past.indicators[methodology.indicators[index].number] = scores.indicators[index];
    return past;
}

BarTone tone_of_verdict(const core::AgencyScores& scores) {
    if (scores.rating.empty() || !scores.pass) return BarTone::no_verdict;
    return *scores.pass ? BarTone::pass : BarTone::fail;
}

namespace sections {

namespace {

std::string percent(const std::optional<double>& value) { return value ? util::format_fixed(*value) : std::string("–"); }

std::string figures_sentence(const core::GroupFigures& figures) {
    return "มี " + std::to_string(figures.scored) + " หน่วยงานที่มีคะแนนรวม คะแนนเฉลี่ย " + shown(figures.mean) + " ผ่านเกณฑ์ " +
           std::to_string(figures.passing) + " หน่วยงาน (ร้อยละ " + percent(figures.share_passing_percent) + ")";
}

}  // namespace

void national_context(Document& document, const AgencyReportInput& input) {
    if (!input.nation || input.nation->scored < 2) return;
    const auto& methodology = *input.methodology;
    std::string text = "ภาพรวมผลที่ประกาศ ปีงบประมาณ พ.ศ. " + std::to_string(methodology.fiscal_year) + ": " + figures_sentence(*input.nation);
    if (methodology.national_target_percent > 0)
        text += " เทียบกับเป้าหมายร้อยละ " + util::format_fixed(methodology.national_target_percent, 0) + " ของหน่วยงานที่ผ่านเกณฑ์ " +
                (input.nation->meets_target ? "บรรลุเป้าหมาย" : "ยังไม่บรรลุเป้าหมาย");
    if (input.agency_type && input.agency && input.agency_type->scored > 1)
        text += "\n" + input.agency->type + " " + figures_sentence(*input.agency_type);
    if (input.scores->overall && input.nation->mean) {
        const double difference = *input.scores->overall - *input.nation->mean;
        const std::string size = util::format_fixed(difference < 0 ? -difference : difference);
        text += "\nคะแนนรวมของหน่วยงาน" + (size == "0.00" ? std::string("เท่ากับค่าเฉลี่ย")
                                                         : std::string(difference > 0 ? "สูงกว่า" : "ต่ำกว่า") + "ค่าเฉลี่ย " + size + " คะแนน");
    }
    document.blocks.push_back(Paragraph{text, false});
}

void history(Document& document, const AgencyReportInput& input) {
    if (input.history.size() < 2) return;
    const auto& methodology = *input.methodology;
    BarChart chart{"คะแนนรวมย้อนหลัง (สีเทา: ยังไม่ให้ระดับ)", {}, {}, methodology.pass_mark, {}, {}};
    for (const auto& year : input.history) {
        chart.labels.push_back(std::to_string(year.fiscal_year));
        chart.values.push_back(year.overall);
        chart.tones.push_back(!year.pass ? BarTone::no_verdict : (*year.pass ? BarTone::pass : BarTone::fail));
    }
    document.blocks.push_back(std::move(chart));

    // Rows: the overall, each instrument, each indicator number any year has; a column a year.
    Table table{{"ผลการประเมิน"}, {3.2}, {}};
    for (const auto& year : input.history) {
        table.header.push_back("พ.ศ. " + std::to_string(year.fiscal_year));
        table.widths.push_back(1.1);
    }
    std::vector<std::string> overall{"คะแนนรวม"}, rating{"ระดับ"};
    for (const auto& year : input.history) {
        overall.push_back(shown(year.overall));
        rating.push_back(year.rating.empty() ? std::string("ยังไม่ให้ระดับ") : year.rating);
    }
    table.rows.push_back(std::move(overall));
    table.rows.push_back(std::move(rating));
    for (const auto instrument : core::all_instruments) {
        std::vector<std::string> row{std::string(core::instrument_code(instrument))};
        for (const auto& year : input.history) row.push_back(shown(year.instruments[static_cast<std::size_t>(instrument)]));
        table.rows.push_back(std::move(row));
    }
    std::set<int> numbers;
    for (const auto& year : input.history)
        for (const auto& [number, score] : year.indicators) numbers.insert(number);
    for (const int number : numbers) {
        std::string name = "ตัวชี้วัดที่ " + std::to_string(number);
        if (const auto index = methodology.indicator_index(number)) name += " " + methodology.indicators[*index].name;
        std::vector<std::string> row{name};
        for (const auto& year : input.history) {
            const auto found = year.indicators.find(number);
            row.push_back(found == year.indicators.end() ? std::string("–") : shown(found->second));
        }
        table.rows.push_back(std::move(row));
    }
    document.blocks.push_back(std::move(table));
}

}  // namespace sections

}  // namespace ita::report
