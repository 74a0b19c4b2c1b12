// Ranks, ties and "not distinguishable" marks of published results, against hand-computed cases.
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/public_results.hpp>
#include <ita/service/rank_nation.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {

struct Entry {
    const char* id;
    const char* type;
    double overall;
    double margin;
};

// A year of one or two types with the given overall scores and overall margins.
std::unique_ptr<service::PublishedYear> year_of(std::vector<core::Agency>& agencies, const std::vector<Entry>& entries) {
    auto year = std::make_unique<service::PublishedYear>();
    year->publication.fiscal_year = 2565;
    year->methodology = *ingest::load_methodology(2565, std::nullopt);
    agencies.clear();
    for (const auto& entry : entries)
        agencies.push_back({entry.id, std::string("หน่วยงาน ") + entry.id, entry.type, "ขอนแก่น", std::nullopt});
    for (std::size_t index = 0; index < entries.size(); ++index) {
        core::AgencyScores scores;
        scores.agency_id = entries[index].id;
        scores.overall = entries[index].overall;
        scores.indicators.resize(year->methodology.indicators.size());
        year->scored.push_back({&agencies[index], scores});
        core::ScoreMargins margins;
        margins.overall = entries[index].margin;
        year->margins.push_back(margins);
        year->headcounts.emplace_back();
        year->index.emplace(entries[index].id, index);
    }
    auto ranked = service::rank_scored(year->methodology, year->scored);
    year->positions = ranked.positions;
    year->index_ranks();
    return year;
}

}  // namespace

TEST(PublishedYearRanks, TiesShareARankAndTheNextRankSkips) {
    std::vector<core::Agency> agencies;
    const auto year = year_of(
        agencies, {{"a", "T", 90, 1}, {"b", "T", 89.5, 1}, {"c", "T", 87, 0.5}, {"d", "T", 87, 0.5}, {"e", "T", 80, 2}, {"x", "U", 99, 0}});
    const std::vector<int> expected{1, 2, 3, 3, 5, 1};
    for (std::size_t index = 0; index < expected.size(); ++index) EXPECT_EQ(year->positions[index]->rank, expected[index]) << index;
    EXPECT_EQ(year->positions[0]->of, 5);
    EXPECT_EQ(year->positions[5]->of, 1);
}

TEST(PublishedYearRanks, RanksThatCannotBeToldApart) {
    std::vector<core::Agency> agencies;
    const auto year =
        year_of(agencies, {{"a", "T", 90, 1}, {"b", "T", 89.5, 1}, {"c", "T", 87, 0.5}, {"d", "T", 87, 0.5}, {"e", "T", 80, 2}});
    // a–b: |0.5| ≤ sqrt(1 + 1) — together; b–c: 2.5 > sqrt(1 + 0.25) — apart.
    EXPECT_EQ(year->indistinguishable_ranks(0), std::make_pair(1, 2));
    EXPECT_EQ(year->indistinguishable_ranks(1), std::make_pair(1, 2));
    // c and d tie (rank 3 both); e is 7 below with a margin of sqrt(0.25 + 4) ≈ 2.06.
    EXPECT_EQ(year->indistinguishable_ranks(2), std::make_pair(3, 3));
    EXPECT_EQ(year->indistinguishable_ranks(4), std::make_pair(5, 5));
}

TEST(PublishedYearRanks, WideMarginsJoinManyRanks) {
    std::vector<core::Agency> agencies;
    // Margins of 5 each: differences up to sqrt(50) ≈ 7.07 cannot be told apart.
    const auto year = year_of(agencies, {{"a", "T", 92, 5}, {"b", "T", 88, 5}, {"c", "T", 85.5, 5}, {"d", "T", 84, 5}, {"e", "T", 70, 5}});
    EXPECT_EQ(year->indistinguishable_ranks(0), std::make_pair(1, 3));  // 92 − 85.5 = 6.5 ≤ 7.07 < 92 − 84
    EXPECT_EQ(year->indistinguishable_ranks(3), std::make_pair(2, 4));  // 88 − 84 = 4; 92 − 84 = 8 is apart
    EXPECT_EQ(year->indistinguishable_ranks(4), std::make_pair(5, 5));
}

TEST(PublishedYearRanks, NeighboursInRankOrder) {
    std::vector<core::Agency> agencies;
    const auto year = year_of(
        agencies, {{"e", "T", 80, 2}, {"c", "T", 87, 0.5}, {"a", "T", 90, 1}, {"d", "T", 87, 0.5}, {"b", "T", 89.5, 1}, {"x", "U", 99, 0}});
    // Rank order within T: a(2), b(4), c(1), d(3), e(0); ties by id.
    EXPECT_EQ(year->rank_neighbours(1, 1), (std::vector<std::size_t>{4, 1, 3}));
    EXPECT_EQ(year->rank_neighbours(2, 2), (std::vector<std::size_t>{2, 4, 1}));
    EXPECT_EQ(year->rank_neighbours(0, 1), (std::vector<std::size_t>{3, 0}));
    EXPECT_EQ(year->rank_neighbours(5, 3), (std::vector<std::size_t>{5}));
}
