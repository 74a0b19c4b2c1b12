#include "methodology_fixture.hpp"

#include <ita/core/scoring.hpp>
#include <ita/util/decimal.hpp>

#include <gtest/gtest.h>

using namespace ita;
using core::Instrument;

namespace {

std::string shown(const core::Score& score) { return score ? util::format_fixed(*score) : "absent"; }

// Adds one answer (option 0–3) by a fresh respondent to the tally.
void answer(core::AgencyInput& input, const core::Methodology& methodology, std::string_view code, std::size_t option) {
    const auto index = *methodology.sub_item_index(code);
    input.tally.add(index, methodology.option_points(methodology.sub_items[index].kind, option), methodology.sub_items.size());
}

core::AgencyInput published_instruments(const core::Methodology& methodology, double iit, double eit, double oit) {
    core::AgencyInput input;
    input.agency_id = "X";
    input.published.instruments = {iit, eit, oit};
    (void)methodology;
    return input;
}

}  // namespace

TEST(Scoring, SubItemIsMeanOfPointsAndQuestionIsMeanOfSubItems) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    answer(input, methodology, "I6.1", 1);  // no → 100
    answer(input, methodology, "I6.2", 0);  // yes → 0
    answer(input, methodology, "I6.2", 1);  // no → 100
    const auto scores = core::score_agency(methodology, input);
    EXPECT_EQ(shown(scores.sub_items[*methodology.sub_item_index("I6.1")]), "100.00");
    EXPECT_EQ(shown(scores.sub_items[*methodology.sub_item_index("I6.2")]), "50.00");
    EXPECT_EQ(shown(scores.sub_items[*methodology.sub_item_index("I6.3")]), "absent");
    EXPECT_EQ(shown(scores.questions[*methodology.question_index("I6")]), "75.00");
}

TEST(Scoring, OitSubIndicatorIsShareAcceptedAndIndicatorIsMeanOfSubIndicators) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    for (std::size_t item = 0; item < methodology.items.size(); ++item) {
        const bool rejected = methodology.items[item].code == "O1" || methodology.items[item].code == "O10";
        core::set_at(input.oit_accepted, item, !rejected, methodology.items.size());
    }
    const auto scores = core::score_agency(methodology, input);
    // 9.1: 8/9, 9.2: 7/8, 9.3–9.5: all → (88.89 + 87.5 + 300) / 5
    EXPECT_EQ(shown(scores.indicators[*methodology.indicator_index(9)]), util::format_fixed((800.0 / 9 + 87.5 + 300) / 5));
    EXPECT_EQ(shown(scores.indicators[*methodology.indicator_index(10)]), "100.00");
}

TEST(Scoring, PublishedValueWinsAndDisagreementIsReported) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    answer(input, methodology, "I7", 3);
    core::set_at(input.published.questions, *methodology.question_index("I7"), 50.0, methodology.questions.size());
    const auto scores = core::score_agency(methodology, input);
    EXPECT_EQ(shown(scores.questions[*methodology.question_index("I7")]), "50.00");
    ASSERT_EQ(scores.warnings.size(), 1u);
    EXPECT_NE(scores.warnings[0].find("question I7"), std::string::npos);
}

TEST(Scoring, AgreeingPublishedValueGivesNoWarning) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    answer(input, methodology, "I7", 3);
    core::set_at(input.published.questions, *methodology.question_index("I7"), 100.005, methodology.questions.size());
    EXPECT_TRUE(core::score_agency(methodology, input).warnings.empty());
}

TEST(Scoring, MissingInstrumentWithholdsOverallWithReason) {
    const auto& methodology = test::methodology(2565);
    core::AgencyInput input;
    input.published.instruments[0] = 90;
    input.published.instruments[2] = 90;
    const auto scores = core::score_agency(methodology, input);
    EXPECT_FALSE(scores.overall);
    EXPECT_TRUE(scores.rating.empty());
    EXPECT_FALSE(scores.pass);
    EXPECT_NE(scores.withheld_reason.find("EIT"), std::string::npos);
    EXPECT_EQ(scores.withheld_reason.find("IIT"), std::string::npos);
}

TEST(Scoring, LetterBandsUseTheShownScore) {
    const auto& methodology = test::methodology(2565);
    const auto rating = [&](double overall) {
        return core::score_agency(methodology, published_instruments(methodology, overall, overall, overall)).rating;
    };
    EXPECT_EQ(rating(100), "AA");
    EXPECT_EQ(rating(95), "AA");
    EXPECT_EQ(rating(94.995), "AA");
    EXPECT_EQ(rating(94.994), "A");
    EXPECT_EQ(rating(85), "A");
    EXPECT_EQ(rating(84.99), "B");
    EXPECT_EQ(rating(75), "B");
    EXPECT_EQ(rating(65), "C");
    EXPECT_EQ(rating(55), "D");
    EXPECT_EQ(rating(50), "E");
    EXPECT_EQ(rating(49.99), "F");
    EXPECT_EQ(rating(0), "F");
}

TEST(Scoring, WeightedPartsMakeTheInstrumentScore) {
    auto methodology = test::methodology(2568);
    for (auto& instrument : methodology.instruments)
        if (instrument.code == Instrument::eit) instrument.parts = {{"1", "ส่วนที่ 1", 0.25, {6}, ""}, {"2", "ส่วนที่ 2", 0.75, {7, 8}, ""}};
    core::AgencyInput input;
    input.published.indicators.resize(methodology.indicators.size());
    input.published.indicators[*methodology.indicator_index(6)] = 100;
    input.published.indicators[*methodology.indicator_index(7)] = 80;
    input.published.indicators[*methodology.indicator_index(8)] = 90;
    const auto scores = core::score_agency(methodology, input);
    EXPECT_EQ(shown(scores.instruments[1]), "88.75");  // 0.25·100 + 0.75·85
}

TEST(Scoring, ReverseItemsAndDirectionChangeIn2565) {
    const auto score_i27 = [](int year) {
        const auto& methodology = test::methodology(year);
        core::AgencyInput input;
        answer(input, methodology, "I27", 3);  // "most"
        return shown(core::score_agency(methodology, input).questions[*methodology.question_index("I27")]);
    };
    EXPECT_EQ(score_i27(2564), "100.00");
    EXPECT_EQ(score_i27(2565), "0.00");
    EXPECT_EQ(score_i27(2566), "0.00");
}
