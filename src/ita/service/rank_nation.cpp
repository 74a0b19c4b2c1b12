#include <ita/service/rank_nation.hpp>

#include <ita/service/score_visibility.hpp>
#include <ita/thai/collation.hpp>

#include <algorithm>
#include <map>

namespace ita::service {

namespace {

// Figures per group, listed in Thai dictionary order of the group names.
std::vector<core::GroupFigures> figures_in_thai_order(const core::Methodology& methodology, const std::vector<std::string>& groups,
                                                      const std::vector<std::optional<double>>& overall) {
    auto figures = core::figures_by_group(methodology, groups, overall);
    std::vector<std::string> names;
    names.reserve(figures.size());
    for (const auto& entry : figures) names.push_back(entry.group);
    thai::sort_thai(names);
    std::map<std::string, std::size_t> position;
    for (std::size_t index = 0; index < names.size(); ++index) position[names[index]] = index;
    std::sort(figures.begin(), figures.end(), [&](const auto& a, const auto& b) { return position[a.group] < position[b.group]; });
    return figures;
}

}  // namespace

RankedSeason rank_scored(const core::Methodology& methodology, std::span<const report::ScoredAgency> scored,
                         const std::optional<std::string>& type, const std::optional<std::string>& province) {
    std::vector<core::RankInput> inputs;
    std::vector<std::string> types, provinces;
    std::vector<std::optional<double>> overall;
    for (const auto& entry : scored) {
        inputs.push_back({entry.agency->type, entry.scores.overall});
        types.push_back(entry.agency->type);
        provinces.push_back(entry.agency->province);
        overall.push_back(entry.scores.overall);
    }
    RankedSeason ranked;
    ranked.positions = core::rank_within_groups(inputs);
    auto& report = ranked.report;
    report.national = core::national_figures(methodology, overall);
    report.by_type = figures_in_thai_order(methodology, types, overall);
    report.by_province = figures_in_thai_order(methodology, provinces, overall);

    std::map<std::string, std::size_t> type_order;
    for (std::size_t index = 0; index < report.by_type.size(); ++index) type_order[report.by_type[index].group] = index;
    for (std::size_t index = 0; index < scored.size(); ++index) {
        const auto& agency = *scored[index].agency;
        if (type && agency.type != *type) continue;
        if (province && agency.province != *province) continue;
        report.agencies.push_back({&agency, &scored[index].scores, ranked.positions[index]});
    }
    std::stable_sort(report.agencies.begin(), report.agencies.end(), [&](const report::RankedAgency& a, const report::RankedAgency& b) {
        if (a.agency->type != b.agency->type) return type_order[a.agency->type] < type_order[b.agency->type];
        const int rank_a = a.position ? a.position->rank : INT32_MAX;
        const int rank_b = b.position ? b.position->rank : INT32_MAX;
        if (rank_a != rank_b) return rank_a < rank_b;
        return a.agency->agency_id < b.agency->agency_id;
    });
    return ranked;
}

Result<std::unique_ptr<RankRun>> rank_nation(storage::Store& store, const RankRequest& request) {
    auto run = std::make_unique<RankRun>();
    ITA_TRY(scores, score_store(store, {request.fiscal_year, std::nullopt, request.methodology_dir, true}));
    run->scores = std::move(scores);
    // Ranked as published: no overall from a sample short of its minimum (service/publication).
    withhold_short_samples(run->scores.methodology, run->scores.scored);
    run->report = rank_scored(run->scores.methodology, run->scores.scored, request.type, request.province).report;
    return run;
}

}  // namespace ita::service
