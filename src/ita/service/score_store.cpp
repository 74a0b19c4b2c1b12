#include <ita/service/score_store.hpp>

#include <ita/service/methodology_in_force.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/clock.hpp>

#include <ita/core/answer_layout.hpp>
#include <ita/core/scoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/ingest/scoring_inputs.hpp>

#include <algorithm>

namespace ita::service {

namespace {

// Per instrument and packed position: the sub-item and the points of each option.
struct PackedScoring {
    std::array<std::vector<std::size_t>, 2> sub_item;
    std::array<std::vector<std::array<double, 4>>, 2> points;
};

PackedScoring packed_scoring(const core::Methodology& methodology, const core::AnswerLayout& layout) {
    PackedScoring table;
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        const auto slot = static_cast<std::size_t>(instrument);
        for (const auto sub_item : layout.sub_items(instrument)) {
            const auto kind = methodology.sub_items[sub_item].kind;
            std::array<double, 4> points{};
            for (std::size_t option = 0; option < (core::is_yes_no(kind) ? 2u : 4u); ++option)
                points[option] = methodology.option_points(kind, option);
            table.sub_item[slot].push_back(sub_item);
            table.points[slot].push_back(points);
        }
    }
    return table;
}

}  // namespace

Result<void> require_stored_layout(storage::Store& store, const core::Methodology& methodology) {
    ITA_TRY(year, store.fiscal_year(methodology.fiscal_year));
    const core::AnswerLayout layout(methodology);
    if (year.iit_layout != layout.codes(core::Instrument::iit) || year.eit_layout != layout.codes(core::Instrument::eit))
        return fail(ErrorCode::conflict, "the answers of fiscal year " + std::to_string(methodology.fiscal_year) +
                                             " were stored under methodology " + year.methodology_version +
                                             ", whose questions differ from " + methodology.version);
    return {};
}

Result<ScoreRun> score_store(storage::Store& store, const StoreScoreRequest& request) {
    ITA_TRY(methodology, methodology_in_force(store, request.fiscal_year, request.methodology_dir));
    ITA_TRY_VOID(require_stored_layout(store, methodology));
    // Answers held until their window closed join the stored ones before anything reads them.
    ITA_TRY_VOID(release_closed_surveys(store, request.fiscal_year, util::bangkok_date_today()));
    ScoreRun run;
    run.methodology = std::move(methodology);
    ITA_TRY(agencies, store.agencies());
    if (request.agency_id) {
        std::erase_if(agencies, [&](const core::Agency& agency) { return agency.agency_id != *request.agency_id; });
        if (agencies.empty()) return fail(ErrorCode::not_found, "agency " + *request.agency_id + " is not in the database");
    }
    // The headcount the working group entered for the year wins over the agencies file's.
    ITA_TRY(headcounts, store.headcounts(request.fiscal_year));
    for (auto& agency : agencies)
        if (const auto found = headcounts.find(agency.agency_id); found != headcounts.end()) agency.headcount = found->second;
    run.agencies = agencies;
    ingest::ScoringInputs inputs(run.methodology);
    inputs.set_directory(std::move(agencies));

    const auto table = packed_scoring(run.methodology, core::AnswerLayout(run.methodology));
    const std::size_t sub_item_count = run.methodology.sub_items.size();
    const auto& respondent_parts = run.methodology.eit_parts();
    ITA_TRY_VOID(store.for_each_response(request.fiscal_year, request.agency_id, [&](const storage::StoredResponse& response) {
        const auto agency = inputs.agency(response.agency_id);
        if (!agency) return;
        auto& tally = inputs.input(*agency).tally;
        const auto slot = static_cast<std::size_t>(response.instrument);
        // A part the year no longer has counts in no part (the pooled sums still have it).
        const auto part =
            response.part.empty() || response.instrument != core::Instrument::eit ? std::nullopt : respondent_parts.index(response.part);
        core::PartTally* part_tally = part ? &tally.eit_part(*part, respondent_parts.parts.size()) : nullptr;
        bool answered = false;
        const std::size_t positions = std::min(response.packed.size(), table.sub_item[slot].size());
        for (std::size_t position = 0; position < positions; ++position) {
            const auto option = core::AnswerLayout::unpack(response.packed[position]);
            if (!option || *option > 3) continue;
            const double points = table.points[slot][position][*option];
            tally.add(table.sub_item[slot][position], points, sub_item_count);
            if (part_tally) part_tally->add(table.sub_item[slot][position], points, sub_item_count);
            answered = true;
        }
        if (answered) {
            ++tally.respondents[slot];
            if (part_tally) ++part_tally->respondents;
        }
    }));
    ITA_TRY(verdicts, store.oit_verdicts(request.fiscal_year, request.agency_id));
    for (const auto& verdict : verdicts) {
        const auto agency = inputs.agency(verdict.agency_id);
        const auto item = run.methodology.item_index(verdict.item);
        if (agency && item) core::set_at(inputs.input(*agency).oit_accepted, *item, verdict.accepted, run.methodology.items.size());
    }
    ITA_TRY(published, store.published_scores(request.fiscal_year, request.agency_id));
    for (const auto& score : published) {
        const auto agency = inputs.agency(score.agency_id);
        if (!agency) continue;
        const auto target = ingest::locate_published(run.methodology, inputs.input(*agency), score.level, score.code);
        if (target.slot) *target.slot = score.score;
    }

    for (const std::size_t agency : inputs.output_order())
        run.scored.push_back(report::ScoredAgency{nullptr, core::score_agency(run.methodology, inputs.inputs()[agency])});
    for (std::size_t index = 0; index < run.scored.size(); ++index) run.scored[index].agency = &run.agencies[index];

    if (request.save_snapshots) {
        std::vector<storage::ScoreSnapshot> snapshots;
        snapshots.reserve(run.scored.size());
        for (const auto& scored : run.scored)
            snapshots.push_back({scored.scores.agency_id, scored.scores.overall, scored.scores.rating, scored.scores.pass,
                                 report::agency_scores_json(run.methodology, scored)});
        ITA_TRY_VOID(store.save_snapshots(request.fiscal_year, run.methodology.version, snapshots));
    }
    return run;
}

}  // namespace ita::service
