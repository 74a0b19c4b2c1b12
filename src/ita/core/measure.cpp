#include <ita/core/measure.hpp>

#include <ita/util/calendar.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <ita/util/diagnostics.hpp>

#include <chrono>
#include <cstdio>

namespace ita::core {

std::string_view cadence_code(ReportingCadence cadence) {
    switch (cadence) {
        case ReportingCadence::monthly: return "monthly";
        case ReportingCadence::quarterly: return "quarterly";
        case ReportingCadence::half_yearly: return "half-yearly";
    }
    return "";
}

std::string_view cadence_label(ReportingCadence cadence) {
    switch (cadence) {
        case ReportingCadence::monthly: return "รายเดือน";
        case ReportingCadence::quarterly: return "รายไตรมาส";
        case ReportingCadence::half_yearly: return "ราย 6 เดือน";
    }
    return "";
}

std::expected<std::vector<std::string>, std::string> parse_targets(std::string_view text) {
    std::vector<std::string> targets;
    std::size_t position = 0;
    while (position < text.size()) {
        const auto end = text.find_first_of(", \t\n", position);
        const std::string typed(text.substr(position, end == std::string_view::npos ? std::string_view::npos : end - position));
        position = end == std::string_view::npos ? text.size() : end + 1;
        if (typed.empty()) continue;
        const std::string entry = util::arabic_digits(typed);  // "O๓๘" as a Thai document writes it is O38
        const bool digits = entry.find_first_not_of("0123456789") == std::string_view::npos;
        const bool code = entry.size() >= 2 && entry.substr(1).find_first_not_of("0123456789.") == std::string_view::npos;
        if (entry.find(':') != std::string_view::npos)
            targets.push_back(entry);
        else if (digits && entry.size() <= 2)
            targets.push_back("indicator:" + entry);
        else if (code && (entry[0] == 'I' || entry[0] == 'E'))
            targets.push_back("question:" + entry);
        else if (code && entry[0] == 'O')
            targets.push_back("item:" + entry);
        else
            return std::unexpected(typed);
    }
    return targets;
}

std::string targets_text(const std::vector<std::string>& targets) {
    std::string text;
    for (const auto& target : targets) {
        const auto colon = target.find(':');
        const auto kind = target.substr(0, colon);
        const bool known = kind == "indicator" || kind == "question" || kind == "item";
        text += (text.empty() ? "" : ", ") + (known ? target.substr(colon + 1) : target);
    }
    return text;
}

std::optional<ReportingCadence> parse_cadence(std::string_view text) {
    if (text == "monthly" || text == "รายเดือน") return ReportingCadence::monthly;
    if (text == "quarterly" || text == "รายไตรมาส") return ReportingCadence::quarterly;
    if (text == "half-yearly" || text == "6-monthly" || text == "ราย 6 เดือน") return ReportingCadence::half_yearly;
    return std::nullopt;
}

std::string_view measure_status_code(MeasureStatus status) {
    switch (status) {
        case MeasureStatus::draft: return "draft";
        case MeasureStatus::active: return "active";
        case MeasureStatus::done: return "done";
    }
    return "draft";
}

std::optional<MeasureStatus> parse_measure_status(std::string_view code) {
    for (const auto status : {MeasureStatus::draft, MeasureStatus::active, MeasureStatus::done})
        if (measure_status_code(status) == code) return status;
    return std::nullopt;
}

std::string_view measure_status_label(MeasureStatus status) {
    switch (status) {
        case MeasureStatus::draft: return "ร่าง";
        case MeasureStatus::active: return "ดำเนินการ";
        case MeasureStatus::done: return "เสร็จสิ้น";
    }
    return "";
}

std::string fiscal_year_start(int fiscal_year) { return util::iso_date(util::fiscal_year_first_day(fiscal_year)); }
std::string fiscal_year_end(int fiscal_year) { return util::iso_date(util::fiscal_year_last_day(fiscal_year)); }

namespace {

std::chrono::months period_of(ReportingCadence cadence) {
    switch (cadence) {
        case ReportingCadence::monthly: return std::chrono::months{1};
        case ReportingCadence::quarterly: return std::chrono::months{3};
        case ReportingCadence::half_yearly: return std::chrono::months{6};
    }
    return std::chrono::months{3};
}

}  // namespace

Result<void> validate_measure(const Measure& measure) {
    util::DiagnosticList problems("measure");
    if (measure.agency_id.empty()) problems.add(0, "agency_id", "must not be empty");
    if (measure.title.empty()) problems.add(0, "title", "must name the project or activity");
    if (measure.responsible.empty()) problems.add(0, "responsible", "must name the responsible unit");
    const auto start = util::parse_iso_date(measure.start_on);
    const auto end = util::parse_iso_date(measure.end_on);
    if (!start) problems.add(0, "start", "must be a date YYYY-MM-DD, not '" + measure.start_on + "'");
    if (!end) problems.add(0, "end", "must be a date YYYY-MM-DD, not '" + measure.end_on + "'");
    if (start && end) {
        const std::string first = fiscal_year_start(measure.fiscal_year), last = fiscal_year_end(measure.fiscal_year);
        if (measure.start_on < first || measure.end_on > last)
            problems.add(
                0, "start",
                "the period must lie within fiscal year " + std::to_string(measure.fiscal_year) + " (" + first + " to " + last + ")");
        if (*end < *start) problems.add(0, "end", "must not be before the start");
    }
    for (const auto& report : measure.progress)
        if (report.percent < 0 || report.percent > 100) problems.add(0, "percent", "must be from 0 to 100");
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("the measure is incomplete"));
}

