// Moving a deployment from SQLite to PostgreSQL (`ita copy --from ita.db --to postgresql://…`):
// every table of the SQLite database, row for row, into an empty PostgreSQL database at the
// same schema, in one transaction. Both open with the same secrets file, so survey codes,
// sessions, browser tokens and the answers held until a window closes keep working.
// Rows go in in primary-key order (for survey answers a random id), never in the order the
// SQLite file happens to keep them, and all in one transaction: the copy adds nothing about
// when anything arrived.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ita::storage {

struct CopyReport {
    std::vector<std::pair<std::string, std::int64_t>> tables;  // name, rows copied (in copy order)
};

// invalid_input when `from` is not a SQLite file or `to` not PostgreSQL; conflict when the
// SQLite database is at an older schema (ita migrate it first) or the PostgreSQL one holds data.
Result<CopyReport> copy_store(const std::string& from, const std::string& to);

}  // namespace ita::storage
