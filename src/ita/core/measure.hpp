// Integrity measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน): what an agency plans
// against its weak points in a fiscal year, with steps, owners, a period inside the fiscal year,
// a reporting cadence and progress reports; and the 4M constraints it records. Plain values,
// with pure checks; thread-safe.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

namespace ita::core {

enum class ReportingCadence { monthly, quarterly, half_yearly };
std::string_view cadence_code(ReportingCadence cadence);  // monthly, quarterly, half-yearly
std::string_view cadence_label(ReportingCadence cadence);  // รายเดือน, รายไตรมาส, ราย 6 เดือน
std::optional<ReportingCadence> parse_cadence(std::string_view text);

// A measure the working group drafted (from the analysis, not adopted yet), is carrying out, or
// has finished. Drafts are neither published nor judged.
enum class MeasureStatus : std::uint8_t { draft, active, done };
std::string_view measure_status_code(MeasureStatus status);  // draft, active, done
std::optional<MeasureStatus> parse_measure_status(std::string_view code);
std::string_view measure_status_label(MeasureStatus status);  // ร่าง, ดำเนินการ, เสร็จสิ้น

struct ProgressReport {
    std::string reported_on;  // YYYY-MM-DD (Common Era, as dates are stored)
    int percent = 0;
    std::string text;
    std::string evidence_url;
};

struct Measure {
    std::int64_t measure_id = 0;
    std::string agency_id;
    int fiscal_year = 0;
    std::vector<std::string> targets;  // "indicator:5", "question:I27", "item:O38"
    std::string title;                 // โครงการ/กิจกรรม
    std::string analysis;              // ผลการวิเคราะห์
    std::string steps;                 // ขั้นตอนหรือวิธีการ
    std::string responsible;           // ผู้รับผิดชอบ
    std::string start_on;              // YYYY-MM-DD
    std::string end_on;
    ReportingCadence cadence = ReportingCadence::quarterly;
    MeasureStatus status = MeasureStatus::draft;
    std::vector<ProgressReport> progress;
};

// Targets as people type them: "5, I27 O38" → indicator:5, question:I27, item:O38 (entries
// split by commas or spaces; "kind:code" kept as given). The first unreadable entry otherwise.
std::expected<std::vector<std::string>, std::string> parse_targets(std::string_view text);
// The inverse, for a form: "5, I27, O38".
std::string targets_text(const std::vector<std::string>& targets);

// The percent of the most recent progress report (the later-listed one on a tie), or
// nothing when none has been filed.
std::optional<int> latest_progress(const Measure& measure);

// The 4M constraints of an agency in a year (seed 003).
struct Constraints {
    std::string man, money, method, material;
};

// "2565-10-01" style bounds of a Buddhist-era fiscal year, in Common Era dates:
// 1 October of CE year (Y − 544) to 30 September of CE year (Y − 543).
std::string fiscal_year_start(int fiscal_year);
std::string fiscal_year_end(int fiscal_year);

// Success when the measure is complete and its period lies inside its fiscal year; otherwise
// an invalid_input Error listing every problem by field.
Result<void> validate_measure(const Measure& measure);
// A progress report of `measure`: a date inside the measure's fiscal year and not after `today`
// (YYYY-MM-DD), a percent from 0 to 100, a text that says something (at least
// `shortest_progress_text` letters, not one character over and over), and an evidence address
// that is empty or passes util::is_web_url (a `javascript:` link would run in whoever opens
// the report). Every problem is named by field, in Thai.
inline constexpr std::size_t shortest_progress_text = 10;
Result<void> validate_progress(const Measure& measure, const ProgressReport& report, const std::string& today);

// When the next progress report is due (the start, then every period, after the latest
// report), and whether it is late or due within `soon_days` of `today` (YYYY-MM-DD).
struct ReportingState {
    std::string next_due;
    bool overdue = false;
    bool due_soon = false;
};
ReportingState reporting_state(const Measure& measure, const std::string& today, int soon_days = 14);

}  // namespace ita::core
