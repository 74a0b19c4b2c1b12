#include <ita/server/measure_form.hpp>

#include <ita/util/calendar.hpp>
#include <ita/util/web_url.hpp>

#include <ita/service/oit_review.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/text.hpp>

#include <algorithm>

#include <array>

namespace ita::server {

namespace {

std::string field(const FormFields& fields, const std::string& name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : std::string(util::trim(found->second));
}

// core::validate_measure's problems, by field, in Thai.
std::vector<std::string> thai_problems(const Error& error, const core::Measure& measure) {
    std::vector<std::string> problems;
    const auto period = thai::short_thai_date(core::fiscal_year_start(measure.fiscal_year)) + " – " +
                        thai::short_thai_date(core::fiscal_year_end(measure.fiscal_year));
    for (const auto& diagnostic : error.diagnostics) {
        std::string text;
        if (diagnostic.field == "title")
            text = "โครงการ/กิจกรรม: ต้องระบุ";
        else if (diagnostic.field == "responsible")
            text = "ผู้รับผิดชอบ: ต้องระบุหน่วยงานหรือผู้รับผิดชอบ";
        else if (diagnostic.field == "start" && measure.start_on.empty())
            text = "วันเริ่มต้น: ต้องระบุ";
        else if (diagnostic.field == "end" && measure.end_on.empty())
            text = "วันสิ้นสุด: ต้องระบุ";
        else if (diagnostic.field == "start" || diagnostic.field == "end") {
            text = diagnostic.message.starts_with("must not be before") ? "วันสิ้นสุด: ต้องไม่ก่อนวันเริ่มต้น"
                   : diagnostic.message.starts_with("the period")
                       ? "ระยะเวลา: ต้องอยู่ในปีงบประมาณ พ.ศ. " + std::to_string(measure.fiscal_year) + " (" + period + ")"
                       : "วันที่: ต้องเป็นวันที่ที่ถูกต้อง";
        } else if (diagnostic.field == "percent")
            text = "ร้อยละ: ต้องอยู่ระหว่าง 0 ถึง 100";
        else
            text = diagnostic.field + ": " + diagnostic.message;
        problems.push_back(std::move(text));
    }
    return problems;
}

}  // namespace

std::expected<core::Measure, std::vector<std::string>> measure_from_form(const FormFields& fields, core::Measure base) {
    std::vector<std::string> problems;
    if (const auto targets = core::parse_targets(field(fields, "targets")))
        base.targets = *targets;
    else
        problems.push_back("ตัวชี้วัด/ข้อ: อ่าน \"" + targets.error() + "\" ไม่ได้ (ใช้เลขตัวชี้วัด เช่น 5 หรือรหัสข้อ เช่น I27, E3, O38)");
    base.title = field(fields, "title");
    base.analysis = field(fields, "analysis");
    base.steps = field(fields, "steps");
    base.responsible = field(fields, "responsible");
    // Days are typed as Thai officials write them (day/month/Buddhist-era year); a day that
    // cannot be read is kept as typed for validate_measure to name.
    const auto day_of = [&](const char* name) {
        const auto typed = field(fields, name);
        return thai::parse_thai_date(typed).value_or(typed);
    };
    base.start_on = day_of("start_on");
    base.end_on = day_of("end_on");
    if (const auto cadence = core::parse_cadence(field(fields, "cadence")))
        base.cadence = *cadence;
    else
        problems.push_back("การรายงานผล: เลือกรายเดือน รายไตรมาส หรือราย 6 เดือน");
    const auto status = field(fields, "status");
    if (const auto parsed = core::parse_measure_status(status))
        base.status = *parsed;
    else if (!status.empty())
        problems.push_back("สถานะ: เลือกร่าง ดำเนินการ หรือเสร็จสิ้น");
    if (const auto valid = core::validate_measure(base); !valid) {
        auto more = thai_problems(valid.error(), base);
        problems.insert(problems.end(), more.begin(), more.end());
    }
    if (!problems.empty()) return std::unexpected(std::move(problems));
    return base;
}

FormFields form_from_measure(const core::Measure& measure) {
    return {{"targets", core::targets_text(measure.targets)},
            {"title", measure.title},
            {"analysis", measure.analysis},
            {"steps", measure.steps},
            {"responsible", measure.responsible},
            {"start_on", thai::thai_form_date(measure.start_on)},
            {"end_on", thai::thai_form_date(measure.end_on)},
            {"cadence", std::string(core::cadence_code(measure.cadence))},
            {"status", std::string(core::measure_status_code(measure.status))}};
}

std::expected<core::ProgressReport, std::vector<std::string>> progress_from_form(const FormFields& fields) {
    std::vector<std::string> problems;
    core::ProgressReport report;
    const auto day = thai::parse_thai_date(field(fields, "reported_on"));
    if (day)
        report.reported_on = *day;
    else
        problems.push_back("วันที่รายงาน: พิมพ์วันที่แบบ วว/ดด/ปปปป (พ.ศ.) เช่น 15/01/2567");
    const auto percent = util::parse_integer(field(fields, "percent"));
    if (!percent || *percent < 0 || *percent > 100)
        problems.push_back("ร้อยละ: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 100");
    else
        report.percent = static_cast<int>(*percent);
    report.text = field(fields, "text");
    if (report.text.empty()) problems.push_back("ผลการดำเนินงาน: ต้องระบุ");
    report.evidence_url = field(fields, "evidence_url");
    if (!report.evidence_url.empty() && !util::is_web_url(report.evidence_url))
        problems.push_back("หลักฐาน: ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http://");
    if (!problems.empty()) return std::unexpected(std::move(problems));
    return report;
}

}  // namespace ita::server
