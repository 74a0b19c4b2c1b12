#include <ita/thai/dates.hpp>
#include <ita/thai/digits.hpp>
#include <ita/thai/display_width.hpp>

#include <gtest/gtest.h>

using namespace ita::thai;

TEST(DisplayWidth, ThaiMarksTakeNoColumn) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("ที่"), 1u);  // ท + ี + ่
    EXPECT_EQ(display_width("คะแนน"), 5u);
    EXPECT_EQ(display_width("ตัวชี้วัด"), 5u);  // ต ว ช ว ด take columns; ั ี ้ ั do not
    EXPECT_EQ(display_width("ทำ"), 2u);     // sara am takes a column
}

TEST(DisplayWidth, PadsToColumns) {
    EXPECT_EQ(pad("ที่", 3), "ที่  ");
    EXPECT_EQ(pad("1", 3, true), "  1");
}

TEST(Digits, ThaiDigits) { EXPECT_EQ(to_thai_digits("85.32 พ.ศ. 2565"), "๘๕.๓๒ พ.ศ. ๒๕๖๕"); }
TEST(Digits, ArabicDigits) { EXPECT_EQ(to_arabic_digits("๘๕.๓๒ พ.ศ. ๒๕๖๕ และ 2564"), "85.32 พ.ศ. 2565 และ 2564"); }

TEST(Dates, BuddhistEraShortForm) {
    EXPECT_EQ(short_thai_date("2022-10-01"), "1 ต.ค. 2565");
    EXPECT_EQ(short_thai_date("2023-09-30"), "30 ก.ย. 2566");
}

TEST(Dates, UtcStampsInThaiTime) {
    EXPECT_EQ(short_thai_time("2026-11-23T09:15:00Z"), "23 พ.ย. 2569 16:15 น.");
    EXPECT_EQ(short_thai_time("2026-12-31T17:02:59Z"), "1 ม.ค. 2570 00:02 น.");  // past midnight in Thailand: the next day and year
    EXPECT_EQ(short_thai_time("soon"), "soon");
}

TEST(Dates, NonDatesShowUnchanged) {
    EXPECT_EQ(short_thai_date("2022-13-01"), "2022-13-01");
    EXPECT_EQ(short_thai_date("abcd-ef-gh"), "abcd-ef-gh");
    EXPECT_EQ(short_thai_date(""), "");
}

// Days as officials type them: day/month/Buddhist-era year, Thai digits too; ISO for scripts.
TEST(ThaiDates, TypedDaysAndBangkokTimes) {
    EXPECT_EQ(ita::thai::parse_thai_date("31/03/2566"), "2023-03-31");
    EXPECT_EQ(ita::thai::parse_thai_date(" 1/4/2566 "), "2023-04-01");
    EXPECT_EQ(ita::thai::parse_thai_date("๓๑/๑/๒๕๖๖"), "2023-01-31");
    EXPECT_EQ(ita::thai::parse_thai_date("31-03-2566"), "2023-03-31");
    EXPECT_EQ(ita::thai::parse_thai_date("2023-03-31"), "2023-03-31");
    EXPECT_EQ(ita::thai::parse_thai_date("29/02/2567"), "2024-02-29");  // 2024 is a leap year
    for (const char* refused : {"29/02/2566", "31/04/2566", "31/03/2023", "03/31/2566", "31/03", "31/03/2566/1", "", "a/b/c", "2023-02-30"})
        EXPECT_FALSE(ita::thai::parse_thai_date(refused)) << refused;
    EXPECT_EQ(ita::thai::thai_form_date("2023-03-31"), "31/03/2566");
    EXPECT_EQ(ita::thai::bangkok_time_to_utc("2023-03-31", "09:30"), "2023-03-31T02:30:00Z");
    EXPECT_EQ(ita::thai::bangkok_time_to_utc("2023-04-01", "๐๓.๐๐"), "2023-03-31T20:00:00Z");  // the day before in UTC
    EXPECT_FALSE(ita::thai::bangkok_time_to_utc("2023-03-31", "24:00"));
    EXPECT_FALSE(ita::thai::bangkok_time_to_utc("2023-03-31", "9"));
}
