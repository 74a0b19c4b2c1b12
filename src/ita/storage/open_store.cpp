#include <ita/storage/postgres/postgres_store.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>
#include <ita/storage/store.hpp>

namespace ita::storage {

namespace {
bool is_postgres(std::string_view target) {
    return target.starts_with("postgresql://") || target.starts_with("postgres://") || target.starts_with("host=") ||
           target.starts_with("dbname=");
}
}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& path_or_url) {
    if (path_or_url.empty()) return fail(ErrorCode::invalid_input, "no database given: use --db PATH_OR_URL or set ITA_DB");
    if (is_postgres(path_or_url)) {
        ITA_TRY(store, postgres::PostgresStore::open(path_or_url));
        return std::unique_ptr<Store>(std::move(store));
    }
    ITA_TRY(store, sqlite::SqliteStore::open(path_or_url));
    return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ita::storage
