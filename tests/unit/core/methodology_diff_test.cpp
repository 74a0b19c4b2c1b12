// The changes between two years' methodologies, each kind found where it was made by hand.
#include <ita/core/methodology_diff.hpp>

#include "methodology_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace ita;
using core::ChangeKind;

namespace {
bool has(const std::vector<core::MethodologyChange>& changes, ChangeKind kind, const std::string& element, const std::string& code) {
    return std::any_of(changes.begin(), changes.end(), [&](const core::MethodologyChange& change) {
        return change.kind == kind && change.element == element && change.code == code;
    });
}
}  // namespace

TEST(MethodologyDiff, AYearComparedWithItselfHasNoChange) {
    EXPECT_TRUE(core::diff_methodologies(test::methodology(2565), test::methodology(2565)).empty());
}

TEST(MethodologyDiff, EachKindOfChangeIsNamedWithItsCodeAndBothSides) {
    const auto& from = test::methodology(2565);
    core::Methodology to = from;
    const auto o4 = *to.item_index("O4");
    to.items[o4].name = "แผนยุทธศาสตร์หรือแผนพัฒนาองค์กร";
    const auto o5 = *to.item_index("O5");
    const std::size_t other_place = to.items[o5].sub_indicator == 0 ? 1 : 0;
    to.items[o5].sub_indicator = other_place;
    to.items[*to.item_index("O6")].keywords.push_back("แผนดำเนินงาน");
    to.items.erase(to.items.begin() + static_cast<std::ptrdiff_t>(*to.item_index("O43")));
    core::OitItem added = to.items.front();
    added.code = "O44";
    added.name = "รายการใหม่";
    to.items.push_back(added);
    to.questions[*to.question_index("I1")].text = "ถ้อยคำใหม่";
    to.pass_mark = 90;

    const auto changes = core::diff_methodologies(from, to);
    EXPECT_TRUE(has(changes, ChangeKind::renamed, "item", "O4"));
    EXPECT_TRUE(has(changes, ChangeKind::moved, "item", "O5"));
    EXPECT_TRUE(has(changes, ChangeKind::changed, "item", "O6"));
    EXPECT_TRUE(has(changes, ChangeKind::removed, "item", "O43"));
    EXPECT_TRUE(has(changes, ChangeKind::added, "item", "O44"));
    EXPECT_TRUE(has(changes, ChangeKind::renamed, "question", "I1"));
    EXPECT_TRUE(has(changes, ChangeKind::changed, "pass_mark", ""));
    EXPECT_EQ(changes.size(), 7u);
    const auto renamed = std::find_if(changes.begin(), changes.end(), [](const auto& change) { return change.code == "O4"; });
    EXPECT_EQ(renamed->before, from.items[*from.item_index("O4")].name);
    EXPECT_EQ(renamed->after, "แผนยุทธศาสตร์หรือแผนพัฒนาองค์กร");
}

// The NACC renumbers its list most years: an item is followed by its title, not its code.
TEST(MethodologyDiff, ItemsAreFollowedByTitleAcrossRenumbering) {
    const auto to_2567 = core::diff_methodologies(test::methodology(2566), test::methodology(2567));
    EXPECT_TRUE(has(to_2567, ChangeKind::renumbered, "item", "O4"));  // ข้อมูลการติดต่อ was O5 in 2566
    EXPECT_FALSE(has(to_2567, ChangeKind::renamed, "item", "O4"));
    EXPECT_TRUE(has(to_2567, ChangeKind::removed, "item", "O4"));  // 2566's แผนยุทธศาสตร์ (assumed gone)

    const auto to_2568 = core::diff_methodologies(test::methodology(2565), test::methodology(2568));
    const auto removed = [&](const std::string& name) {
        return std::any_of(to_2568.begin(), to_2568.end(),
                           [&](const auto& change) { return change.kind == ChangeKind::removed && change.before == name; });
    };
    // The monthly procurement summary is replaced by the list with progress (the sources' words).
    const auto o12 = std::find_if(to_2568.begin(), to_2568.end(),
                                  [](const auto& change) { return change.kind == ChangeKind::renamed && change.code == "O12"; });
    ASSERT_NE(o12, to_2568.end());
    EXPECT_EQ(o12->before, "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน");
    EXPECT_TRUE(removed("ช่องทางการรับฟังความคิดเห็น"));
    const auto o3 = std::find_if(to_2568.begin(), to_2568.end(),
                                 [](const auto& change) { return change.kind == ChangeKind::renumbered && change.code == "O3"; });
    ASSERT_NE(o3, to_2568.end());
    EXPECT_EQ(o3->before, "O5");  // ข้อมูลการติดต่อ
    // 2568's risk assessment continues 2565's O36 (a close title), not 2565's O23 (the same code).
    const auto o23 = std::find_if(to_2568.begin(), to_2568.end(),
                                  [](const auto& change) { return change.kind == ChangeKind::renumbered && change.code == "O23"; });
    ASSERT_NE(o23, to_2568.end());
    EXPECT_EQ(o23->before, "O36");
}

TEST(MethodologyDiff, TheVerdictRulesOf2565And2567Differ) {
    // 2565 graded AA–F; 2567 has the five-level verdict with per-instrument conditions (SPEC).
    const auto changes = core::diff_methodologies(test::methodology(2565), test::methodology(2567));
    EXPECT_TRUE(has(changes, ChangeKind::changed, "verdict", ""));
}
