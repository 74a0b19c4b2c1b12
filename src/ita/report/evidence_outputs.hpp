// Writers of the OIT evidence checker's findings: JSON (the `ita check-urls --format json`
// contract: {"items":[{agency_id, item, url, status, http_status, final_url, reason, …}]}) and
// a table for people. Pure; thread-safe.
#pragma once

#include <ita/core/evidence_rows.hpp>

#include <ostream>
#include <span>

namespace ita::report {

void write_url_checks_json(std::ostream& out, std::span<const core::UrlCheck> checks);
void write_url_checks_table(std::ostream& out, std::span<const core::UrlCheck> checks);

}  // namespace ita::report
