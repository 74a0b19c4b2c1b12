#include <ita/thai/digits.hpp>
#include <ita/thai/display_width.hpp>

#include <gtest/gtest.h>

using namespace ita::thai;

TEST(DisplayWidth, ThaiMarksTakeNoColumn) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("ที่"), 1u);         // ท + ี + ่
    EXPECT_EQ(display_width("คะแนน"), 5u);
    EXPECT_EQ(display_width("ตัวชี้วัด"), 5u);   // ต ว ช ว ด take columns; ั ี ้ ั do not
    EXPECT_EQ(display_width("ทำ"), 2u);          // sara am takes a column
}

TEST(DisplayWidth, PadsToColumns) {
    EXPECT_EQ(pad("ที่", 3), "ที่  ");
    EXPECT_EQ(pad("1", 3, true), "  1");
}

TEST(Digits, ThaiDigits) { EXPECT_EQ(to_thai_digits("85.32 พ.ศ. 2565"), "๘๕.๓๒ พ.ศ. ๒๕๖๕"); }