Result<void> validate_progress(const Measure& measure, const ProgressReport& report, const std::string& today) {
    util::DiagnosticList problems("progress");
    if (!util::parse_iso_date(report.reported_on)) {
        problems.add(0, "reported_on", "วันที่รายงาน: ต้องเป็นวันที่ที่มีอยู่จริง (must be a date YYYY-MM-DD, not '" + report.reported_on + "')");
    } else {
        const auto first = fiscal_year_start(measure.fiscal_year);
        const auto last = fiscal_year_end(measure.fiscal_year);
        if (report.reported_on < first || report.reported_on > last)
            problems.add(
                0, "reported_on",
                "วันที่รายงาน: ต้องอยู่ในปีงบประมาณ " + std::to_string(measure.fiscal_year) + " ของมาตรการ (" + first + " ถึง " + last + ")");
        else if (!today.empty() && report.reported_on > today)
            problems.add(0, "reported_on", "วันที่รายงาน: ต้องไม่เลยวันนี้");
    }
    if (report.percent < 0 || report.percent > 100) problems.add(0, "percent", "ความคืบหน้า: ต้องเป็นร้อยละ 0 ถึง 100");
    const auto written = util::count_letters(report.text);
    if (written.letters < shortest_progress_text || written.distinct < 3)
        problems.add(0, "text", "ผลการดำเนินงาน: เล่าสิ่งที่ทำไปแล้วอย่างน้อย " + std::to_string(shortest_progress_text) + " ตัวอักษร");
    if (!report.evidence_url.empty() && !util::is_web_url(report.evidence_url))
        problems.add(0, "evidence_url", "หลักฐาน: ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http:// (must be an http or https address)");
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("the progress report is not valid"));
}

ReportingState reporting_state(const Measure& measure, const std::string& today, int soon_days) {
    ReportingState state;
    const auto start = util::parse_iso_date(measure.start_on);
    const auto now = util::parse_iso_date(today);
    if (!start || !now || measure.status == MeasureStatus::done) return state;
    std::chrono::year_month_day due = *start;
    std::string latest;
    for (const auto& report : measure.progress) latest = std::max(latest, report.reported_on);
    // The first due date after the latest report (or the start itself when there is none).
    while (!latest.empty() && util::iso_date(due) <= latest)
        due = std::chrono::year_month_day{due.year() / due.month() / due.day()} + period_of(measure.cadence);
    if (!due.ok()) due = due.year() / due.month() / std::chrono::last;
    state.next_due = util::iso_date(due);
    const auto days_left = (std::chrono::sys_days{due} - std::chrono::sys_days{*now}).count();
    state.overdue = days_left < 0;
    state.due_soon = !state.overdue && days_left <= soon_days;
    return state;
}

std::optional<int> latest_progress(const Measure& measure) {
    std::optional<int> percent;
    std::string latest;
    for (const auto& report : measure.progress)
        if (report.reported_on >= latest) {
            latest = report.reported_on;
            percent = report.percent;
        }
    return percent;
}

}  // namespace ita::core
