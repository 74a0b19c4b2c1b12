#include <ita/util/decimal.hpp>

#include <gtest/gtest.h>

using ita::util::format_fixed;

TEST(Decimal, RoundsHalfAwayFromZero) {
    EXPECT_EQ(format_fixed(85.324), "85.32");
    EXPECT_EQ(format_fixed(92.898), "92.90");
    EXPECT_EQ(format_fixed(83.938), "83.94");
    EXPECT_EQ(format_fixed(0.125), "0.13");
    EXPECT_EQ(format_fixed(-0.125), "-0.13");
    EXPECT_EQ(format_fixed(2.675), "2.68");  // 2.67499999999999982236431605997495353221893310546875 in binary
    EXPECT_EQ(format_fixed(1.005), "1.01");
    EXPECT_EQ(format_fixed(0.3 * 80 + 0.3 * 80.05 + 0.4 * 92.775), "85.13");
}

TEST(Decimal, KeepsValuesThatAreNotTies) {
    EXPECT_EQ(format_fixed(85.32499), "85.32");
    EXPECT_EQ(format_fixed(84.994), "84.99");
    EXPECT_EQ(format_fixed(100), "100.00");
    EXPECT_EQ(format_fixed(0), "0.00");
    EXPECT_EQ(format_fixed(-0.001), "0.00");
}

TEST(Decimal, ShortestRoundTrips) {
    EXPECT_EQ(ita::util::format_shortest(85.324), "85.324");
    EXPECT_EQ(ita::util::format_shortest(100), "100");
}
