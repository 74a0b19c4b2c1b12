// Where a season stands, agency by agency, for the people who run it: survey responses against
// each minimum sample (counts only, as the anonymity rules show them: below the minimum rounded
// down to steps of 5), OIT items entered, found working by the evidence checker, reviewed and in
// clarification, and which agencies are at risk of ending the window short. Read-only.
#pragma once

#include <ita/service/season.hpp>
#include <ita/service/surveys.hpp>
#include <ita/storage/store.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct SurveyProgress {
    ShownCount answered;               // as it may be shown
    std::optional<long long> minimum;  // none: the IIT headcount is not known yet
};

struct AgencyProgress {
    core::Agency agency;
    std::array<SurveyProgress, 2> surveys;  // IIT, EIT
    std::size_t oit_items = 0;              // items that apply to the agency's type
    storage::OitReviewProgress oit;
    std::size_t evidence_ok = 0;  // entered addresses the evidence checker last found working
    std::string risk;             // Thai; empty when not at risk
};

// Filters, as the page and its downloads take them; empty: all.
struct ProgressFilter {
    std::string agency_id;  // one agency (the working group's own view)
    std::string type;
    std::string province;
    std::string status;  // "at_risk", "short", "oit_waiting"
};

struct SeasonProgress {
    int fiscal_year = 0;
    std::array<PhaseStatus, 2> survey_windows{};  // IIT, EIT on `today`
    std::array<std::optional<long long>, 2> days_left{};
    std::vector<AgencyProgress> agencies;  // the agencies assessed (or all when none are), filtered, by id
    std::size_t at_risk = 0;               // among them
    std::vector<std::string> types;        // every type and province of the season, for the filters
    std::vector<std::string> provinces;
};

// An agency is at risk when a survey still open is short of its minimum with at most this many
// days left.
inline constexpr long long risk_days = 14;

Result<SeasonProgress> season_progress(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                       const std::string& today, const ProgressFilter& filter);

}  // namespace ita::service
