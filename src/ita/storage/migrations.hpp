// The schema migrations of each backend, compiled into the binary from
// storage/migrations/<backend>/NNN_name.sql. Applied in order when a store is opened.
#pragma once

#include <ita/util/error.hpp>

#include <string_view>
#include <vector>

namespace ita::storage {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// Migrations for "sqlite" or "postgres", ascending by version.
std::vector<Migration> migrations_for(std::string_view backend);

// Refuses a database whose schema is newer than this build knows: writing into it could
// corrupt what a newer ita keeps there.
Result<void> require_known_schema(int stored_version, std::string_view backend);

// What opening a store does with a schema older than this build's: apply the migrations (every
// command but `ita serve`), or refuse with the command that applies them (`ita serve`, so that an
// upgrade is a step an administrator takes, not a side effect of a restart). A new, empty
// database is created either way.
enum class Migrations { apply, refuse_older };
Result<void> require_current_schema(int stored_version, std::string_view backend, Migrations migrations);

}  // namespace ita::storage
