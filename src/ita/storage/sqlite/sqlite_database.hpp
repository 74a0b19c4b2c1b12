// SqliteDatabase: sql::Database on one SQLite file. Statements are prepared once per connection
// and kept (a statement still being read when the same text is asked for again gets a fresh one).
#pragma once

#include <ita/storage/sql/database.hpp>
#include <ita/storage/sqlite/sqlite_connection.hpp>

#include <memory>
#include <string>
#include <unordered_map>

namespace ita::storage::sqlite {

// Its declarations are sql::Database's, overridden (as in the other backend's header).
class SqliteDatabase final : public sql::Database {
public:
    static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path);

    using sql::Database::bulk_insert;
    using sql::Database::execute;
    using sql::Database::query;
    using sql::Database::stream;

    [[nodiscard]] sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
    Result<std::unique_ptr<sql::Rows>> query(std::string_view sql, std::span<const sql::Value> parameters) override;
    Result<std::int64_t> execute(std::string_view sql, std::span<const sql::Value> parameters) override;
    Result<void> execute_script(std::string_view sql) override;
    Result<std::unique_ptr<sql::BulkInsert>> bulk_insert(std::string_view table, std::span<const std::string_view> columns,
                                                         std::string_view on_conflict) override;
    Result<void> begin() override;
    Result<void> commit() override;
    void rollback() override;
    Result<void> lock(std::int64_t) override { return {}; }
    Result<bool> has_table(std::string_view name) override;
    [[nodiscard]] const std::string& target() const override { return m_connection.path(); }

    // The connection underneath, for the online backup API.
    Connection& connection() { return m_connection; }

    // A prepared statement of the cache, marked busy until the returned lease is released.
    struct CachedStatement {
        Statement statement;
        bool busy = false;
    };

private:
    explicit SqliteDatabase(Connection connection) : m_connection(std::move(connection)) {}
    Result<CachedStatement*> cached(std::string_view sql);

    Connection m_connection;
    std::unordered_map<std::string, CachedStatement> m_statements;
};

}  // namespace ita::storage::sqlite
