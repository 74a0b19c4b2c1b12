#include "methodology_fixture.hpp"

#include <ita/core/ranking.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {
std::vector<std::string> ranks_of(const std::vector<core::RankInput>& inputs) {
    std::vector<std::string> text;
    for (const auto& position : core::rank_within_groups(inputs))
        text.push_back(position ? std::to_string(position->rank) + "/" + std::to_string(position->of) : "-");
    return text;
}
}  // namespace

TEST(Ranking, TiesShareARankAndTheNextSkips) {
    // Hand-computed: 92.1 > 88.0 = 88.0 > 85.3 → 1, 2, 2, 4.
    EXPECT_EQ(ranks_of({{"ทต", 88.0}, {"ทต", 92.1}, {"ทต", 85.3}, {"ทต", 88.0}}), (std::vector<std::string>{"2/4", "1/4", "4/4", "2/4"}));
}

TEST(Ranking, WithinTypeOnlyAndUnroundedScores) {
    // 85.004 and 85.001 both show as 85.00 but are not tied; types rank apart; no score, no rank.
    EXPECT_EQ(ranks_of({{"ทต", 85.001}, {"อบต", 70.0}, {"ทต", 85.004}, {"อบต", std::nullopt}, {"อบต", 99.0}}),
              (std::vector<std::string>{"2/2", "2/2", "1/2", "-", "1/2"}));
}

TEST(Ranking, AllTied) { EXPECT_EQ(ranks_of({{"a", 90.0}, {"a", 90.0}, {"a", 90.0}}), (std::vector<std::string>{"1/3", "1/3", "1/3"})); }

TEST(Ranking, FiguresAgainstTheTarget) {
    const auto& methodology = test::methodology(2565);
    const std::vector<std::string> groups{"ทต", "ทต", "อบต", "อบต", "อบต"};
    const std::vector<std::optional<double>> overall{90.0, 84.995, 70.0, std::nullopt, 86.0};
    const auto by_group = core::figures_by_group(methodology, groups, overall);
    ASSERT_EQ(by_group.size(), 2u);
    EXPECT_EQ(by_group[0].group, "ทต");
    EXPECT_EQ(by_group[0].passing, 2u);  // 84.995 shows as 85.00
    EXPECT_TRUE(by_group[0].meets_target);
    EXPECT_EQ(by_group[1].agencies, 3u);
    EXPECT_EQ(by_group[1].scored, 2u);
    EXPECT_DOUBLE_EQ(*by_group[1].mean, 78.0);
    EXPECT_DOUBLE_EQ(*by_group[1].share_passing_percent, 50.0);
    EXPECT_FALSE(by_group[1].meets_target);
    const auto nation = core::national_figures(methodology, overall);
    EXPECT_EQ(nation.scored, 4u);
    EXPECT_EQ(nation.passing, 3u);
    EXPECT_DOUBLE_EQ(*nation.share_passing_percent, 75.0);
}
