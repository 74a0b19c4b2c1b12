#include "methodology_fixture.hpp"

#include <ita/core/analysis.hpp>
#include <ita/core/path_to_target.hpp>
#include <ita/core/scoring.hpp>
#include <ita/util/decimal.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {

core::AgencyScores with_indicators(const core::Methodology& methodology, const std::vector<double>& values) {
    core::AgencyInput input;
    input.agency_id = "X";
    input.published.indicators.resize(methodology.indicators.size());
    for (std::size_t index = 0; index < values.size(); ++index) input.published.indicators[index] = values[index];
    return core::score_agency(methodology, input);
}

}  // namespace

TEST(Analysis, ChangeAgainstThePreviousYearByIndicatorNumber) {
    const auto& current_methodology = test::methodology(2565);
    const auto& previous_methodology = test::methodology(2564);
    const auto now = with_indicators(current_methodology, {88.35, 81.51, 86.43, 81.99, 77.69, 78.31, 79.46, 78.41, 83.06, 93.75});
    const auto before = with_indicators(previous_methodology, {93.31, 87.74, 88.90, 87.93, 89.07, 88.64, 87.34, 84.83, 100, 100});
    const auto analysis = core::analyse(current_methodology, now, &before, &previous_methodology, core::RankPosition{692, 2200});
    ASSERT_EQ(analysis.indicators.size(), 10u);
    EXPECT_NEAR(*analysis.indicators[0].change, 88.35 - 93.31, 1e-9);
    EXPECT_NEAR(*analysis.indicators[8].change, 83.06 - 100, 1e-9);
    EXPECT_NEAR(*analysis.overall_change, *now.overall - *before.overall, 1e-12);
    EXPECT_EQ(analysis.rank->rank, 692);
}

TEST(Analysis, WeakIndicatorsCarryTheirLowQuestionsAndZeroItems) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    for (std::size_t item = 0; item < methodology.items.size(); ++item)
        core::set_at(input.oit_accepted, item, methodology.items[item].sub_indicator != 2, methodology.items.size());  // 9.3 all rejected
    core::set_at(input.published.questions, *methodology.question_index("I7"), 65.88, methodology.questions.size());
    core::set_at(input.published.questions, *methodology.question_index("I8"), 90.0, methodology.questions.size());
    const auto scores = core::score_agency(methodology, input);
    const auto analysis = core::analyse(methodology, scores, nullptr, nullptr, std::nullopt);
    // Indicator 2 = mean(65.88, 90) = 77.94; indicator 9 = mean(100, 100, 0, 100, 100) = 80.
    ASSERT_EQ(analysis.urgent_weaknesses.size(), 2u);
    const auto& weakest = analysis.indicators[analysis.urgent_weaknesses[0]];
    EXPECT_EQ(methodology.indicators[weakest.indicator].number, 2);
    ASSERT_EQ(weakest.questions.size(), 2u);
    EXPECT_FALSE(weakest.questions[0].passes);
    EXPECT_TRUE(weakest.questions[1].passes);
    const auto& oit = analysis.indicators[analysis.urgent_weaknesses[1]];
    EXPECT_EQ(methodology.indicators[oit.indicator].number, 9);
    EXPECT_DOUBLE_EQ(oit.score, 80);
    ASSERT_EQ(oit.items_scored_zero.size(), 7u);
    EXPECT_EQ(methodology.items[oit.items_scored_zero.front()].code, "O18");
    EXPECT_EQ(methodology.items[oit.items_scored_zero.back()].code, "O24");
}

TEST(PathToTarget, FewestItemsByExactGain) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    for (std::size_t item = 0; item < methodology.items.size(); ++item) {
        const auto& code = methodology.items[item].code;
        const bool rejected = code == "O4" || code == "O18" || code == "O19" || code == "O26" || code == "O29" || code == "O38";
        core::set_at(input.oit_accepted, item, !rejected, methodology.items.size());
    }
    input.published.instruments[0] = 82;
    input.published.instruments[1] = 82;
    const auto scores = core::score_agency(methodology, input);
    // OIT = mean(83.06…, 93.75) = 88.40675…; overall = 0.3·82·2 + 0.4·OIT = 84.5627 → B.
    const double oit = ((800.0 / 9 + 100 + 500.0 / 7 + 75 + 80) / 5 + 93.75) / 2;
    ASSERT_NEAR(*scores.overall, 49.2 + 0.4 * oit, 1e-12);
    const auto gain = [&](const char* code) { return core::item_gain(methodology, scores, *methodology.item_index(code)).value_or(-1); };
    // 0.4 × 100 ÷ (items in the sub-indicator × sub-indicators × 2 OIT indicators)
    EXPECT_DOUBLE_EQ(gain("O38"), 40.0 / (8 * 2 * 2));  // 10.1: 8 items, 2 sub-indicators → 1.25
    EXPECT_DOUBLE_EQ(gain("O26"), 40.0 / (4 * 5 * 2));  // 9.4 → 1.00
    EXPECT_DOUBLE_EQ(gain("O29"), 40.0 / (5 * 5 * 2));  // 9.5 → 0.80
    EXPECT_DOUBLE_EQ(gain("O18"), 40.0 / (7 * 5 * 2));  // 9.3 → 0.5714…
    EXPECT_DOUBLE_EQ(gain("O4"), 40.0 / (9 * 5 * 2));   // 9.1 → 0.4444…
    const auto paths = core::paths_to_targets(methodology, scores);
    ASSERT_EQ(paths.size(), 1u);  // the next level (A, 85) is the pass mark itself
    EXPECT_FALSE(paths[0].reached);
    ASSERT_EQ(paths[0].items.size(), 1u);  // the gap is 0.43: O38 alone closes it
    EXPECT_EQ(methodology.items[paths[0].items[0].item].code, "O38");
    EXPECT_TRUE(paths[0].items_suffice);
    EXPECT_NEAR(paths[0].after_items, *scores.overall + 1.25, 1e-12);
}

