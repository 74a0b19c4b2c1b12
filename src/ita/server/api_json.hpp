// The JSON bodies of the API (/api/v1), both ways: request bodies decoded into the services'
// own types (invalid_input naming the JSON field that is wrong) and results encoded. The only
// server file with nlohmann-json.
#pragma once

#include <ita/core/measure.hpp>
#include <ita/service/oit_review.hpp>
#include <ita/service/season.hpp>
#include <ita/storage/store.hpp>

#include <map>
#include <string>
#include <vector>

namespace ita::server::api {

struct Credentials {
    std::string user;
    std::string password;
};
Result<Credentials> decode_credentials(std::string_view body);
std::string encode_session(const std::string& token, const storage::Session& session);

// {"agencies":["A1",…], "windows":{"iit":{"opens":"2022-10-01","closes":"2023-01-31"},…}}
Result<service::SeasonRequest> decode_season(std::string_view body);
std::string encode_windows(int fiscal_year, const std::vector<storage::SeasonWindow>& windows);

// {"<name>": integer}
Result<long long> decode_integer(std::string_view body, const std::string& name);
std::string encode_codes(const std::vector<std::string>& codes);
// `respondents` exact; the JSON shows it as service::shown_count does.
std::string encode_staff_status(long long headcount_or_zero, std::optional<long long> minimum, std::size_t respondents);

// {"present":true,"url":"…","description":"…"}
Result<service::OitSubmission> decode_oit_entry(std::string_view body, const std::string& item);
struct Review {
    bool accepted = false;
    std::string comment;
};
// {"verdict":"accepted"|"rejected","comment":"…"}
Result<Review> decode_review(std::string_view body);
// {"confirm_missing": true} or an empty body (false).
Result<bool> decode_send_oit(std::string_view body);
struct Clarification {
    std::string text;
    std::string url;
};
Result<Clarification> decode_clarification(std::string_view body);
std::string encode_oit(const service::OitWorkspace& workspace);

// A measure's fields laid over `base` (absent fields keep base's values).
Result<core::Measure> decode_measure(std::string_view body, core::Measure base);
Result<core::ProgressReport> decode_progress(std::string_view body);
std::string encode_measure_id(std::int64_t id);

// {"answers":{"I1.1":"4","I4.2":"no",…}} (numbers accepted for the four-level items)
Result<std::map<std::string, std::string>> decode_answers(std::string_view body);

}  // namespace ita::server::api
