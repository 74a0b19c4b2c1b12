#include <ita/service/season_progress.hpp>

#include <ita/service/methodology_in_force.hpp>
#include <ita/thai/collation.hpp>
#include <ita/util/calendar.hpp>

#include <map>
#include <set>

namespace ita::service {

namespace {

std::optional<long long> days_between(const std::string& from, const std::string& to) {
    const auto first = util::parse_iso_date(from);
    const auto last = util::parse_iso_date(to);
    if (!first || !last) return std::nullopt;
    return (std::chrono::sys_days{*last} - std::chrono::sys_days{*first}).count();
}

std::string risk_of(const AgencyProgress& progress, const SeasonProgress& season) {
    std::string risk;
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        const auto slot = static_cast<std::size_t>(instrument);
        const auto& survey = progress.surveys[slot];
        if (survey.answered.minimum_met) continue;
        const auto& window = season.survey_windows[slot];
        const auto left = season.days_left[slot];
        std::string line;
        if (window.state == PhaseState::closed && !window.opens_on.empty())
            line = std::string(core::instrument_code(instrument)) + " ปิดแล้วโดยไม่ถึงขั้นต่ำ";
        else if (window.state == PhaseState::open && left && *left <= risk_days)
            line = std::string(core::instrument_code(instrument)) + " ยังไม่ถึงขั้นต่ำ เหลือ " + std::to_string(*left) + " วัน";
        if (!line.empty()) risk += (risk.empty() ? "" : "; ") + line;
    }
    return risk;
}

}  // namespace

Result<SeasonProgress> season_progress(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                       const std::string& today, const ProgressFilter& filter) {
    ITA_TRY(methodology, shared_methodology_in_force(store, fiscal_year, methodology_dir));
    SeasonProgress season;
    season.fiscal_year = fiscal_year;
    ITA_TRY(windows, store.season_windows(fiscal_year));
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        const auto slot = static_cast<std::size_t>(instrument);
        season.survey_windows[slot] = phase_status_in(windows, core::survey_phase(instrument), today);
        if (season.survey_windows[slot].state == PhaseState::open && !season.survey_windows[slot].closes_on.empty() &&
            season.survey_windows[slot].closes_on != open_ended)
            season.days_left[slot] = days_between(today, season.survey_windows[slot].closes_on);
    }
    ITA_TRY(agencies, store.agencies());
    ITA_TRY(assessed_list, store.assessed_agencies(fiscal_year));
    const std::set<std::string> assessed(assessed_list.begin(), assessed_list.end());
    ITA_TRY(headcounts, store.headcounts(fiscal_year));
    ITA_TRY(counts, store.respondent_counts(fiscal_year));
    ITA_TRY(reviews, store.oit_review_progress(fiscal_year));
    std::map<std::string, storage::OitReviewProgress> review_of;
    for (auto& review : reviews) review_of.emplace(review.agency_id, std::move(review));
    ITA_TRY(checks, store.latest_url_checks(fiscal_year, filter.agency_id.empty() ? std::nullopt : std::optional(filter.agency_id)));
    // An item works when every one of its addresses was last found ok.
    std::map<std::string, std::map<std::string, bool>> item_ok;
    for (const auto& check : checks) {
        auto [state, inserted] = item_ok[check.agency_id].try_emplace(core::split_check_key(check.item).first, true);
        state->second = state->second && check.status == "ok";
    }
    std::map<std::string, std::size_t> working;
    for (const auto& [agency_id, items] : item_ok)
        for (const auto& [item, ok] : items) working[agency_id] += ok ? 1 : 0;

    std::set<std::string> types, provinces;
    for (auto& agency : agencies) {
        if (!assessed.empty() && !assessed.contains(agency.agency_id)) continue;
        types.insert(agency.type);
        provinces.insert(agency.province);
        if (!filter.agency_id.empty() && agency.agency_id != filter.agency_id) continue;
        if (!filter.type.empty() && agency.type != filter.type) continue;
        if (!filter.province.empty() && agency.province != filter.province) continue;
        AgencyProgress progress;
        if (const auto entered = headcounts.find(agency.agency_id); entered != headcounts.end()) agency.headcount = entered->second;
        for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
            const auto slot = static_cast<std::size_t>(instrument);
            auto& survey = progress.surveys[slot];
            if (instrument == core::Instrument::eit)
                survey.minimum = methodology->minimum_sample.eit_minimum(agency.type);
            else if (agency.headcount)
                survey.minimum = methodology->minimum_sample.iit_minimum(*agency.headcount);
            const auto found = counts.find({agency.agency_id, instrument});
            survey.answered = shown_count(found != counts.end() ? found->second : 0, survey.minimum);
        }
        for (const auto& item : methodology->items)
            if (methodology->item_applies(item, agency.type)) ++progress.oit_items;
        if (const auto found = review_of.find(agency.agency_id); found != review_of.end()) progress.oit = found->second;
        progress.oit.agency_id = agency.agency_id;
        progress.evidence_ok = working[agency.agency_id];
        progress.agency = std::move(agency);
        progress.risk = risk_of(progress, season);
        const bool short_now = !progress.surveys[0].answered.minimum_met || !progress.surveys[1].answered.minimum_met;
        if ((filter.status == "at_risk" && progress.risk.empty()) || (filter.status == "short" && !short_now) ||
            (filter.status == "oit_waiting" && progress.oit.awaiting_review + progress.oit.awaiting_re_review == 0))
            continue;
        if (!progress.risk.empty()) ++season.at_risk;
        season.agencies.push_back(std::move(progress));
    }
    season.types.assign(types.begin(), types.end());
    season.provinces.assign(provinces.begin(), provinces.end());
    thai::sort_thai(season.types);
    thai::sort_thai(season.provinces);
    return season;
}

}  // namespace ita::service
