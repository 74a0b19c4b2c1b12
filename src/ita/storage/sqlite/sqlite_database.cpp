#include <ita/storage/sqlite/sqlite_database.hpp>

#include <sqlite3.h>

namespace ita::storage::sqlite {

namespace {

void bind_all(Statement& statement, std::span<const sql::Value> parameters) {
    int index = 1;
    for (const auto& value : parameters) {
        switch (value.kind()) {
            case sql::Value::Kind::null: statement.bind_null(index); break;
            case sql::Value::Kind::integer:
            case sql::Value::Kind::boolean: statement.bind(index, value.integer()); break;
            case sql::Value::Kind::real: statement.bind(index, value.real()); break;
            case sql::Value::Kind::text: statement.bind(index, value.text()); break;
            case sql::Value::Kind::bytes: statement.bind_blob(index, value.bytes()); break;
        }
        ++index;
    }
}

// Rows of a statement of the cache (or of its own, when the cached one was busy); resets the
// statement when done, so that no read transaction outlives the reading.
class SqliteRows final : public sql::Rows {
public:
    SqliteRows(SqliteDatabase::CachedStatement* cached, Statement owned) : m_cached(cached), m_owned(std::move(owned)) {}
    SqliteRows(const SqliteRows&) = delete;
    SqliteRows& operator=(const SqliteRows&) = delete;
    ~SqliteRows() override {
        statement().reset();
        if (m_cached) m_cached->busy = false;
    }
    Result<bool> next() override { return statement().step(); }
    [[nodiscard]] std::string_view text(int column) const override { return statement().text(column); }
    [[nodiscard]] std::int64_t integer(int column) const override { return statement().integer(column); }
    [[nodiscard]] double real(int column) const override { return statement().real(column); }
    [[nodiscard]] bool boolean(int column) const override { return statement().integer(column) != 0; }
    [[nodiscard]] bool is_null(int column) const override { return statement().is_null(column); }
    [[nodiscard]] std::span<const std::uint8_t> bytes(int column) const override { return statement().blob(column); }

private:
    [[nodiscard]] Statement& statement() const { return m_cached ? m_cached->statement : m_owned; }
    SqliteDatabase::CachedStatement* m_cached;
    mutable Statement m_owned;
};

class SqliteBulkInsert final : public sql::BulkInsert {
public:
    explicit SqliteBulkInsert(Statement insert) : m_insert(std::move(insert)) {}
    Result<void> add(std::span<const sql::Value> row) override {
        bind_all(m_insert, row);
        return m_insert.run();
    }
    Result<void> finish() override { return {}; }

private:
    Statement m_insert;
};

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path) {
    ITA_TRY(connection, Connection::open(path));
    return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(std::move(connection)));
}

Result<SqliteDatabase::CachedStatement*> SqliteDatabase::cached(std::string_view sql) {
    auto found = m_statements.find(std::string(sql));
    if (found == m_statements.end()) {
        ITA_TRY(statement, m_connection.prepare(sql));
        found = m_statements.emplace(std::string(sql), CachedStatement{std::move(statement), false}).first;
    }
    return &found->second;
}

Result<std::unique_ptr<sql::Rows>> SqliteDatabase::query(std::string_view sql, std::span<const sql::Value> parameters) {
    // Most statements have no {for_update} to drop: they are looked up as written, not rewritten.
    const std::string text = sql.find('{') == std::string_view::npos ? std::string(sql) : sql::dialect_text(sql, sql::Dialect::sqlite);
    ITA_TRY(entry, cached(text));
    std::unique_ptr<SqliteRows> rows;
    if (entry->busy) {
        ITA_TRY(own, m_connection.prepare(text));
        bind_all(own, parameters);
        rows = std::make_unique<SqliteRows>(nullptr, std::move(own));
    } else {
        entry->busy = true;
        bind_all(entry->statement, parameters);
        rows = std::make_unique<SqliteRows>(entry, Statement());
    }
    return std::unique_ptr<sql::Rows>(std::move(rows));
}

Result<std::int64_t> SqliteDatabase::execute(std::string_view sql, std::span<const sql::Value> parameters) {
    ITA_TRY(rows, query(sql, parameters));
    while (true) {
        ITA_TRY(more, rows->next());
        if (!more) break;
    }
    return std::int64_t{m_connection.changes()};
}

Result<void> SqliteDatabase::execute_script(std::string_view sql) { return m_connection.execute(sql); }

Result<std::unique_ptr<sql::BulkInsert>> SqliteDatabase::bulk_insert(std::string_view table, std::span<const std::string_view> columns,
                                                                     std::string_view on_conflict) {
    std::string names, placeholders;
    for (const auto column : columns) {
        names += (names.empty() ? "" : ", ") + std::string(column);
        placeholders += placeholders.empty() ? "?" : ", ?";
    }
    std::string text = "INSERT INTO " + std::string(table) + " (" + names + ") VALUES (" + placeholders + ")";
    if (!on_conflict.empty()) text += " " + std::string(on_conflict);
    ITA_TRY(insert, m_connection.prepare(text));
    return std::unique_ptr<sql::BulkInsert>(std::make_unique<SqliteBulkInsert>(std::move(insert)));
}

Result<void> SqliteDatabase::begin() { return m_connection.execute("BEGIN IMMEDIATE"); }
Result<void> SqliteDatabase::commit() { return m_connection.execute("COMMIT"); }
void SqliteDatabase::rollback() { (void)m_connection.execute("ROLLBACK"); }

Result<bool> SqliteDatabase::has_table(std::string_view name) {
    ITA_TRY(count, sql::single_integer(*this, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", {name}));
    return count.value_or(0) > 0;
}

}  // namespace ita::storage::sqlite
