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
// The newest schema version this build knows.
int newest_schema_version();
// A migration's text as `dialect` reads it: tokens replaced, the other database's sections left out.
std::string render_migration(std::string_view text, sql::Dialect dialect);

// Refuses a database whose schema is newer than this build knows: writing into it could
// corrupt what a newer ita keeps there.
Result<void> require_known_schema(int stored_version);

// What opening a store does with a schema older than this build's: apply the migrations (every
// command but `ita serve`), or refuse with the command that applies them (`ita serve`, so that an
// upgrade is a step an administrator takes, not a side effect of a restart). A new, empty
// database is created either way.
enum class Migrations { apply, refuse_older };
Result<void> require_current_schema(int stored_version, Migrations migrations);

}  // namespace ita::storage
