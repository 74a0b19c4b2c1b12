// The integrity measures of the year after the result (seed 003's table), their progress as the
// working group reported it, and the 4M constraints.
#include <ita/report/agency_report_parts.hpp>

#include <ita/thai/dates.hpp>

namespace ita::report::sections {

namespace {

const core::ProgressReport* latest_report(const core::Measure& measure) {
    const core::ProgressReport* latest = nullptr;
    for (const auto& report : measure.progress)
        if (!latest || report.reported_on >= latest->reported_on) latest = &report;
    return latest;
}

void progress(Document& document, const std::vector<const core::Measure*>& shown_measures) {
    Table table{{"มาตรการ", "สถานะ", "รายงานล่าสุด", "ร้อยละ", "ผลการดำเนินการ", "หลักฐาน"}, {2.2, 1.1, 1.3, 0.8, 3.0, 2.2}, {}};
    for (const auto* measure : shown_measures) {
        const auto* latest = latest_report(*measure);
        table.rows.push_back({measure->title, std::string(core::measure_status_label(measure->status)),
                              latest ? thai::short_thai_date(latest->reported_on) : std::string("ยังไม่รายงาน"),
                              latest ? std::to_string(latest->percent) : std::string("–"), latest ? latest->text : std::string(),
                              latest ? latest->evidence_url : std::string()});
    }
    document.blocks.push_back(std::move(table));
}

}  // namespace

void measures(Document& document, const AgencyReportInput& input, int number) {
    const int year = input.methodology->fiscal_year + 1;
    // The six columns of the measures table need a page on its side (seed 003 sets it so).
    std::vector<const core::Measure*> shown_measures;
    for (const auto& measure : input.measures)
        if (input.draft || measure.status != core::MeasureStatus::draft) shown_measures.push_back(&measure);
    if (!shown_measures.empty()) document.blocks.push_back(PageTurn{true});
    document.blocks.push_back(
        Heading{2, numbered(number, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. " + std::to_string(year))});
    // A report handed in carries adopted measures only; a working draft shows drafts too, marked.
    Table table{{"ตัวชี้วัด", "โครงการ/กิจกรรม", "ผลการวิเคราะห์", "ขั้นตอนหรือวิธีการ", "ระยะเวลา", "ผู้รับผิดชอบ"}, {1.0, 1.7, 1.6, 3.2, 1.9, 1.7}, {}};
    for (const auto* measure : shown_measures) {
        std::string targets;
        for (const auto& target : measure->targets) targets += (targets.empty() ? "" : "\n") + target.substr(target.find(':') + 1);
        table.rows.push_back({targets, measure->title + (measure->status == core::MeasureStatus::draft ? " (ร่าง)" : ""), measure->analysis,
                              measure->steps,
                              thai::short_thai_date(measure->start_on) + " – " + thai::short_thai_date(measure->end_on) + "\nรายงาน" +
                                  std::string(core::cadence_label(measure->cadence)),
                              measure->responsible});
    }
    if (shown_measures.empty()) {
        const auto drafts = input.measures.size();
        document.blocks.push_back(Paragraph{drafts == 0
                                                ? std::string("ยังไม่มีมาตรการ")
                                                : "ยังไม่มีมาตรการที่รับรองแล้ว (มีร่าง " + std::to_string(drafts) + " มาตรการ แสดงในรายงานฉบับร่าง)",
                                            false});
    } else {
        document.blocks.push_back(std::move(table));
        document.blocks.push_back(Heading{3, "ความก้าวหน้าของมาตรการ"});
        progress(document, shown_measures);
    }
    // The 4M and the signatures stay on the landscape pages: turning back would leave them a
    // page of their own.

    document.blocks.push_back(Heading{2, numbered(number + 1, "ข้อจำกัดในการดำเนินงาน (4M)")});
    const auto& constraints = input.constraints;
    document.blocks.push_back(Table{{"Man (บุคลากร)", "Money (งบประมาณ)", "Method (วิธีการ)", "Material (วัสดุอุปกรณ์)"},
                                    {1, 1, 1, 1},
                                    {{constraints ? constraints->man : "", constraints ? constraints->money : "",
                                      constraints ? constraints->method : "", constraints ? constraints->material : ""}}});
}

}  // namespace ita::report::sections
