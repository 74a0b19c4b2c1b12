// The one interface the store's SQL runs through, whichever database is underneath: statements
// with `?` (or numbered `?1`) placeholders, typed values bound to them, rows read by column,
// transactions, and bulk inserts. SQLite (sqlite_database) and PostgreSQL (pg_database)
// implement it; the differences between their SQL are handled here, in one place:
// - placeholders: written `?`/`?N` everywhere, turned into `$N` for PostgreSQL;
// - `{for_update}`: a row lock PostgreSQL needs inside a transaction (SQLite's writer lock,
//   BEGIN IMMEDIATE, already covers it), expanded to " FOR UPDATE" or nothing;
// - booleans and bytes: bound and read as C++ values; each backend stores them its own way.
// Not thread-safe, like the connections underneath.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ita::storage::sql {

enum class Dialect { sqlite, postgresql };

// A value bound to a placeholder. Strings and bytes are viewed, not copied: they must outlive
// the call that binds them.
class Value {
public:
    enum class Kind { null, integer, real, text, bytes, boolean };

    Value() = default;
    Value(std::nullopt_t) {}
    Value(int value) : m_kind(Kind::integer), m_integer(value) {}
    Value(long value) : m_kind(Kind::integer), m_integer(value) {}
    Value(long long value) : m_kind(Kind::integer), m_integer(value) {}
    Value(double value) : m_kind(Kind::real), m_real(value) {}
    Value(bool value) : m_kind(Kind::boolean), m_integer(value ? 1 : 0) {}
    Value(std::string_view text) : m_kind(Kind::text), m_text(text) {}
    Value(const std::string& text) : m_kind(Kind::text), m_text(text) {}
    Value(const char* text) : m_kind(Kind::text), m_text(text) {}
    Value(std::span<const std::uint8_t> bytes) : m_kind(Kind::bytes), m_bytes(bytes) {}
    template <typename T>
    Value(const std::optional<T>& value) : Value(value ? Value(*value) : Value()) {}

    // Bytes held in a string (a snapshot's body).
    static Value bytes_of(std::string_view bytes) {
        return Value(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] std::int64_t integer() const { return m_integer; }
    [[nodiscard]] double real() const { return m_real; }
    [[nodiscard]] std::string_view text() const { return m_text; }
    [[nodiscard]] std::span<const std::uint8_t> bytes() const { return m_bytes; }

private:
    Kind m_kind = Kind::null;
    std::int64_t m_integer = 0;
    double m_real = 0;
    std::string_view m_text;
    std::span<const std::uint8_t> m_bytes;
};

using Values = std::initializer_list<Value>;

// The rows of a query, read one at a time: next() until it gives false. Views returned by
// text() and bytes() are valid until the next call to next().
class Rows {
public:
    virtual ~Rows() = default;
    virtual Result<bool> next() = 0;
    [[nodiscard]] virtual std::string_view text(int column) const = 0;
    [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
    [[nodiscard]] virtual double real(int column) const = 0;
    [[nodiscard]] virtual bool boolean(int column) const = 0;
    [[nodiscard]] virtual bool is_null(int column) const = 0;
    [[nodiscard]] virtual std::span<const std::uint8_t> bytes(int column) const = 0;

    [[nodiscard]] std::string string(int column) const { return std::string(text(column)); }
    [[nodiscard]] std::optional<std::int64_t> optional_integer(int column) const {
        return is_null(column) ? std::nullopt : std::optional(integer(column));
    }
};

// Rows added one at a time to a table, sent the fastest way the backend has (a prepared INSERT
// per row on SQLite; COPY on PostgreSQL, sent by finish()). Rows that violate `on_conflict`'s
// target are handled by that clause ("ON CONFLICT … DO …", or empty for a plain insert).
class BulkInsert {
public:
    virtual ~BulkInsert() = default;
    virtual Result<void> add(std::span<const Value> row) = 0;
    Result<void> add(Values row) { return add(std::span(row.begin(), row.size())); }
    virtual Result<void> finish() = 0;
};

class Database {
public:
    virtual ~Database() = default;

    [[nodiscard]] virtual Dialect dialect() const = 0;
    // Whether the connection can still be used (a PostgreSQL server may have gone away).
    [[nodiscard]] virtual bool usable() const { return true; }

    virtual Result<std::unique_ptr<Rows>> query(std::string_view sql, std::span<const Value> parameters) = 0;
    Result<std::unique_ptr<Rows>> query(std::string_view sql, Values parameters = {}) {
        return query(sql, std::span(parameters.begin(), parameters.size()));
    }
    // The rows of a SELECT, visited as they arrive: a national table is never held whole in
    // memory (PostgreSQL streams it with COPY; its parameters are then inlined as literals).
    virtual Result<void> stream(std::string_view sql, std::span<const Value> parameters, const std::function<void(const Rows&)>& visit);
    Result<void> stream(std::string_view sql, Values parameters, const std::function<void(const Rows&)>& visit) {
        return stream(sql, std::span(parameters.begin(), parameters.size()), visit);
    }
    // Runs a statement; the number of rows it inserted, changed or deleted.
    virtual Result<std::int64_t> execute(std::string_view sql, std::span<const Value> parameters) = 0;
    Result<std::int64_t> execute(std::string_view sql, Values parameters = {}) {
        return execute(sql, std::span(parameters.begin(), parameters.size()));
    }
    // Several statements without parameters (a migration).
    virtual Result<void> execute_script(std::string_view sql) = 0;
    virtual Result<std::unique_ptr<BulkInsert>> bulk_insert(std::string_view table, std::span<const std::string_view> columns,
                                                            std::string_view on_conflict = {}) = 0;
    Result<std::unique_ptr<BulkInsert>> bulk_insert(std::string_view table, std::initializer_list<std::string_view> columns,
                                                    std::string_view on_conflict = {}) {
        return bulk_insert(table, std::span(columns.begin(), columns.size()), on_conflict);
    }

    // A transaction that holds the write lock from its start: on SQLite every writer queues
    // here (BEGIN IMMEDIATE); on PostgreSQL writers of different rows go on together.
    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual void rollback() = 0;
    // Serialises, until the transaction ends, every process taking the same `key` (PostgreSQL's
    // advisory lock); nothing to do on SQLite, where the transaction already excludes writers.
    virtual Result<void> lock(std::int64_t key) = 0;
    virtual Result<bool> has_table(std::string_view name) = 0;
    // For messages: the file, or the connection without its password.
    [[nodiscard]] virtual const std::string& target() const = 0;
};

// A transaction on `database` that rolls back unless committed.
class Transaction {
public:
    static Result<Transaction> begin(Database& database);
    Transaction(Transaction&& other) noexcept : m_database(other.m_database) { other.m_database = nullptr; }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> commit();

private:
    explicit Transaction(Database& database) : m_database(&database) {}
    Database* m_database;
};

// The statement with each placeholder replaced by what `by` gives for its parameter's index
// (from 0). Quoted text is left as it is.
std::string replace_placeholders(std::string_view sql, const std::function<std::string(std::size_t)>& by);

// The statement as `dialect` reads it: placeholders numbered for PostgreSQL, `{for_update}`
// expanded. Quoted text in the statement is left as it is.
std::string dialect_text(std::string_view sql, Dialect dialect);

// One row's single integer (count(*), max(…), a RETURNING id): nothing when there is no row or
// it is NULL.
Result<std::optional<std::int64_t>> single_integer(Database& database, std::string_view sql, Values parameters = {});

}  // namespace ita::storage::sql