TEST(PathToTarget, IndicatorRisesWhenNoItemIsKnown) {
    const auto& methodology = test::methodology(2565);
    // IIT 88, EIT 80, OIT 80 → 26.4 + 24 + 32 = 82.4; the pass needs 2.595 more points.
    const auto scores = with_indicators(methodology, {80, 90, 90, 90, 90, 70, 80, 90, 80, 80});
    const auto paths = core::paths_to_targets(methodology, scores);
    ASSERT_EQ(paths.size(), 1u);
    EXPECT_TRUE(paths[0].items.empty());
    ASSERT_EQ(paths[0].rises.size(), 3u);
    // EIT indicators move the overall by 0.3/3 = 0.1 a point, IIT ones by 0.3/5 = 0.06.
    EXPECT_EQ(methodology.indicators[paths[0].rises[0].indicator].number, 6);
    EXPECT_NEAR(paths[0].rises[0].needed_score, 70 + 2.595 / 0.1, 1e-9);
    EXPECT_TRUE(paths[0].rises[0].feasible);
    EXPECT_EQ(methodology.indicators[paths[0].rises[1].indicator].number, 7);
    EXPECT_FALSE(paths[0].rises[1].feasible);  // 80 + 25.95 > 100
    EXPECT_EQ(methodology.indicators[paths[0].rises[2].indicator].number, 1);
    EXPECT_NEAR(paths[0].rises[2].needed_score, 80 + 2.595 / 0.06, 1e-9);
}

// Seed 002's published indicators with one OIT item beside them: O38 at 0 says nothing of its
// indicator's other items, so no gain is claimed (it once claimed +20 and an overall of 103.94);
TEST(PathToTarget, APartOfTheItemsClaimsNoGain) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    input.agency_id = "A1";
    const std::vector<double> published{88.35, 81.51, 86.43, 81.99, 77.69, 78.31, 79.46, 78.41, 83.06, 93.75};
    for (std::size_t index = 0; index < published.size(); ++index)
        core::set_at(input.published.indicators, index, published[index], methodology.indicators.size());
    const auto o38 = *methodology.item_index("O38");
    core::set_at(input.published.items, o38, 0.0, methodology.items.size());
    const auto partial = core::score_agency(methodology, input);
    EXPECT_NEAR(*partial.overall, 83.94, 0.005);
    EXPECT_FALSE(core::item_gain(methodology, partial, o38));
    const auto paths = core::paths_to_targets(methodology, partial);
    ASSERT_FALSE(paths.empty());
    EXPECT_TRUE(paths[0].items.empty());
    ASSERT_EQ(paths[0].items_of_unknown_gain.size(), 1u);
    EXPECT_EQ(paths[0].after_items, paths[0].current);
    // Indicator 10 (O38's, 93.75) already passes, so no rise is asked of it; the survey ones remain.
    EXPECT_FALSE(paths[0].rises.empty());
    for (const auto& rise : paths[0].rises) EXPECT_NE(methodology.indicators[rise.indicator].number, 10);
    EXPECT_NE(core::unknown_gains_note(methodology, paths[0]).find("O38"), std::string::npos);
}

TEST(PathToTarget, NextLevelAboveAPass) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    input.published.instruments = {90.0, 90.0, 90.0};
    const auto paths = core::paths_to_targets(methodology, core::score_agency(methodology, input));
    ASSERT_EQ(paths.size(), 2u);
    EXPECT_TRUE(paths[0].reached);
    EXPECT_EQ(paths[1].label, "AA");
    EXPECT_EQ(paths[1].target, 95);
    EXPECT_FALSE(paths[1].reached);
}
