#include <ita/storage/postgres/postgres_store.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>
#include <ita/storage/store.hpp>

#include <libpq-fe.h>

namespace ita::storage {

namespace {
bool is_postgres(std::string_view target) {
    return target.starts_with("postgresql://") || target.starts_with("postgres://") || target.starts_with("host=") ||
           target.starts_with("dbname=");
}
}  // namespace

// A libpq "key=value …" string in any order ("user=ita password=… host=…") is PostgreSQL too;
// anything else with an `=` or a `://` is neither a usable path nor a connection string. It is
// refused, never created as a SQLite file whose name holds a password. A file path with an `=`
// in it is given as ./name, an absolute path or a SQLite URI (file:…).
DatabaseKind database_kind(const std::string& target) {
    if (is_postgres(target)) return DatabaseKind::postgresql;
    // A path, or a SQLite URI filename (file:ita.db?mode=ro).
    if (target.starts_with("/") || target.starts_with("./") || target.starts_with("../") || target.starts_with("file:"))
        return DatabaseKind::sqlite;
    if (target.find("://") != std::string::npos) return DatabaseKind::neither;
    if (target.find('=') == std::string::npos) return DatabaseKind::sqlite;
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(target.c_str(), &error);
    PQfreemem(error);
    if (!options) return DatabaseKind::neither;
    PQconninfoFree(options);
    return DatabaseKind::postgresql;
}

Result<std::unique_ptr<Store>> open_store(const std::string& path_or_url, Migrations migrations) {
    if (path_or_url.empty()) return fail(ErrorCode::invalid_input, "no database given: use --db PATH_OR_URL or set ITA_DB");
    const auto target = database_kind(path_or_url);
    if (target == DatabaseKind::neither)
        return fail(ErrorCode::invalid_input,
                    "--db is neither a database file nor a PostgreSQL connection string (postgresql://… or "
                    "key=value pairs such as host=… dbname=…); it is not shown here, as it may hold a password");
    if (target == DatabaseKind::postgresql) {
        ITA_TRY(store, postgres::PostgresStore::open(path_or_url, migrations));
        return std::unique_ptr<Store>(std::move(store));
    }
    ITA_TRY(store, sqlite::SqliteStore::open(path_or_url, migrations));
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ita::storage
