#include <ita/core/margin.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace ita::core;

TEST(Margin, ConservativeBoundForAMeanOfAnswersBetween0And100) {
    // 1.96 · sqrt(80 · 20 / 100) = 1.96 · 4 = 7.84
    EXPECT_NEAR(*sample_margin(80, 100, std::nullopt), 7.84, 1e-12);
    // A score of 0 or 100 leaves no room to vary.
    EXPECT_DOUBLE_EQ(*sample_margin(100, 30, std::nullopt), 0.0);
    EXPECT_FALSE(sample_margin(80, 0, std::nullopt));
}

TEST(Margin, FinitePopulationCorrectionFromTheHeadcount) {
    // 7.84 · sqrt((200 − 100) / (200 − 1))
    EXPECT_NEAR(*sample_margin(80, 100, 200), 7.84 * std::sqrt(100.0 / 199.0), 1e-12);
    EXPECT_DOUBLE_EQ(*sample_margin(80, 40, 40), 0.0);  // everybody answered
    EXPECT_DOUBLE_EQ(*sample_margin(80, 45, 40), 0.0);  // more answers than the headcount said
}

TEST(Margin, TwoScoresAreApartWhenTheirDifferenceExceedsTheMarginOfTheDifference) {
    // sqrt(3² + 4²) = 5
    EXPECT_FALSE(distinguishable(80, 3, 84, 4));
    EXPECT_FALSE(distinguishable(80, 3, 85, 4));  // exactly on the margin: not apart
    EXPECT_TRUE(distinguishable(80, 3, 85.01, 4));
    EXPECT_TRUE(distinguishable(80, std::nullopt, 80.5, std::nullopt));
    EXPECT_FALSE(distinguishable(80, std::nullopt, 80, std::nullopt));  // a tie
}
