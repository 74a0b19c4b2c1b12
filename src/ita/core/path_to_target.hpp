// Path to a target (issue "analysis"): from an agency's current scores and the year's weights,
// the smallest set of improvements that lifts the overall score to the pass mark or to the next
// verdict level. OIT items are the concrete steps: publishing a rejected item is worth an exact
// number of overall points (weight of OIT ÷ its indicators ÷ the sub-indicators of the item's
// indicator ÷ the items of its sub-indicator × 100), so the fewest items come from taking the
// largest gains first. For each survey indicator below the pass mark it gives how far that
// indicator alone would have to rise to close what the items leave. A target counts as reached
// when the overall is shown (two decimals) at or above it. Pure; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::core {

struct ItemGain {
    std::size_t item = 0;  // index into the methodology's items
    double overall_points = 0;
};

struct IndicatorRise {
    std::size_t indicator = 0;
    double current = 0;
    double overall_points_per_point = 0;  // overall points gained per point of this indicator
    double needed_score = 0;              // the score it would need, alone, after the items
    bool feasible = false;                // needed_score ≤ 100
};

struct PathToTarget {
    std::string label;  // "ผ่านเกณฑ์" or the verdict level aimed at
    double target = 0;
    double current = 0;
    bool reached = false;
    std::vector<ItemGain> items;  // the fewest rejected items to publish, largest gain first
    // Items scored 0 whose gain cannot be known: the scores hold only part of their indicator's
    // items (as published figures often do), so no exact gain is claimed for them.
    std::vector<std::size_t> items_of_unknown_gain;
    double after_items = 0;
    bool items_suffice = false;
    // Survey indicators below the pass mark (and OIT ones whose items' gains are unknown), the
    // nearest rise first.
    std::vector<IndicatorRise> rises;
};

// "ข้อมูล OIT รายข้อที่ได้รับไม่ครบ …" naming the items of unknown gain; empty when there are none.
[[nodiscard]] std::string unknown_gains_note(const Methodology& methodology, const PathToTarget& path);

// The paths to the pass mark and to the next verdict level above the current one (when they
// differ and exist), nearer target first. Empty when there is no overall score.
[[nodiscard]] std::vector<PathToTarget> paths_to_targets(const Methodology& methodology, const AgencyScores& scores);

// The overall points one item is worth when its verdict turns from rejected to accepted; none
// when the scores hold only part of the item's indicator (some of its items or sub-indicators
// missing, or a published indicator score its items do not make), since any figure would be a guess.
[[nodiscard]] std::optional<double> item_gain(const Methodology& methodology, const AgencyScores& scores, std::size_t item);

}  // namespace ita::core
