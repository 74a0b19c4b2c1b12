// The staff survey (IIT) with one-time codes and the public survey (EIT): issuing codes,
// showing the forms, and taking answers. Answers are held sealed until their window closes and
// then released together, shuffled (storage/held_answers.hpp): nothing links them to a code, a
// browser or a time (ARCHITECTURE.md, "Threat model").
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/storage/store.hpp>

#include <ita/core/response_integrity.hpp>

#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ita::service {

// `count` new codes for the agency's staff survey of the year ("ABCDE-FGHJK": no 0/O or 1/I).
// Registers the fiscal year with its methodology when needed. The codes are returned once and
// never stored in clear.
Result<std::vector<std::string>> issue_codes(storage::Store& store, int fiscal_year, const std::string& agency_id, std::size_t count,
                                             const std::optional<std::string>& methodology_dir, const std::string& actor);

// Where the agency's staff survey stands: the headcount entered for the year (else the
// agencies file's), the minimum sample it implies, and the respondents so far.
struct StaffSurveyStatus {
    std::optional<long long> headcount;
    std::optional<long long> minimum;
    std::size_t respondents = 0;  // exact: for the service's own use, never shown as it is
};

// A response count as working groups, auditors and the public see it: below the minimum sample
// (or when none is known) rounded down to a multiple of 5, so that one submission seldom moves
// it; exact once the minimum is met. `rounded` says which.
inline constexpr std::size_t shown_count_step = 5;
struct ShownCount {
    std::size_t count = 0;
    bool rounded = false;
    bool minimum_met = false;
};
ShownCount shown_count(std::size_t respondents, std::optional<long long> minimum);
// "น้อยกว่า 5 คน", "อย่างน้อย 10 คน" or "32 คน".
std::string shown_count_text(const ShownCount& shown);

// Releases the held answers of the year's instruments whose window has closed by `today`
// (a phase without a calendar never closes, so its answers stay held). Every reader of
// answers calls it first; it is cheap when nothing is held. Returns how many were released.
Result<std::size_t> release_closed_surveys(storage::Store& store, int fiscal_year, const std::string& today);

// The season's phase in which the instrument is answered ("iit" or "eit"): until it has closed,
// no figure from its answers is shown to anyone.
using core::survey_phase;
Result<StaffSurveyStatus> staff_survey_status(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                              const std::optional<std::string>& methodology_dir);
// invalid_input unless 1 ≤ headcount ≤ 1,000,000.
Result<void> set_headcount(storage::Store& store, int fiscal_year, const std::string& agency_id, long long headcount,
                           const std::string& actor);

struct SurveyForm {
    std::shared_ptr<const core::Methodology> methodology;  // shared: never copied per submission
    storage::SurveyCode code;
    std::vector<std::size_t> questions;  // the instrument's questions, in order
    std::string code_text;               // the code as issued ("ABCDE-FGHJK")
};

// A code as typed ("abcde fghjk", "ABCDEFGHJK") in the form it was issued ("ABCDE-FGHJK").
std::string normalise_code(std::string_view typed);

// The form behind a code: not_found for an unknown code, conflict when it is spent, not_open
// outside the season's IIT window on `today`.
Result<SurveyForm> survey_form(storage::Store& store, const std::string& code, const std::optional<std::string>& methodology_dir,
                               const std::string& today);

// The value a survey form carries in its hidden "started" field: when it was served, signed
// so it comes back unforged. Only the coarse time taken to answer is kept, sealed with the
// answers and counted when they are released; a missing or forged value counts as unknown.
Result<std::string> form_started(storage::Store& store, std::time_t now);
core::DurationBucket completion_time(storage::Store& store, const std::map<std::string, std::string>& fields, std::time_t now);

// Checks that every sub-item has a valid answer (fields named by sub-item code, values 1–4 or
// yes/no) and stores them, spending the code. invalid_input lists what is missing or wrong.
Result<void> submit_survey(storage::Store& store, const std::string& code, const std::map<std::string, std::string>& fields,
                           const std::optional<std::string>& methodology_dir, const std::string& today);

// The public survey (EIT) of an agency in the open fiscal year.
struct PublicForm {
    std::shared_ptr<const core::Methodology> methodology;
    core::Agency agency;
    std::vector<std::size_t> questions;
    std::size_t respondents = 0;
    long long minimum = 0;
};
// not_found when no fiscal year is open or the agency is unknown or not assessed; not_open
// outside the season's EIT window on `today`.
Result<PublicForm> public_form(storage::Store& store, const std::string& agency_id, const std::optional<std::string>& methodology_dir,
                               const std::string& today);
// A new browser token for the agency's form (to be kept in a cookie): random, signed for the
// agency and year, and stored nowhere until it is used, so serving the form writes nothing.
// 36 random hex digits (libsodium): a browser's or a device's secret.
std::string new_token();

Result<std::string> new_browser_token(storage::Store& store, const PublicForm& form);
// Whether `token` was made by new_browser_token for this form's agency and year.
bool valid_browser_token(storage::Store& store, const PublicForm& form, const std::string& token);
// Checks the answers (invalid_input lists the problems) and holds them, using the token
// (not_found for a token this form did not make, conflict for one used already).
Result<void> submit_public_survey(storage::Store& store, const PublicForm& form, const std::string& token,
                                  const std::map<std::string, std::string>& fields);

}  // namespace ita::service
