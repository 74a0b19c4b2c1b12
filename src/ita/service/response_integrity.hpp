// Response-integrity analytics for auditors: every agency's stored answers of a year read
// once, pooled by agency type for the baselines, and each agency's instruments assessed with
// the counts of when its answers arrived. Reads only; never changes a score.
#pragma once

#include <ita/core/response_integrity.hpp>
#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct IntegrityRequest {
    int fiscal_year = 0;
    std::optional<std::string> agency_id;  // none: every agency with answers
    std::optional<std::string> methodology_dir;
};

// One agency: its IIT then EIT; every agency: lowest confidence first (not judged last).
// not_found for an unknown agency or a year without a methodology; conflict when the
// answers were stored under different questions.
Result<std::vector<core::AgencyIntegrity>> assess_response_integrity(storage::Store& store, const IntegrityRequest& request);

}  // namespace ita::service
