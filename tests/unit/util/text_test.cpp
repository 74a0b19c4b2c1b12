#include <ita/util/text.hpp>

#include <gtest/gtest.h>

using namespace ita::util;

TEST(Text, ParsesWholeNumbersOnly) {
    EXPECT_EQ(parse_double("85.32"), 85.32);
    EXPECT_FALSE(parse_double("85.32x"));
    EXPECT_FALSE(parse_double(""));
    EXPECT_EQ(parse_integer("40"), 40);
    EXPECT_FALSE(parse_integer("-4"));
    EXPECT_FALSE(parse_integer("4.5"));
}

TEST(Text, TrimsAndQuotes) {
    EXPECT_EQ(trim("  I7 \t"), "I7");
    EXPECT_EQ(quoted("I99"), "'I99'");
    EXPECT_EQ(ascii_lower("YES มี"), "yes มี");
}
