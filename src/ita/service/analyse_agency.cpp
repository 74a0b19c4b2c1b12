#include <ita/service/analyse_agency.hpp>

#include <ita/core/ranking.hpp>
#include <ita/service/score_store.hpp>
#include <ita/service/season_reports.hpp>

namespace ita::service {

namespace {

const report::ScoredAgency* find_agency(const ScoreRun& run, const std::string& agency_id) {
    for (const auto& scored : run.scored)
        if (scored.scores.agency_id == agency_id) return &scored;
    return nullptr;
}

std::optional<core::RankPosition> rank_of(const ScoreRun& run, const report::ScoredAgency& agency) {
    std::vector<core::RankInput> inputs;
    std::size_t position = 0;
    for (std::size_t index = 0; index < run.scored.size(); ++index) {
        const auto& scored = run.scored[index];
        inputs.push_back({scored.agency ? std::string_view(scored.agency->type) : std::string_view(), scored.scores.overall});
        if (&scored == &agency) position = index;
    }
    return core::rank_within_groups(inputs)[position];
}

Result<std::unique_ptr<AgencyAnalysis>> finish(std::unique_ptr<AgencyAnalysis> result, const std::string& agency_id,
                                               core::RankSource rank_source) {
    result->agency = find_agency(result->run, agency_id);
    if (!result->agency)
        return fail(ErrorCode::not_found,
                    "agency " + agency_id + " has no result for fiscal year " + std::to_string(result->run.methodology.fiscal_year));
    if (result->previous)
        result->previous_scores = [&]() -> const core::AgencyScores* {
            const auto* previous = find_agency(*result->previous, agency_id);
            return previous ? &previous->scores : nullptr;
        }();
    const auto& methodology = result->run.methodology;
    result->analysis = core::analyse(methodology, result->agency->scores, result->previous_scores,
                                     result->previous ? &result->previous->methodology : nullptr, rank_of(result->run, *result->agency));
    core::settle_rank(result->analysis, rank_source, methodology.fiscal_year,
                      result->agency->agency ? std::string_view(result->agency->agency->type) : std::string_view());
    result->paths = core::paths_to_targets(methodology, result->agency->scores);
    return result;
}

}  // namespace

Result<std::unique_ptr<AgencyAnalysis>> analyse_from_store(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                                           const std::optional<std::string>& methodology_dir) {
    auto result = std::make_unique<AgencyAnalysis>();
    ITA_TRY(run, score_store(store, {fiscal_year, std::nullopt, methodology_dir, true}));
    result->run = std::move(run);
    if (store.fiscal_year(fiscal_year - 1)) {
        auto previous = score_store(store, {fiscal_year - 1, agency_id, methodology_dir, false});
        if (previous) result->previous = std::move(*previous);
    }
    ITA_TRY(published, is_published(store, fiscal_year));
    return finish(std::move(result), agency_id, published ? core::RankSource::published_year : core::RankSource::unpublished_year);
}

Result<std::unique_ptr<AgencyAnalysis>> analyse_from_files(const ScoreRequest& request, const std::string& agency_id) {
    auto result = std::make_unique<AgencyAnalysis>();
    ITA_TRY(run, score_files(request));
    result->run = std::move(run);
    return finish(std::move(result), agency_id, core::RankSource::files);
}

}  // namespace ita::service
