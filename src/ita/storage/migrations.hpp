// The schema migrations of each backend, compiled into the binary from
// storage/migrations/<backend>/NNN_name.sql. Applied in order when a store is opened.
#pragma once

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

}  // namespace ita::storage
