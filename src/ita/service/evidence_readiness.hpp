// The OIT evidence checker as a use case: the addresses agencies entered for a year are
// fetched (several at once), judged against each item's keywords and period, and every check
// is recorded with a snapshot of the bytes fetched. Nothing here changes an entry, a verdict or
// a score: it tells the working group, before the window closes, which links would fail review,
// and keeps what the auditor will want to see.
#pragma once

#include <ita/core/evidence_due.hpp>
#include <ita/core/methodology.hpp>
#include <ita/evidence/http_fetch.hpp>
#include <ita/service/oit_review.hpp>
#include <ita/storage/store.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct EvidenceCheckRequest {
    int fiscal_year = 0;
    std::optional<std::string> agency_id;  // none: every agency with entries that year
    std::optional<std::string> item;       // none: every entered item
    std::optional<std::string> methodology_dir;
    evidence::FetchLimits limits;
    int parallel = 8;                              // fetches at once
    int per_site = 2;                              // fetches at once from one site (scheme, host and port): polite to small servers
    const std::atomic<bool>* cancelled = nullptr;  // when set and true, no further fetch starts
};

// Checks and records; returns the checks made, by agency then item (only those made when
// cancelled). not_found for an unknown agency or a year without a methodology.
Result<std::vector<core::UrlCheck>> check_evidence_addresses(storage::Store& store, const EvidenceCheckRequest& request);

// The readiness monitor of one agency: what its OIT evidence must cover and from when, for the
// items falling due within `horizon_days` of `today` and those due already but not entered or
// not found in order by the checker; with each item's newest check. By due day.
struct DueItem {
    core::EvidenceDue due;
    const core::OitItem* item = nullptr;
    int days = 0;  // until the due day; 0 or less: due
    bool entered = false;
    std::optional<core::UrlCheck> check;
};
std::vector<DueItem> readiness_due(const OitWorkspace& workspace, const std::string& today, int horizon_days = 45);

// The end of an OIT entry window's last day (YYYY-MM-DD, Thai time) as a UTC stamp: checks
// made before it are the deadline's.
std::string deadline_cutoff(const std::string& closing_day);
// The check an auditor sees for the deadline: the newest made on or before `closing_day`
// (YYYY-MM-DD, the OIT entry window's last day, Thai time), else none.
std::optional<core::UrlCheck> check_at_deadline(const std::vector<core::UrlCheck>& history_newest_first, const std::string& closing_day);

}  // namespace ita::service
