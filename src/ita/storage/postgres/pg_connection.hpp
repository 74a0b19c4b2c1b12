// Thin RAII wrappers over libpq: a connection, query results, and COPY in both directions for
// bulk rows (PgDatabase builds sql::Database on them). Parameters are sent as text; bytea
// columns are read and written in hex. Not thread-safe.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace ita::storage::postgres {

class QueryResult {
public:
    explicit QueryResult(pg_result* result) : m_result(result) {}
    // Move-only: the result is cleared once, by whoever holds it last.

    [[nodiscard]] pg_result* get() const { return m_result.get(); }
    [[nodiscard]] int rows() const;
    [[nodiscard]] int columns() const;
    [[nodiscard]] std::string_view text(int row, int column) const;
    [[nodiscard]] bool is_null(int row, int column) const;
    [[nodiscard]] std::int64_t integer(int row, int column) const;
    [[nodiscard]] double real(int row, int column) const;
    // A bytea column in hex output form ("\x0102…").
    [[nodiscard]] std::vector<std::uint8_t> bytes(int row, int column) const;
    // Rows an INSERT, UPDATE or DELETE changed.
    [[nodiscard]] std::int64_t affected() const;

private:
    struct Clear {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Clear> m_result;
};

// A query parameter: text, or SQL NULL.
using Parameter = std::optional<std::string>;

// A connection string (URI or key=value) as libpq reads it, rebuilt without its password, and
// the password apart: messages and child processes' command lines get the first only.
struct ConninfoParts {
    std::string without_password;
    std::optional<std::string> password;
};
std::optional<ConninfoParts> split_conninfo(const std::string& conninfo);

// "\x0102…": bytes as a bytea literal for text parameters and COPY.
std::string bytea_hex(std::span<const std::uint8_t> bytes);

class Connection {
public:
    static Result<Connection> open(const std::string& conninfo);
    // Move-only: the connection is closed once, by whoever holds it last.

    [[nodiscard]] bool ok() const;  // the connection is up
    Result<QueryResult> query(std::string_view sql, const std::vector<Parameter>& parameters = {});
    Result<void> execute(std::string_view sql, const std::vector<Parameter>& parameters = {});
    // COPY `copy_sql` (… FROM STDIN) with rows already in COPY text format.
    Result<void> copy_in(std::string_view copy_sql, std::string_view rows);
    // COPY (…) TO STDOUT, calling `row` with each row's fields in COPY text format, as they
    // stream in: a national table is never held in memory at once.
    Result<void> copy_out(std::string_view copy_sql, const std::function<void(std::span<const std::string_view>)>& row);
    [[nodiscard]] const std::string& target() const { return m_target; }
    // `value` as a quoted SQL literal (PQescapeLiteral), for statements that take no parameters.
    Result<std::string> literal(std::string_view value) const;

private:
    Connection(pg_conn* connection, std::string target) : m_connection(connection), m_target(std::move(target)) {}
    Error error(std::string_view doing, pg_result* result = nullptr) const;
    struct Finish {
        void operator()(pg_conn* connection) const;
    };
    std::unique_ptr<pg_conn, Finish> m_connection;
    std::string m_target;  // the connection string without a password, for messages
    // Statements prepared on this connection, by SQL text: a server keeps its connections, so
    // parsing and planning each statement once saves most of PostgreSQL's work per request.
    std::unordered_map<std::string, std::string> m_prepared;
};

// Escapes a value for a COPY text-format field (backslash, tab, newline, carriage return).
void append_copy_field(std::string& out, std::string_view value);
// The value of a COPY text-format field (the reverse of append_copy_field).
std::string copy_field_value(std::string_view field);
// The bytes of a bytea COPY text-format field ("\\x0102…").
std::vector<std::uint8_t> copy_field_bytes(std::string_view field);

}  // namespace ita::storage::postgres
