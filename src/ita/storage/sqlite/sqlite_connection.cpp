#include <ita/storage/sqlite/sqlite_connection.hpp>

#include <sqlite3.h>

#include <utility>

namespace ita::storage::sqlite {

namespace {
Error error_from(sqlite3* database, int code, std::string_view doing) {
    const int primary = code & 0xFF;
    std::string reason = database ? sqlite3_errmsg(database) : sqlite3_errstr(code);
    ErrorCode kind = ErrorCode::io;
    if (primary == SQLITE_READONLY)
        reason = "the database is read-only (" + reason + ")";
    else if (primary == SQLITE_FULL)
        reason = "the disk or database is full (" + reason + ")";
    else if (primary == SQLITE_CONSTRAINT)
        kind = ErrorCode::conflict;
    else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        kind = ErrorCode::conflict;
    return Error{kind, std::string(doing) + ": " + reason, {}, 0};
}
}  // namespace

void Statement::Finalize::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_statement.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_statement.get(), index, value);
    return *this;
}
Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_statement.get(), index, value);
    return *this;
}
Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
    sqlite3_bind_blob(m_statement.get(), index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_statement.get(), index);
    return *this;
}

Result<bool> Statement::step() {
    const int code = sqlite3_step(m_statement.get());
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    return std::unexpected(error_from(sqlite3_db_handle(m_statement.get()), code, "SQLite"));
}

Result<void> Statement::run() {
    auto stepped = step();
    reset();
    if (!stepped) return std::unexpected(std::move(stepped).error());
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
}

std::string_view Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement.get(), column));
    return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), column))) : std::string_view();
}
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_statement.get(), column); }
double Statement::real(int column) const { return sqlite3_column_double(m_statement.get(), column); }
bool Statement::is_null(int column) const { return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL; }
std::span<const std::uint8_t> Statement::blob(int column) const {
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_statement.get(), column));
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement.get(), column))};
}

Result<Connection> Connection::open(const std::string& path) {
    sqlite3* database = nullptr;
    const int code = sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr);
    if (code != SQLITE_OK) {
        Error error = error_from(database, code, "cannot open SQLite database " + path);
        sqlite3_close(database);
        return std::unexpected(std::move(error));
    }
    Connection connection(database, path);
    sqlite3_busy_timeout(database, 30000);
    // WAL lets readers work during an import; a read-only file keeps its journal mode.
    if (auto wal = connection.execute("PRAGMA journal_mode = WAL"); !wal && wal.error().message.find("read-only") == std::string::npos)
        return std::unexpected(std::move(wal).error());
    // synchronous = NORMAL in WAL mode: a commit survives ita crashing or being killed (tested
    // with 50 kill -9 under load) but not the machine losing power before the WAL is next synced
    // at a checkpoint. FULL (an fsync per commit) halves the survey's throughput here (3,100
    // against 6,500 submissions/s, p99 105 ms, measured with bench/serve); the README says what
    // is traded, and PostgreSQL, the national deployment, keeps fsync on.
    // secure_delete: a deleted row (a held answer once released, an old key) is zeroed on its
    // page, not left for someone reading the file's free pages.
    ITA_TRY_VOID(connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON"));
    return connection;
}

void Connection::Close::operator()(sqlite3* database) const { sqlite3_close(database); }

Result<void> Connection::execute(std::string_view sql) {
    const std::string text(sql);
    const int code = sqlite3_exec(m_database.get(), text.c_str(), nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) return std::unexpected(error_from(m_database.get(), code, "SQLite " + m_path));
    return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(m_database.get(), sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (code != SQLITE_OK) return std::unexpected(error_from(m_database.get(), code, "SQLite " + m_path));
    return Statement(statement);
}

int Connection::changes() const { return sqlite3_changes(m_database.get()); }

Error Connection::error(std::string_view doing) const { return error_from(m_database.get(), sqlite3_errcode(m_database.get()), doing); }

}  // namespace ita::storage::sqlite
