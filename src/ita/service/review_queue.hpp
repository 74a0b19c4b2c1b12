// Auditors' work in a season: the queue of agencies with OIT items waiting for a first verdict
// or for another look after a clarification (re-reviews first), narrowed to an auditor's own
// agencies and to a search by Thai name, province, type or id; and the national admin's
// assignment of agencies to auditors, from a pasted list or spread evenly.
#pragma once

#include <ita/storage/store.hpp>

#include <string>
#include <vector>

namespace ita::service {

struct QueueEntry {
    core::Agency agency;
    std::string auditor;  // assigned; empty: nobody yet
    storage::OitReviewProgress progress;
    std::string sent_on;  // the day it sent its OIT entries ("ส่งแบบ OIT"); empty: not yet
};

struct QueueRequest {
    int fiscal_year = 0;
    std::string auditor;       // only this auditor's agencies; empty: every agency
    std::string query;         // thai::search_key words; empty: all
    bool waiting_only = true;  // only agencies with something to review
};

// Re-reviews waiting first, then first reviews of agencies that have sent their entries, then the
// others', then by agency id.
Result<std::vector<QueueEntry>> review_queue(storage::Store& store, const QueueRequest& request);

// "agency_id,auditor" a line (a header line and blank lines are skipped; an empty auditor
// removes the assignment). invalid_input with a Thai diagnostic per line for an unknown agency or
// a user who is not an auditor; nothing is assigned unless every line is good. Returns how many.
Result<std::size_t> assign_reviews_from_text(storage::Store& store, int fiscal_year, const std::string& text, const std::string& actor);

// The agencies of the year that have no auditor, spread over every active auditor in turn, by
// province then id (so an auditor's agencies sit together). Returns how many were assigned.
Result<std::size_t> spread_unassigned_reviews(storage::Store& store, int fiscal_year, const std::string& actor);

}  // namespace ita::service
