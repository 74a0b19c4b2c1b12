#include <ita/service/season_reports.hpp>

#include <ita/core/ranking.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/score_store.hpp>

#include <algorithm>
#include <cmath>

namespace ita::service {

report::AgencyReportInput SeasonReports::input_for(std::size_t position, std::vector<report::Signer> signers) const {
    const auto& scored = run.scored[position];
    report::AgencyReportInput input;
    input.methodology = &run.methodology;
    input.agency = scored.agency;
    input.scores = &scored.scores;
    input.analysis = &analyses.at(position);
    input.paths = &paths.at(position);
    const auto& id = scored.scores.agency_id;
    if (const auto found = measures.find(id); found != measures.end()) input.measures = found->second;
    if (const auto found = constraints.find(id); found != constraints.end()) input.constraints = found->second;
    if (const auto found = history.find(id); found != history.end()) input.history = found->second;
    input.signers = std::move(signers);
    input.guidance = guidance.get();
    input.nation = nation;
    if (scored.agency)
        if (const auto found = type_figures.find(scored.agency->type); found != type_figures.end()) input.agency_type = found->second;
    return input;
}

Result<bool> is_published(storage::Store& store, int fiscal_year) {
    ITA_TRY(publications, store.publications());
    return std::any_of(publications.begin(), publications.end(),
                       [&](const auto& publication) { return publication.fiscal_year == fiscal_year; });
}

namespace {

using Ranks = std::vector<std::optional<core::RankPosition>>;

// A published year's overall scores with each agency's type, read once for the ranks and the
// national figures.
struct Publication {
    std::vector<storage::ScoreSnapshot> rows;
    std::vector<std::string> types;  // per row
};

Result<Publication> read_publication(storage::Store& store, int fiscal_year) {
    Publication publication;
    ITA_TRY(rows, store.published_overall(fiscal_year));
    ITA_TRY(agencies, store.agencies());
    std::map<std::string, std::string> type_of;
    for (auto& agency : agencies) type_of.emplace(std::move(agency.agency_id), std::move(agency.type));
    publication.types.reserve(rows.size());
    for (const auto& row : rows) publication.types.push_back(type_of[row.agency_id]);
    publication.rows = std::move(rows);
    return publication;
}

// The ranks within type of the agencies of `run` in the year's publication: the official
// figures, read without scoring the season. Nothing when what is stored now no longer gives one
// of them its published overall (the publication is stale): then the season is scored instead.
std::optional<Ranks> published_ranks(const Publication& publication, const ScoreRun& run) {
    const auto& rows = publication.rows;
    std::map<std::string, std::size_t> position_of;
    std::vector<core::RankInput> inputs;
    for (std::size_t index = 0; index < rows.size(); ++index) {
        position_of.emplace(rows[index].agency_id, index);
        inputs.push_back({publication.types[index], rows[index].overall});
    }
    const auto positions = core::rank_within_groups(inputs);
    Ranks ranks;
    for (const auto& entry : run.scored) {
        const auto found = position_of.find(entry.scores.agency_id);
        if (found == position_of.end()) return std::nullopt;
        const auto& published = rows[found->second].overall;
        const auto& live = entry.scores.overall;
        if (published.has_value() != live.has_value() || (live && std::abs(*live - *published) > 1e-9)) return std::nullopt;
        ranks.push_back(positions[found->second]);
    }
    return ranks;
}

// The published year's figures for the nation and per type.
void published_figures(const Publication& publication, const core::Methodology& methodology, SeasonReports& season) {
    std::vector<std::optional<double>> overall;
    overall.reserve(publication.rows.size());
    for (const auto& row : publication.rows) overall.push_back(row.overall);
    season.nation = core::national_figures(methodology, overall);
    for (auto& figures : core::figures_by_group(methodology, publication.types, overall))
        if (!figures.group.empty()) season.type_figures.emplace(figures.group, std::move(figures));
}

}  // namespace

Result<std::unique_ptr<SeasonReports>> prepare_reports(storage::Store& store, int fiscal_year, const std::optional<std::string>& agency_id,
                                                       const std::optional<std::string>& methodology_dir) {
    auto season = std::make_unique<SeasonReports>();
    // One agency of a published year: score only it, and take the ranks from the publication.
    std::optional<Ranks> ranks;
    ITA_TRY(published_year, is_published(store, fiscal_year));
    std::optional<Publication> publication;
    if (published_year) {
        ITA_TRY(read, read_publication(store, fiscal_year));
        publication = std::move(read);
    }
    if (agency_id && publication) {
        ITA_TRY(own, score_store(store, {fiscal_year, agency_id, methodology_dir, false}));
        if (auto published = published_ranks(*publication, own)) {
            season->run = std::move(own);
            ranks = std::move(published);
        }
    }
    if (!ranks) {
        ITA_TRY(run, score_store(store, {fiscal_year, std::nullopt, methodology_dir, true}));
        season->run = std::move(run);
        std::vector<core::RankInput> rank_inputs;
        for (const auto& entry : season->run.scored)
            rank_inputs.push_back({entry.agency ? std::string_view(entry.agency->type) : "", entry.scores.overall});
        ranks = core::rank_within_groups(rank_inputs);
    }
    const auto& scored = season->run.scored;
    for (std::size_t position = 0; position < scored.size(); ++position)
        if (!agency_id || scored[position].scores.agency_id == *agency_id) season->chosen.push_back(position);
    if (season->chosen.empty())
        return fail(ErrorCode::not_found,
                    "agency " + agency_id.value_or("") + " has no result for fiscal year " + std::to_string(fiscal_year));

    // Last year's scores, for the change of every indicator.
    std::optional<ScoreRun> previous;
    if (store.fiscal_year(fiscal_year - 1)) {
        auto loaded = score_store(store, {fiscal_year - 1, agency_id, methodology_dir, false});
        if (loaded) previous = std::move(*loaded);
    }
    std::map<std::string, const core::AgencyScores*> previous_by_agency;
    if (previous)
        for (const auto& entry : previous->scored) previous_by_agency[entry.scores.agency_id] = &entry.scores;

    for (const auto position : season->chosen) {
        const auto& scores = scored[position].scores;
        const auto found = previous_by_agency.find(scores.agency_id);
        const core::AgencyScores* before = found == previous_by_agency.end() ? nullptr : found->second;
        season->analyses[position] =
            core::analyse(season->run.methodology, scores, before, before ? &previous->methodology : nullptr, (*ranks)[position]);
        const auto* agency = scored[position].agency;
        core::settle_rank(season->analyses[position],
                          published_year ? core::RankSource::published_year : core::RankSource::unpublished_year, fiscal_year,
                          agency ? std::string_view(agency->type) : std::string_view());
        season->paths[position] = core::paths_to_targets(season->run.methodology, scores);
    }

    // Every measure, drafts too: the report shows drafts only when it is itself a draft.
    ITA_TRY(measures, store.measures(fiscal_year + 1, agency_id));
    for (auto& measure : measures) season->measures[measure.agency_id].push_back(std::move(measure));
    ITA_TRY(guidance, ingest::shared_guidance(methodology_dir));
    season->guidance = std::move(guidance);
    if (publication) published_figures(*publication, season->run.methodology, *season);
    for (const auto position : season->chosen) {
        const auto& id = scored[position].scores.agency_id;
        ITA_TRY(constraints, store.constraints(fiscal_year + 1, id));
        if (constraints) season->constraints[id] = *constraints;
    }

    // Every stored year up to this one, scored once for all the chosen agencies.
    ITA_TRY(years, store.fiscal_years());
    for (const int year : years) {
        if (year > fiscal_year) continue;
        if (year == fiscal_year) {
            for (const auto position : season->chosen)
                season->history[scored[position].scores.agency_id].push_back(
                    report::past_result(season->run.methodology, scored[position].scores));
            continue;
        }
        auto past = score_store(store, {year, agency_id, methodology_dir, false});
        if (!past) continue;
        for (const auto& entry : past->scored)
            season->history[entry.scores.agency_id].push_back(report::past_result(past->methodology, entry.scores));
    }
    return season;
}

Result<std::unique_ptr<SeasonReports>> prepare_reports_from_files(const ScoreRequest& request,
                                                                  const std::optional<std::string>& agency_id) {
    auto season = std::make_unique<SeasonReports>();
    ITA_TRY(run, score_files(request));
    season->run = std::move(run);
    const auto& methodology = season->run.methodology;
    const auto& scored = season->run.scored;
    for (std::size_t position = 0; position < scored.size(); ++position) {
        if (agency_id && scored[position].scores.agency_id != *agency_id) continue;
        season->chosen.push_back(position);
        season->analyses[position] = core::analyse(methodology, scored[position].scores, nullptr, nullptr, std::nullopt);
        core::settle_rank(season->analyses[position], core::RankSource::files, methodology.fiscal_year, {});
        season->paths[position] = core::paths_to_targets(methodology, scored[position].scores);
        season->history[scored[position].scores.agency_id].push_back(report::past_result(methodology, scored[position].scores));
    }
    if (season->chosen.empty())
        return fail(ErrorCode::not_found,
                    "agency " + agency_id.value_or("") + " is not in the files for fiscal year " + std::to_string(request.fiscal_year));
    ITA_TRY(guidance, ingest::shared_guidance(request.methodology_dir));
    season->guidance = std::move(guidance);
    return season;
}

}  // namespace ita::service
