// Ranking and national figures (SPEC §6, issue "storage"): agencies are ranked within their
// type by unrounded overall score, highest first; equal scores share a rank and the next rank
// skips (1, 2, 2, 4). Agencies without an overall score are not ranked. Pure, thread-safe.
#pragma once

#include <ita/core/methodology.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ita::core {

struct RankInput {
    std::string_view group;  // the agency type
    std::optional<double> overall;
};

struct RankPosition {
    int rank = 0;
    int of = 0;  // ranked agencies in the group
};

// One position per input, in input order.
[[nodiscard]] std::vector<std::optional<RankPosition>> rank_within_groups(std::span<const RankInput> agencies);

// Counts and means of a set of agencies against the year's pass mark and national target.
struct GroupFigures {
    std::string group;  // empty for the nation
    std::size_t agencies = 0;
    std::size_t scored = 0;   // with an overall score
    std::size_t passing = 0;  // overall shown at or above the pass mark
    std::optional<double> mean;
    std::optional<double> share_passing_percent;
    bool meets_target = false;
};

// Figures per distinct group (in first-seen order) and, with an empty group name, the nation.
[[nodiscard]] std::vector<GroupFigures> figures_by_group(const Methodology& methodology, std::span<const std::string> groups,
                                                         std::span<const std::optional<double>> overall);
[[nodiscard]] GroupFigures national_figures(const Methodology& methodology, std::span<const std::optional<double>> overall);

}  // namespace ita::core
