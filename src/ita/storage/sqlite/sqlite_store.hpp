// SqliteStore: the Store on one SQLite file (WAL). Everything but opening, backup and restore is
// SqlStore's; see store.hpp for the contract.
#pragma once

#include <ita/storage/sql/sql_store.hpp>
#include <ita/storage/sqlite/sqlite_database.hpp>

namespace ita::storage::sqlite {

// Its declarations are those of Store a backend must give (as in the other backend's header).
class SqliteStore final : public SqlStore {
public:
    // Opens or creates the database and applies pending migrations.
    static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, Migrations migrations = Migrations::apply);

    [[nodiscard]] std::string_view backend() const override { return "sqlite"; }
    // A consistent copy with SQLite's online backup API / the database replaced by one.
    Result<void> backup(const std::string& path) override;
    Result<void> restore(const std::string& path) override;

    // For fault-injection tests only: runs SQL on the store's connection.
    Result<void> execute_for_test(std::string_view sql) { return sqlite_database().execute_script(sql); }

private:
    explicit SqliteStore(std::unique_ptr<SqliteDatabase> database) : SqlStore(std::move(database)) {}
    SqliteDatabase& sqlite_database() { return static_cast<SqliteDatabase&>(database()); }
    Result<void> after_key_removed() override;
};

}  // namespace ita::storage::sqlite
