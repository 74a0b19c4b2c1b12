// The schema migrations, compiled into the binary from storage/migrations/NNN_name.sql, one file
// per change for both databases. A file is SQL both read, with the few places they differ
// written once as tokens or, where whole statements differ (triggers), as sections:
//   {bytes} BLOB | BYTEA            {bigint} INTEGER | BIGINT        {real} REAL | DOUBLE PRECISION
//   {boolean} INTEGER | BOOLEAN     {date} TEXT | DATE
//   {serial_key} INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
//   {without_rowid} WITHOUT ROWID | (nothing)
//   -- @sqlite … -- @postgresql … -- @end: lines for one database only.
// Applied in order when a store is opened.
#pragma once

#include <ita/storage/sql/database.hpp>
#include <ita/util/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ita::storage {

struct Migration {
    int version;
    std::string_view name;
    std::string_view text;  // with tokens and sections: see render_migration
};

// The migrations, ascending by version.
std::vector<Migration> migrations();

// The oldest schema whose ita can still run on the database once `migration` is applied. A
// migration that only adds (tables, indexes, columns with defaults the older code never needs
// to set) says so in its first line, `-- readable by schema N`, so that the processes of the
// previous release keep serving while it is applied (a rolling upgrade); without that line, only
// its own version can.
int readable_from(const Migration& migration);
// The oldest schema whose ita can run on a database migrated up to `version`: the newest
// readable_from of the migrations up to it.
int readable_from_at(int version);
// The newest schema version this build knows.
int newest_schema_version();
// A migration's text as `dialect` reads it: tokens replaced, the other database's sections left out.
std::string render_migration(std::string_view text, sql::Dialect dialect);

// Refuses a database whose schema is newer than this build knows (writing into it could corrupt
// what a newer ita keeps there), unless the newer ita recorded that this build's schema can
// still run on it (`readable_from`, kept in the database: the migrations that made it are not
// in this build).
Result<void> require_known_schema(int stored_version, int stored_readable_from);

// What opening a store does with a schema older than this build's: apply the migrations (every
// command but `ita serve`), or refuse with the command that applies them (`ita serve`, so that an
// upgrade is a step an administrator takes, not a side effect of a restart). A new, empty
// database is created either way.
enum class Migrations { apply, refuse_older };
Result<void> require_current_schema(int stored_version, int stored_readable_from, Migrations migrations);

}  // namespace ita::storage
