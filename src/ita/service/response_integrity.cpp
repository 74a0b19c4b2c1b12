#include <ita/service/response_integrity.hpp>

#include <ita/service/methodology_in_force.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/clock.hpp>

#include <ita/core/answer_layout.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/score_store.hpp>

#include <algorithm>
#include <map>

namespace ita::service {

namespace {

using AgencyInstrument = std::pair<std::string, core::Instrument>;

}  // namespace

Result<std::vector<core::AgencyIntegrity>> assess_response_integrity(storage::Store& store, const IntegrityRequest& request) {
    ITA_TRY(methodology, methodology_in_force(store, request.fiscal_year, request.methodology_dir));
    ITA_TRY_VOID(require_stored_layout(store, methodology));
    const core::AnswerLayout layout(methodology);
    ITA_TRY(agencies, store.agencies());
    std::map<std::string, const core::Agency*> by_id;
    for (const auto& agency : agencies) by_id.emplace(agency.agency_id, &agency);
    if (request.agency_id && !by_id.contains(*request.agency_id))
        return fail(ErrorCode::not_found, "agency " + *request.agency_id + " is not in the database");

    // Which packed positions are four-level ratings, per instrument.
    std::array<std::vector<bool>, 2> rated;
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        for (const auto sub_item : layout.sub_items(instrument))
            rated[static_cast<std::size_t>(instrument)].push_back(!core::is_yes_no(methodology.sub_items[sub_item].kind));
    }
    ITA_TRY_VOID(release_closed_surveys(store, request.fiscal_year, util::bangkok_date_today()));
    // Every agency's answers (the baselines need the whole type), grouped.
    std::map<AgencyInstrument, core::AnswerSet> answers;
    ITA_TRY_VOID(store.for_each_response(request.fiscal_year, std::nullopt, [&](const storage::StoredResponse& response) {
        auto& set = answers[{std::string(response.agency_id), response.instrument}];
        if (set.rated.empty()) set.rated = rated[static_cast<std::size_t>(response.instrument)];
        set.add(response.packed);
    }));
    std::map<std::pair<std::string, core::Instrument>, core::OptionCounts> by_type;
    for (const auto& [key, set] : answers)
        if (const auto agency = by_id.find(key.first); agency != by_id.end())
            core::add_counts(by_type[{agency->second->type, key.second}], set);

    ITA_TRY(counts, store.submission_timing(request.fiscal_year, request.agency_id));
    std::map<AgencyInstrument, core::SubmissionTiming> timing;
    for (const auto& count : counts) {
        auto& agency_timing = timing[{count.agency_id, count.instrument}];
        agency_timing.per_hour[count.hour] += count.submissions;
        for (std::size_t bucket = 0; bucket < core::duration_bucket_count; ++bucket)
            if (count.duration == core::duration_bucket_code(static_cast<core::DurationBucket>(bucket)))
                agency_timing.per_duration[bucket] += count.submissions;
    }

    std::vector<core::AgencyIntegrity> assessed;
    for (const auto& [key, set] : answers) {
        if (request.agency_id && key.first != *request.agency_id) continue;
        const auto agency = by_id.find(key.first);
        if (agency == by_id.end()) continue;
        assessed.push_back(
            {*agency->second, key.second, core::assess_integrity(set, timing[key], by_type[{agency->second->type, key.second}])});
    }
    if (!request.agency_id)
        std::stable_sort(assessed.begin(), assessed.end(), [](const core::AgencyIntegrity& a, const core::AgencyIntegrity& b) {
            if (a.assessment.enough != b.assessment.enough) return a.assessment.enough;
            return a.assessment.confidence < b.assessment.confidence;
        });
    return assessed;
}

}  // namespace ita::service
