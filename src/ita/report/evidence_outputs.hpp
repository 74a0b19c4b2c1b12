// Writers of the OIT evidence checker's findings: JSON (the `ita check-urls --format json`
// contract: {"items":[{agency_id, item, url, status, http_status, final_url, reason, …}]}) and
// a table for people. Pure; thread-safe.
#pragma once

#include <ita/core/evidence_due.hpp>
#include <ita/core/evidence_rows.hpp>

#include <ostream>
#include <span>
#include <string>

namespace ita::report {

void write_url_checks_json(std::ostream& out, std::span<const core::UrlCheck> checks);
// One line of the readiness monitor (`ita check-urls --due`).
struct DueRow {
    std::string item, name;
    std::string covers;  // due_description
    std::string due_on;  // YYYY-MM-DD
    int days = 0;        // until then; 0 or less: due
    bool entered = false;
    std::string status;  // the newest check's readiness; empty when never checked
    std::string reason;
};
// {"agency_id","fiscal_year","today","due":[{"item","name","covers","due_on","days","entered","status","reason"}]}
void write_due_json(std::ostream& out, const std::string& agency_id, int fiscal_year, const std::string& today,
                    std::span<const DueRow> rows);
void write_due_table(std::ostream& out, std::span<const DueRow> rows);

// What a due item's evidence must cover, in Thai ("สรุปผลเดือนกันยายน 2565").
std::string due_description(const core::EvidenceDue& due, int fiscal_year);
void write_url_checks_table(std::ostream& out, std::span<const core::UrlCheck> checks);

}  // namespace ita::report
