// Ranking the nation (`ita rank`): scores from the store, ranks within agency type, figures by
// type and province. Filters by type or province choose the agencies listed; ranks and
// figures stay national.
#pragma once

#include <ita/report/rank_outputs.hpp>
#include <ita/service/score_store.hpp>

namespace ita::service {

struct RankRequest {
    int fiscal_year = 0;
    std::optional<std::string> type;
    std::optional<std::string> province;
    std::optional<std::string> methodology_dir;
};

struct RankRun {
    ScoreRun scores;
    report::RankReport report;  // points into `scores`
};

// Ranks and figures of scored agencies (each with its agency): `report.agencies` lists those
// of the type and province asked for (all when not asked), pointing into `scored`;
// `positions` has every agency's rank, in the order of `scored`.
struct RankedSeason {
    report::RankReport report;
    std::vector<std::optional<core::RankPosition>> positions;
};
RankedSeason rank_scored(const core::Methodology& methodology, std::span<const report::ScoredAgency> scored,
                         const std::optional<std::string>& type = std::nullopt, const std::optional<std::string>& province = std::nullopt);

Result<std::unique_ptr<RankRun>> rank_nation(storage::Store& store, const RankRequest& request);

}  // namespace ita::service
