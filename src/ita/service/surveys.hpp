// The staff survey (IIT) with one-time codes: issuing codes, showing the form of a code, and
// taking its answers. Answers are stored with no link to the code (see Store::submit_survey).
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/storage/store.hpp>

#include <ita/core/response_integrity.hpp>

#include <ctime>
#include <map>
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
    std::size_t respondents = 0;
};
Result<StaffSurveyStatus> staff_survey_status(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                              const std::optional<std::string>& methodology_dir);
// invalid_input unless 1 ≤ headcount ≤ 1,000,000.
Result<void> set_headcount(storage::Store& store, int fiscal_year, const std::string& agency_id, long long headcount, const std::string& actor);

struct SurveyForm {
    core::Methodology methodology;
    storage::SurveyCode code;
    std::vector<std::size_t> questions;  // the instrument's questions, in order
};

// The form behind a code: not_found for an unknown code, conflict when it is spent, not_open
// outside the season's IIT window on `today`.
Result<SurveyForm> survey_form(storage::Store& store, const std::string& code, const std::optional<std::string>& methodology_dir,
                               const std::string& today);

// The value a survey form carries in its hidden "started" field: when it was served, signed
// so it comes back unforged. On submission only the coarse time taken to answer is counted,
// apart from the answers (Store::count_submission); a missing or forged value counts as unknown.
Result<std::string> form_started(storage::Store& store, std::time_t now);
core::DurationBucket completion_time(storage::Store& store, const std::map<std::string, std::string>& fields, std::time_t now);

// Checks that every sub-item has a valid answer (fields named by sub-item code, values 1–4 or
// yes/no) and stores them, spending the code. invalid_input lists what is missing or wrong.
Result<void> submit_survey(storage::Store& store, const std::string& code, const std::map<std::string, std::string>& fields,
                           const std::optional<std::string>& methodology_dir, const std::string& today);

// The public survey (EIT) of an agency in the open fiscal year.
struct PublicForm {
    core::Methodology methodology;
    core::Agency agency;
    std::vector<std::size_t> questions;
    std::size_t respondents = 0;
    long long minimum = 0;
};
// not_found when no fiscal year is open or the agency is unknown or not assessed; not_open
// outside the season's EIT window on `today`.
Result<PublicForm> public_form(storage::Store& store, const std::string& agency_id, const std::optional<std::string>& methodology_dir,
                               const std::string& today);
// A new browser token for the agency's form (to be kept in a cookie).
Result<std::string> new_browser_token(storage::Store& store, const PublicForm& form);
// Checks the answers (invalid_input lists the problems) and stores them with the token used.
Result<void> submit_public_survey(storage::Store& store, const PublicForm& form, const std::string& token,
                                  const std::map<std::string, std::string>& fields, const std::string& today);

}  // namespace ita::service
