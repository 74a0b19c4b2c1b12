// Whether a measure worked, from the targeted scores the year before and of its own year,
// and the library of what worked by agency type and indicator.
#include "methodology_fixture.hpp"

#include <ita/core/measure_effect.hpp>

#include <gtest/gtest.h>

using namespace ita::core;

namespace {

AgencyScores scores_of(const Methodology& methodology, std::map<int, double> indicators, std::map<std::string, double> questions = {}) {
    AgencyScores scores;
    scores.indicators.assign(methodology.indicators.size(), std::nullopt);
    scores.questions.assign(methodology.questions.size(), std::nullopt);
    scores.items.assign(methodology.items.size(), std::nullopt);
    for (const auto& [number, value] : indicators) scores.indicators[*methodology.indicator_index(number)] = value;
    for (const auto& [code, value] : questions) scores.questions[*methodology.question_index(code)] = value;
    return scores;
}

Measure measure(std::vector<std::string> targets, std::string title = "อบรมการให้บริการ") {
    Measure made;
    made.agency_id = "A1";
    made.fiscal_year = 2566;
    made.title = std::move(title);
    made.targets = std::move(targets);
    return made;
}

}  // namespace

TEST(MeasureEffect, TheTargetedScoresRoseSoTheMeasureWorked) {
    const auto& methodology = ita::test::methodology(2565);
    const auto before = scores_of(methodology, {{5, 70}}, {{"I27", 60}});
    const auto after = scores_of(methodology, {{5, 80}}, {{"I27", 66}});
    const auto effect = measure_effect(measure({"indicator:5", "question:I27", "item:O38"}), methodology, &before, &methodology, &after);
    ASSERT_EQ(effect.targets.size(), 3u);
    EXPECT_EQ(effect.targets[0].name, methodology.indicators[*methodology.indicator_index(5)].name);
    EXPECT_DOUBLE_EQ(*effect.targets[0].change(), 10);
    EXPECT_DOUBLE_EQ(*effect.targets[1].change(), 6);
    EXPECT_FALSE(effect.targets[2].change());  // no item score either year: not counted
    EXPECT_DOUBLE_EQ(*effect.mean_change, 8);
    EXPECT_EQ(effect.verdict, EffectVerdict::improved);
    EXPECT_STREQ(effect_label(effect.verdict), "ดีขึ้น");
}

TEST(MeasureEffect, SmallMovesAreNoChangeFallsAreFallsAndNoResultYetIsPending) {
    const auto& methodology = ita::test::methodology(2565);
    const auto before = scores_of(methodology, {{5, 70}});
    const auto slightly = scores_of(methodology, {{5, 71.5}});
    const auto lower = scores_of(methodology, {{5, 65}});
    EXPECT_EQ(measure_effect(measure({"indicator:5"}), methodology, &before, &methodology, &slightly).verdict, EffectVerdict::unchanged);
    EXPECT_EQ(measure_effect(measure({"indicator:5"}), methodology, &before, &methodology, &lower).verdict, EffectVerdict::declined);
    const auto pending = measure_effect(measure({"indicator:5"}), methodology, &before, nullptr, nullptr);
    EXPECT_EQ(pending.verdict, EffectVerdict::pending);
    EXPECT_DOUBLE_EQ(*pending.targets[0].before, 70);
    EXPECT_EQ(measure_effect(measure({"indicator:99", "nonsense"}), methodology, &before, &methodology, &lower).verdict,
              EffectVerdict::pending);
}

TEST(MeasureEffect, TheLibraryGroupsByTypeAndIndicatorWithWhatWorkedFirst) {
    const auto& methodology = ita::test::methodology(2565);
    const auto before = scores_of(methodology, {{5, 70}, {8, 60}});
    const auto much = scores_of(methodology, {{5, 85}, {8, 61}});
    const auto some = scores_of(methodology, {{5, 75}, {8, 60}});
    const auto flat = scores_of(methodology, {{5, 71}, {8, 60}});
    const std::vector<MeasureEffect> effects{
        measure_effect(measure({"indicator:5"}, "เปิดเผยขั้นตอนบริการ"), methodology, &before, &methodology, &some),
        measure_effect(measure({"indicator:5", "indicator:8"}, "ประชุมชี้แจงบุคลากร"), methodology, &before, &methodology, &much),
        measure_effect(measure({"indicator:5"}, "ทบทวนคู่มือ"), methodology, &before, &methodology, &flat),
        measure_effect(measure({"indicator:5"}, "ของอีกประเภท"), methodology, &before, &methodology, &much)};
    const std::vector<std::string> types{"เทศบาลตำบล", "เทศบาลตำบล", "เทศบาลตำบล", "กรม"};
    const auto library = measure_library(effects, types, methodology);
    ASSERT_EQ(library.size(), 3u);  // กรม/5, เทศบาลตำบล/5, เทศบาลตำบล/8
    const auto& five = library[1];
    EXPECT_EQ(five.agency_type, "เทศบาลตำบล");
    EXPECT_EQ(five.indicator, 5);
    EXPECT_EQ(five.measures, 3u);
    EXPECT_EQ(five.improved, 2u);
    EXPECT_NEAR(*five.mean_change, (5.0 + 15.0 + 1.0) / 3, 1e-9);
    ASSERT_EQ(five.worked.size(), 2u);
    EXPECT_EQ(five.worked[0]->measure.title, "ประชุมชี้แจงบุคลากร");  // +15 before +5
    EXPECT_EQ(library[2].indicator, 8);
    EXPECT_EQ(library[2].improved, 0u);
}
