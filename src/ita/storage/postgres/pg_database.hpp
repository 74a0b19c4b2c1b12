// PgDatabase: sql::Database on a PostgreSQL connection (libpq). Parameters go as text (bytes
// in bytea's hex form), statements are prepared once per connection, bulk inserts use COPY.
#pragma once

#include <ita/storage/postgres/pg_connection.hpp>
#include <ita/storage/sql/database.hpp>

#include <memory>
#include <string>
#include <unordered_map>

namespace ita::storage::postgres {

// Its declarations are sql::Database's, overridden (as in the other backend's header).
class PgDatabase final : public sql::Database {
public:
    static Result<std::unique_ptr<PgDatabase>> open(const std::string& conninfo);

    using sql::Database::bulk_insert;
    using sql::Database::execute;
    using sql::Database::query;
    using sql::Database::stream;

    [[nodiscard]] sql::Dialect dialect() const override { return sql::Dialect::postgresql; }
    [[nodiscard]] bool usable() const override { return m_connection.ok(); }
    Result<std::unique_ptr<sql::Rows>> query(std::string_view sql, std::span<const sql::Value> parameters) override;
    Result<std::int64_t> execute(std::string_view sql, std::span<const sql::Value> parameters) override;
    Result<void> stream(std::string_view sql, std::span<const sql::Value> parameters,
                        const std::function<void(const sql::Rows&)>& visit) override;
    Result<void> execute_script(std::string_view sql) override { return m_connection.execute(sql); }
    Result<std::unique_ptr<sql::BulkInsert>> bulk_insert(std::string_view table, std::span<const std::string_view> columns,
                                                         std::string_view on_conflict) override;
    Result<void> begin() override { return m_connection.execute("BEGIN"); }
    Result<void> commit() override { return m_connection.execute("COMMIT"); }
    void rollback() override { (void)m_connection.execute("ROLLBACK"); }
    Result<void> lock(std::int64_t key) override;
    Result<bool> has_table(std::string_view name) override;
    [[nodiscard]] const std::string& target() const override { return m_connection.target(); }

    // The connection underneath, for COPY … TO STDOUT.
    Connection& connection() { return m_connection; }

private:
    explicit PgDatabase(Connection connection) : m_connection(std::move(connection)) {}
    Result<QueryResult> run(std::string_view sql, std::span<const sql::Value> parameters);

    Connection m_connection;
    std::unordered_map<std::string, std::string> m_texts;  // statement as written -> as PostgreSQL reads it
    int m_batches = 0;                                     // temporary tables made for bulk upserts
};

// A value as one COPY text-format field.
void append_copy_value(std::string& out, const sql::Value& value);

}  // namespace ita::storage::postgres
