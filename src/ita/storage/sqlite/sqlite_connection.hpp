// Thin RAII wrappers over the SQLite C API: a connection and prepared statements (transactions
// and the statement cache are SqliteDatabase's). Errors come back as ita::Error with SQLite's
// message, read-only and disk-full databases named as such. Not thread-safe.
#pragma once

#include <ita/util/error.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ita::storage::sqlite {

class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt* statement) : m_statement(statement) {}
    // Move-only: the handle is finalized once, by whoever holds it last.

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
    Statement& bind_null(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // Runs one step: true when a row is available, false when done.
    Result<bool> step();
    // Steps to the end (for statements that return no rows) and resets.
    Result<void> run();
    void reset();

    [[nodiscard]] std::string_view text(int column) const;
    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::span<const std::uint8_t> blob(int column) const;

private:
    struct Finalize {
        void operator()(sqlite3_stmt* statement) const;
    };
    std::unique_ptr<sqlite3_stmt, Finalize> m_statement;
};

class Connection {
public:
    // Opens or creates the file (parent folders must exist), in WAL mode with foreign keys on.
    static Result<Connection> open(const std::string& path);
    // Move-only: the database is closed once, by whoever holds it last.

    Result<void> execute(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // An Error for the connection's last failure, prefixed with what was being done.
    [[nodiscard]] Error error(std::string_view doing) const;
    [[nodiscard]] sqlite3* handle() const { return m_database.get(); }
    // Rows changed by the last INSERT, UPDATE or DELETE.
    [[nodiscard]] int changes() const;
    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    Connection(sqlite3* database, std::string path) : m_database(database), m_path(std::move(path)) {}
    struct Close {
        void operator()(sqlite3* database) const;
    };
    std::unique_ptr<sqlite3, Close> m_database;
    std::string m_path;
};

}  // namespace ita::storage::sqlite
