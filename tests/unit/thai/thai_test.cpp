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
