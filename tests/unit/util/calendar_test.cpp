// The one date and fiscal-year parser: real days only, Buddhist-era fiscal years from 1 October.
#include <ita/util/calendar.hpp>

#include <gtest/gtest.h>

using namespace ita;
using namespace std::chrono;

TEST(Calendar, OnlyRealDaysWrittenYyyyMmDd) {
    EXPECT_EQ(util::parse_iso_date("2024-02-29"), year_month_day(year{2024}, February, day{29}));
    for (const char* wrong : {"2023-02-29", "2023-13-01", "2023-1-01", "2023/01/01", "2023-01-01x", "", "２０２３-01-01", "2023-0a-01"})
        EXPECT_FALSE(util::parse_iso_date(wrong)) << wrong;
    EXPECT_EQ(util::iso_date(year_month_day(year{2022}, October, day{1})), "2022-10-01");
}

TEST(Calendar, FiscalYearsRunFromTheFirstOfOctober) {
    // Fiscal 2566 is 1 October 2022 to 30 September 2023 (SPEC: fiscal year 1 Oct–30 Sep, BE).
    EXPECT_EQ(util::fiscal_year_of(year_month_day(year{2022}, September, day{30})), 2565);
    EXPECT_EQ(util::fiscal_year_of(year_month_day(year{2022}, October, day{1})), 2566);
    EXPECT_EQ(util::fiscal_year_of(year_month_day(year{2026}, November, day{30})), 2570);
    EXPECT_EQ(util::iso_date(util::fiscal_year_first_day(2566)), "2022-10-01");
    EXPECT_EQ(util::iso_date(util::fiscal_year_last_day(2566)), "2023-09-30");
}

TEST(Calendar, FiscalYearsAreBuddhistEraNumbersInRange) {
    EXPECT_EQ(util::parse_fiscal_year("2566"), 2566);
    for (const char* wrong : {"2023", "2499", "2701", "2566 ", "+2566", "25.66", "", "๒๕๖๖"})
        EXPECT_FALSE(util::parse_fiscal_year(wrong)) << wrong;
}

TEST(Calendar, UtcStampsToTheMinuteOrHour) {
    EXPECT_EQ(util::parse_utc_stamp("1970-01-02T03:04:05Z"), 86400 + 3 * 3600 + 4 * 60);
    EXPECT_EQ(util::parse_utc_stamp("1970-01-01T14"), 14 * 3600);
    for (const char* wrong : {"1970-01-01", "1970-01-01T25", "1970-01-01 14:00", "x"}) EXPECT_FALSE(util::parse_utc_stamp(wrong)) << wrong;
}
