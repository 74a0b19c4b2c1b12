#include "methodology_fixture.hpp"

#include <ita/core/measure.hpp>

#include <gtest/gtest.h>

using namespace ita::core;

namespace {
Measure sample() {
    Measure measure;
    measure.agency_id = "A1";
    measure.fiscal_year = 2566;
    measure.title = "โครงการเปิดเผยข้อมูล";
    measure.responsible = "สำนักปลัด";
    measure.start_on = "2022-10-01";
    measure.end_on = "2023-09-30";
    measure.cadence = ReportingCadence::quarterly;
    measure.status = MeasureStatus::active;
    return measure;
}
}  // namespace

TEST(Measure, FiscalYearRunsFromOctoberToSeptember) {
    EXPECT_EQ(fiscal_year_start(2566), "2022-10-01");
    EXPECT_EQ(fiscal_year_end(2566), "2023-09-30");
    EXPECT_EQ(fiscal_year_start(2569), "2025-10-01");
}

TEST(Measure, PeriodMustLieInsideTheFiscalYear) {
    EXPECT_TRUE(validate_measure(sample()));
    auto early = sample();
    early.start_on = "2022-09-30";
    const auto refused = validate_measure(early);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().to_string().find("within fiscal year 2566 (2022-10-01 to 2023-09-30)"), std::string::npos);
    auto reversed = sample();
    reversed.start_on = "2023-05-01";
    reversed.end_on = "2023-01-01";
    EXPECT_FALSE(validate_measure(reversed));
    auto bad = sample();
    bad.end_on = "2023-02-30";
    bad.title.clear();
    bad.responsible.clear();
    const auto listed = validate_measure(bad);
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().diagnostics.size(), 3u);
}

TEST(Measure, ReportingStateFollowsTheCadence) {
    auto measure = sample();  // quarterly from 1 Oct 2022
    auto state = reporting_state(measure, "2022-09-25");
    EXPECT_EQ(state.next_due, "2022-10-01");
    EXPECT_TRUE(state.due_soon);
    EXPECT_FALSE(state.overdue);
    state = reporting_state(measure, "2022-10-02");
    EXPECT_TRUE(state.overdue);  // nothing reported at the start
    measure.progress.push_back({"2022-10-01", 10, "เริ่มดำเนินการ", ""});
    state = reporting_state(measure, "2022-11-15");
    EXPECT_EQ(state.next_due, "2023-01-01");
    EXPECT_FALSE(state.overdue);
    EXPECT_FALSE(state.due_soon);
    state = reporting_state(measure, "2023-01-20");
    EXPECT_TRUE(state.overdue);
    measure.cadence = ReportingCadence::monthly;
    EXPECT_EQ(reporting_state(measure, "2022-10-20").next_due, "2022-11-01");
    measure.status = MeasureStatus::done;
    EXPECT_FALSE(reporting_state(measure, "2024-01-01").overdue);
}

TEST(Measure, CadenceCodesAndThaiLabels) {
    EXPECT_EQ(parse_cadence("quarterly"), ReportingCadence::quarterly);
    EXPECT_EQ(parse_cadence("ราย 6 เดือน"), ReportingCadence::half_yearly);
    EXPECT_FALSE(parse_cadence("weekly"));
    EXPECT_EQ(cadence_label(ReportingCadence::monthly), "รายเดือน");
}

TEST(Measure, LatestProgressIsTheMostRecentReport) {
    Measure measure;
    EXPECT_FALSE(latest_progress(measure));
    measure.progress.push_back({"2023-01-15", 40, "", ""});
    measure.progress.push_back({"2022-11-01", 10, "", ""});
    EXPECT_EQ(latest_progress(measure), 40);
    measure.progress.push_back({"2023-01-15", 45, "แก้ไขรายงาน", ""});
    EXPECT_EQ(latest_progress(measure), 45);
}

TEST(MeasureTargets, ReadsTargetsAsPeopleTypeThem) {
    const auto targets = parse_targets("5, I27 O38,,  E3 question:I4.2");
    ASSERT_TRUE(targets.has_value());
    EXPECT_EQ(*targets, (std::vector<std::string>{"indicator:5", "question:I27", "item:O38", "question:E3", "question:I4.2"}));
    EXPECT_EQ(targets_text(*targets), "5, I27, O38, E3, I4.2");
    EXPECT_EQ(parse_targets(targets_text(*targets)), targets);
}

// Seed 002 writes item codes in Thai digits ("O๑๘"); they name the same items.
TEST(MeasureTargets, CodesInThaiDigitsAreTheSameCodes) {
    const auto targets = parse_targets("๕, I๒๗ O๓๘");
    ASSERT_TRUE(targets.has_value());
    EXPECT_EQ(*targets, (std::vector<std::string>{"indicator:5", "question:I27", "item:O38"}));
    const auto& methodology = ita::test::methodology(2565);
    ASSERT_TRUE(methodology.item_index("O38"));
    EXPECT_EQ(methodology.item_index("O๓๘"), methodology.item_index("O38"));
    EXPECT_EQ(methodology.question_index("I๒๗"), methodology.question_index("I27"));
}

TEST(MeasureTargets, NamesTheFirstUnreadableEntry) {
    const auto targets = parse_targets("5, ข้อ 7, O1");
    ASSERT_FALSE(targets.has_value());
    EXPECT_EQ(targets.error(), "ข้อ");
    EXPECT_EQ(targets_text({"note:free"}), "note:free");
    EXPECT_TRUE(parse_targets("  ")->empty());
}

// Issue 16: a report dated 2020 with the text "x" was accepted for a 2566 measure.
TEST(Measure, ProgressBelongsToTheMeasuresYearAndSaysSomething) {
    const auto measure = sample();
    const std::string today = "2023-06-01";
    EXPECT_TRUE(validate_progress(measure, {"2023-01-15", 40, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", "https://a1.example/report"}, today));
    const auto field_of = [&](const ProgressReport& report) {
        const auto checked = validate_progress(measure, report, today);
        return checked ? std::string() : checked.error().diagnostics.at(0).field;
    };
    EXPECT_EQ(field_of({"2020-01-15", 40, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", ""}), "reported_on");  // another fiscal year
    EXPECT_EQ(field_of({"2023-10-01", 40, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", ""}), "reported_on");  // the next one
    EXPECT_EQ(field_of({"2023-07-01", 40, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", ""}), "reported_on");  // after today
    EXPECT_EQ(field_of({"2023-01-15", 40, "x", ""}), "text");
    EXPECT_EQ(field_of({"2023-01-15", 40, "xxxxxxxxxxxxxxxx", ""}), "text");  // one letter over and over
    EXPECT_EQ(field_of({"2023-01-15", 40, "๑๒๓๔๕๖๗๘๙๐ 12345", ""}), "text");  // digits are not words
    EXPECT_EQ(field_of({"2023-01-15", 140, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", ""}), "percent");
    EXPECT_EQ(field_of({"2023-01-15", 40, "จัดอบรมเจ้าหน้าที่แล้วสองรุ่น", "javascript:alert(1)"}), "evidence_url");
    const auto message = validate_progress(measure, {"2020-01-15", 40, "x", ""}, today).error().to_string();
    EXPECT_NE(message.find("ต้องอยู่ในปีงบประมาณ 2566 ของมาตรการ (2022-10-01 ถึง 2023-09-30)"), std::string::npos) << message;
}
