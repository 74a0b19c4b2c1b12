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
    to.items[o4].name = "ข้อมูลการติดต่อ";  // 2567 renamed o4 (issue 15)
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
    EXPECT_EQ(renamed->after, "ข้อมูลการติดต่อ");
}

TEST(MethodologyDiff, TheVerdictRulesOf2565And2567Differ) {
    // 2565 graded AA–F; 2567 has the five-level verdict with per-instrument conditions (SPEC).
    const auto changes = core::diff_methodologies(test::methodology(2565), test::methodology(2567));
    EXPECT_TRUE(has(changes, ChangeKind::changed, "verdict", ""));
}
