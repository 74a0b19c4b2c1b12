#include <ita/service/measure_effectiveness.hpp>

namespace ita::service {

Result<Effectiveness> measure_effectiveness(storage::Store& store, const EffectivenessRequest& request) {
    ITA_TRY(results, load_public_results(store, request.methodology_dir));
    return measure_effectiveness(store, *results, request);
}

Result<Effectiveness> measure_effectiveness(storage::Store& store, const PublicResults& loaded, const EffectivenessRequest& request) {
    const auto* results = &loaded;
    const PublishedYear* before = results->previous(request.fiscal_year);
    if (!before)
        return fail(ErrorCode::not_found, "ยังไม่มีผลการประเมินที่เผยแพร่ก่อนปี " + std::to_string(request.fiscal_year) +
                                              " จึงยังเทียบผลของมาตรการไม่ได้ (เผยแพร่ผลด้วย ita publish)");
    if (request.agency_id && !results->agency(*request.agency_id))
        return fail(ErrorCode::not_found, "agency " + *request.agency_id + " is not in the database");
    const PublishedYear* after = results->year(request.fiscal_year);
    const bool nation = request.with_library || !request.agency_id;
    ITA_TRY(measures, store.measures(request.fiscal_year, nation ? std::nullopt : request.agency_id));

    Effectiveness effectiveness;
    effectiveness.fiscal_year = request.fiscal_year;
    effectiveness.baseline_year = before->fiscal_year();
    effectiveness.outcome_published = after != nullptr;
    effectiveness.methodology = before->methodology;
    const auto scores_in = [](const PublishedYear* year, const std::string& agency_id) -> const core::AgencyScores* {
        if (!year) return nullptr;
        const auto found = year->find(agency_id);
        return found ? &year->scored[*found].scores : nullptr;
    };
    for (const auto& measure : measures) {
        if (measure.status == core::MeasureStatus::draft) continue;  // only measures the agency adopted
        const auto* agency = results->agency(measure.agency_id);
        effectiveness.all.push_back(core::measure_effect(measure, before->methodology, scores_in(before, measure.agency_id),
                                                         after ? &after->methodology : nullptr, scores_in(after, measure.agency_id)));
        effectiveness.types.push_back(agency ? agency->type : "");
        effectiveness.names.push_back(agency ? agency->name : measure.agency_id);
        if (!request.agency_id || measure.agency_id == *request.agency_id) effectiveness.listed.push_back(effectiveness.all.size() - 1);
    }
    if (nation) effectiveness.library = core::measure_library(effectiveness.all, effectiveness.types, effectiveness.methodology);
    return effectiveness;
}

}  // namespace ita::service
