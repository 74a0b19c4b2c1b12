#include <ita/core/ranking.hpp>

#include <ita/core/verdict.hpp>

#include <algorithm>
#include <map>
#include <numeric>

namespace ita::core {

std::vector<std::optional<RankPosition>> rank_within_groups(std::span<const RankInput> agencies) {
    std::vector<std::optional<RankPosition>> positions(agencies.size());
    std::map<std::string_view, std::vector<std::size_t>> members;
    for (std::size_t index = 0; index < agencies.size(); ++index)
        if (agencies[index].overall) members[agencies[index].group].push_back(index);
    for (auto& [group, indices] : members) {
        std::stable_sort(indices.begin(), indices.end(),
                         [&](std::size_t left, std::size_t right) { return *agencies[left].overall > *agencies[right].overall; });
        const int of = static_cast<int>(indices.size());
        for (std::size_t place = 0; place < indices.size(); ++place) {
            const bool tied = place > 0 && *agencies[indices[place]].overall == *agencies[indices[place - 1]].overall;
            const int rank = tied ? positions[indices[place - 1]]->rank : static_cast<int>(place) + 1;
            positions[indices[place]] = RankPosition{rank, of};
        }
    }
    return positions;
}

namespace {
GroupFigures figures_of(const Methodology& methodology, std::string group, const std::vector<std::optional<double>>& scores) {
    GroupFigures figures;
    figures.group = std::move(group);
    figures.agencies = scores.size();
    double sum = 0;
    for (const auto& score : scores) {
        if (!score) continue;
        ++figures.scored;
        sum += *score;
        if (passes(methodology, *score)) ++figures.passing;
    }
    if (figures.scored > 0) {
        figures.mean = sum / static_cast<double>(figures.scored);
        figures.share_passing_percent = 100.0 * static_cast<double>(figures.passing) / static_cast<double>(figures.scored);
        figures.meets_target = *figures.share_passing_percent >= methodology.national_target_percent;
    }
    return figures;
}
}  // namespace

std::vector<GroupFigures> figures_by_group(const Methodology& methodology, std::span<const std::string> groups,
                                           std::span<const std::optional<double>> overall) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::optional<double>>> scores;
    for (std::size_t index = 0; index < groups.size(); ++index) {
        auto [entry, inserted] = scores.try_emplace(groups[index]);
        if (inserted) order.push_back(groups[index]);
        entry->second.push_back(overall[index]);
    }
    std::vector<GroupFigures> figures;
    figures.reserve(order.size());
    for (const auto& group : order) figures.push_back(figures_of(methodology, group, scores[group]));
    return figures;
}

GroupFigures national_figures(const Methodology& methodology, std::span<const std::optional<double>> overall) {
    return figures_of(methodology, "", std::vector<std::optional<double>>(overall.begin(), overall.end()));
}

}  // namespace ita::core
