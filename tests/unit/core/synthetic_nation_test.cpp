#include "methodology_fixture.hpp"

#include <ita/core/synthetic_nation.hpp>

#include <gtest/gtest.h>

#include <map>

using namespace ita;

namespace {
std::vector<std::int8_t> first_answers(const core::SyntheticNation& nation, std::size_t agency) {
    std::vector<std::int8_t> first;
    nation.for_each_respondent(agency, [&](core::Instrument, std::uint32_t number, std::span<const std::int8_t> answers) {
        if (number == 1 && first.empty()) first.assign(answers.begin(), answers.end());
    });
    return first;
}
}  // namespace

TEST(SyntheticNation, SameSeedSameData) {
    const auto& methodology = test::methodology(2565);
    const core::SyntheticNation one(methodology, 50, 7), two(methodology, 50, 7), other(methodology, 50, 8);
    EXPECT_EQ(one.agencies()[10].name, two.agencies()[10].name);
    EXPECT_EQ(first_answers(one, 10), first_answers(two, 10));
    EXPECT_EQ(one.oit_verdicts(3), two.oit_verdicts(3));
    EXPECT_NE(first_answers(one, 10), first_answers(other, 10));
}

TEST(SyntheticNation, NationalScaleHasRealisticShape) {
    const auto& methodology = test::methodology(2565);
    const core::SyntheticNation nation(methodology, 8317, 1);
    ASSERT_EQ(nation.agencies().size(), 8317u);
    std::map<std::string, std::size_t> by_type;
    std::uint64_t respondents = 0;
    for (std::size_t agency = 0; agency < nation.agencies().size(); ++agency) {
        ++by_type[nation.agencies()[agency].type];
        const auto counts = nation.respondent_counts(agency);
        respondents += counts[0] + counts[1];
    }
    EXPECT_EQ(by_type["องค์การบริหารส่วนตำบล"], 5300u);
    EXPECT_EQ(by_type["เทศบาลตำบล"], 2247u);
    EXPECT_GT(respondents, 1'200'000u);
    EXPECT_LT(respondents, 1'500'000u);
}
