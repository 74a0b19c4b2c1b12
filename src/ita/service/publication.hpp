// Publication of a year's results, made safe for the people who do it: what must hold first
// (survey and review windows closed, the OIT review finished), a preview of exactly what the
// public will see (national figures, the change from last year or from the version in force,
// the agencies without a result and why), and the act itself — typed confirmation, optional
// embargo, a correction as a new version with its reason. No IIT or EIT figure from a sample
// short of its minimum is ever published (service/score_visibility.hpp).
#pragma once

#include <ita/service/season.hpp>
#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct PhaseCheck {
    core::SeasonPhase phase = core::SeasonPhase::iit;
    PhaseStatus status;
};

struct AgencyWithoutResult {
    std::string agency_id;
    std::string name;
    std::string reason;  // Thai: why there is no verdict
};

struct ChangedResult {
    std::string agency_id;
    std::string name;
    std::optional<double> before;  // overall in the version in force
    std::optional<double> after;
    std::string rating_before;
    std::string rating_after;
};

struct NationalFigures {
    std::size_t agencies = 0;     // rows published
    std::size_t with_result = 0;  // with an overall and a verdict
    std::size_t passing = 0;
    std::optional<double> mean;          // of the overall scores
    std::optional<double> pass_percent;  // passing / with_result × 100
};

NationalFigures national_figures(std::span<const storage::ScoreSnapshot> rows);

struct PublicationPreview {
    int fiscal_year = 0;
    std::string methodology_version;
    double pass_mark = 85;
    double national_target_percent = 80;
    std::vector<PhaseCheck> calendar;  // empty: the year has no calendar (answers came from files)
    std::size_t oit_awaiting_review = 0;
    std::size_t oit_awaiting_re_review = 0;
    std::vector<std::string> blocking;  // Thai, one line each: why it may not be published now
    NationalFigures figures;
    std::optional<storage::Publication> last_year;  // the version in force of the latest earlier published year
    std::optional<NationalFigures> last_year_figures;
    std::vector<AgencyWithoutResult> without_result;
    std::optional<storage::Publication> current;  // the version in force of this year: publishing corrects it
    std::optional<storage::Publication> pending;  // a version waiting for its embargo
    std::vector<ChangedResult> changes;           // against `current`
    std::vector<storage::ScoreSnapshot> rows;     // exactly what becomes public
    std::string digest;                           // of `rows`, keyed: the confirmation brings it back

    [[nodiscard]] bool ready() const { return blocking.empty(); }
    [[nodiscard]] bool correction() const { return current.has_value(); }
};

// What a person types to confirm: "เผยแพร่ผลปี 2566" (Thai digits accepted too).
[[nodiscard]] std::string confirmation_phrase(int fiscal_year);

// Scores the year from the store (saving snapshots) and builds the preview; `today` is a
// Bangkok date. Fails only when the store fails or the year has nothing stored.
Result<PublicationPreview> preview_publication(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                               const std::string& today);

struct PublishRequest {
    int fiscal_year = 0;
    std::optional<std::string> methodology_dir;
    std::string actor = "cli";
    std::string confirmation;  // must be confirmation_phrase(fiscal_year)
    std::string digest;        // the preview's; empty: not checked (the command line previews and publishes at once)
    std::string reason;        // required for a correction
    std::string public_from;   // UTC stamp; empty: at once
    std::string today;         // Bangkok date
};

// Publishes when the preview is ready and the request is complete. invalid_input with one
// Thai diagnostic per problem (fields "confirmation", "reason", "embargo", "preconditions",
// "digest"); a refused attempt is audited too.
Result<storage::Publication> publish_season(storage::Store& store, const PublishRequest& request);

// At least this many letters (util::count_letters) make a correction's reason.
inline constexpr std::size_t shortest_reason = 10;

}  // namespace ita::service
