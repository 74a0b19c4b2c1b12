#include "methodology_fixture.hpp"

#include <ita/core/methodology_validation.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {

// Runs validation on a modified copy of 2565 and returns every message as one string.
template <typename Change>
std::string problems_after(Change&& change) {
    core::Methodology methodology = test::methodology(2565);
    change(methodology);
    const auto result = core::validate_methodology(methodology);
    return result ? std::string() : result.error().to_string();
}

}  // namespace

TEST(MethodologyValidation, EveryEmbeddedYearIsValid) {
    for (int year = 2563; year <= 2568; ++year) EXPECT_TRUE(core::validate_methodology(test::methodology(year))) << year;
}

TEST(MethodologyValidation, WeightsMustSumToOne) {
    const auto text = problems_after([](core::Methodology& m) { m.instruments[0].weight = 0.35; });
    EXPECT_NE(text.find("/instruments: instrument weights sum to 1.05"), std::string::npos) << text;
}

TEST(MethodologyValidation, CodesMustBeUnique) {
    const auto text = problems_after([](core::Methodology& m) { m.questions[1].code = "I1"; });
    EXPECT_NE(text.find("/instruments/0/indicators/0/questions/1/code: question code I1 is used twice"), std::string::npos) << text;
}

TEST(MethodologyValidation, EveryIndicatorNeedsQuestionsOrItems) {
    const auto text = problems_after([](core::Methodology& m) {
        m.indicators[1].questions.clear();
        m.sub_indicators[0].items.clear();
    });
    EXPECT_NE(text.find("/instruments/0/indicators/1/questions: an indicator needs at least one question"), std::string::npos) << text;
    EXPECT_NE(text.find("sub_indicators/0/items: a sub-indicator needs at least one item"), std::string::npos) << text;
}

TEST(MethodologyValidation, VerdictLevelsInOrderAndPointsInRange) {
    const auto text = problems_after([](core::Methodology& m) {
        std::swap(m.verdict_levels[0], m.verdict_levels[1]);
        m.points.scale[3] = 120;
    });
    EXPECT_NE(text.find("/verdict/levels/1/min_overall"), std::string::npos) << text;
    EXPECT_NE(text.find("/points/S/3: points must be within 0–100"), std::string::npos) << text;
}

TEST(MethodologyValidation, PartsMustCoverTheirInstrument) {
    const auto text = problems_after([](core::Methodology& m) {
        m.instruments[1].parts = {{"1", "ส่วนที่ 1", 0.5, {6}, "/instruments/1/parts/0"},
                                  {"2", "ส่วนที่ 2", 0.4, {7, 9}, "/instruments/1/parts/1"}};
    });
    EXPECT_NE(text.find("part weights sum to 0.9"), std::string::npos) << text;
    EXPECT_NE(text.find("indicator 9 is not an indicator of this instrument"), std::string::npos) << text;
    EXPECT_NE(text.find("indicator 8 must be in exactly one part"), std::string::npos) << text;
}
