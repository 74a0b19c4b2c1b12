#include <ita/storage/postgres/pg_connection.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <utility>

namespace ita::storage::postgres {

void QueryResult::Clear::operator()(pg_result* result) const { PQclear(result); }

int QueryResult::rows() const { return PQntuples(m_result.get()); }
int QueryResult::columns() const { return PQnfields(m_result.get()); }
std::string_view QueryResult::text(int row, int column) const {
    return {PQgetvalue(m_result.get(), row, column), static_cast<std::size_t>(PQgetlength(m_result.get(), row, column))};
}
std::int64_t QueryResult::affected() const {
    const std::string_view count = PQcmdTuples(m_result.get());
    std::int64_t value = 0;
    std::from_chars(count.data(), count.data() + count.size(), value);
    return value;
}
bool Connection::ok() const { return m_connection.get() != nullptr && PQstatus(m_connection.get()) == CONNECTION_OK; }

bool QueryResult::is_null(int row, int column) const { return PQgetisnull(m_result.get(), row, column) == 1; }
std::int64_t QueryResult::integer(int row, int column) const {
    std::int64_t value = 0;
    const auto field = text(row, column);
    std::from_chars(field.data(), field.data() + field.size(), value);
    return value;
}
double QueryResult::real(int row, int column) const {
    double value = 0;
    const auto field = text(row, column);
    std::from_chars(field.data(), field.data() + field.size(), value);
    return value;
}
std::vector<std::uint8_t> QueryResult::bytes(int row, int column) const {
    std::string_view hex = text(row, column);
    if (hex.starts_with("\\x")) hex.remove_prefix(2);
    std::vector<std::uint8_t> bytes(hex.size() / 2);
    for (std::size_t index = 0; index < bytes.size(); ++index)
        std::from_chars(hex.data() + 2 * index, hex.data() + 2 * index + 2, bytes[index], 16);
    return bytes;
}

std::string bytea_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text = "\\x";
    text.reserve(2 + bytes.size() * 2);
    for (const auto byte : bytes) {
        text += digits[byte >> 4];
        text += digits[byte & 0xF];
    }
    return text;
}

void append_copy_field(std::string& out, std::string_view value) {
    for (const char c : value) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default: out += c;
        }
    }
}

std::string copy_field_value(std::string_view field) {
    std::string value;
    value.reserve(field.size());
    for (std::size_t index = 0; index < field.size(); ++index) {
        if (field[index] != '\\' || index + 1 == field.size()) {
            value += field[index];
            continue;
        }
        const char escaped = field[++index];
        value += escaped == 't' ? '\t' : escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped;
    }
    return value;
}

std::vector<std::uint8_t> copy_field_bytes(std::string_view field) {
    if (field.starts_with("\\\\x"))
        field.remove_prefix(3);
    else if (field.starts_with("\\x"))
        field.remove_prefix(2);
    std::vector<std::uint8_t> bytes(field.size() / 2);
    for (std::size_t index = 0; index < bytes.size(); ++index)
        std::from_chars(field.data() + 2 * index, field.data() + 2 * index + 2, bytes[index], 16);
    return bytes;
}

std::optional<ConninfoParts> split_conninfo(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    PQfreemem(error);
    if (!options) return std::nullopt;
    ConninfoParts parts;
    for (const PQconninfoOption* option = options; option->keyword; ++option) {
        if (!option->val) continue;
        if (std::string_view(option->keyword) == "password") {
            parts.password = option->val;
            continue;
        }
        std::string value;
        for (const char* c = option->val; *c; ++c) value += (*c == '\\' || *c == '\'') ? std::string("\\") + *c : std::string(1, *c);
        parts.without_password += std::string(parts.without_password.empty() ? "" : " ") + option->keyword + "='" + value + "'";
    }
    PQconninfoFree(options);
    return parts;
}

Result<Connection> Connection::open(const std::string& conninfo) {
    pg_conn* connection = PQconnectdb(conninfo.c_str());
    // Messages name the database without its password, whichever form the string has.
    const auto parts = split_conninfo(conninfo);
    const std::string target = parts ? parts->without_password : std::string("(a connection string libpq cannot read)");
    if (PQstatus(connection) != CONNECTION_OK) {
        std::string reason = PQerrorMessage(connection);
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
        PQfinish(connection);
        return fail(ErrorCode::io, "cannot connect to PostgreSQL " + target + ": " + reason);
    }
    Connection opened(connection, target);
    ITA_TRY_VOID(opened.execute("SET client_min_messages = warning"));
    return opened;
}

void Connection::Finish::operator()(pg_conn* connection) const { PQfinish(connection); }

Error Connection::error(std::string_view doing, pg_result* result) const {
    std::string reason = result ? PQresultErrorMessage(result) : PQerrorMessage(m_connection.get());
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    ErrorCode code = ErrorCode::io;
    if (result) {
        const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        const std::string_view sqlstate = state ? state : "";
        if (sqlstate.starts_with("23") || sqlstate == "40001" || sqlstate == "40P01") code = ErrorCode::conflict;
        if (sqlstate == "25006") reason = "the database is read-only (" + reason + ")";
        if (sqlstate == "53100") reason = "the disk is full (" + reason + ")";
    }
    return Error{code, std::string(doing) + ": " + reason, {}, 0};
}

Result<QueryResult> Connection::query(std::string_view sql, const std::vector<Parameter>& parameters) {
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& parameter : parameters) values.push_back(parameter ? parameter->c_str() : nullptr);
    const std::string text(sql);
    // Only plannable statements can be prepared; the plan cache re-plans them when a table they
    // name changes (the temporary batch tables of imports are dropped at every commit).
    const bool preparable = text.starts_with("SELECT") || text.starts_with("INSERT") || text.starts_with("UPDATE") ||
                            text.starts_with("DELETE") || text.starts_with("WITH");
    if (!preparable) {
        QueryResult result(
            PQexecParams(m_connection.get(), text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0));
        const auto status = PQresultStatus(result.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL " + m_target, result.get()));
        return result;
    }
    auto found = m_prepared.find(text);
    if (found == m_prepared.end()) {
        const std::string name = "ita_" + std::to_string(m_prepared.size() + 1);
        QueryResult prepared(PQprepare(m_connection.get(), name.c_str(), text.c_str(), static_cast<int>(values.size()), nullptr));
        if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL " + m_target, prepared.get()));
        found = m_prepared.emplace(text, name).first;
    }
    QueryResult result(
        PQexecPrepared(m_connection.get(), found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL " + m_target, result.get()));
    return result;
}

Result<void> Connection::execute(std::string_view sql, const std::vector<Parameter>& parameters) {
    if (!parameters.empty()) return without_value(query(sql, parameters));
    // Plain execution allows several statements (migrations).
    const std::string text(sql);
    QueryResult result(PQexec(m_connection.get(), text.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL " + m_target, result.get()));
    return {};
}

Result<void> Connection::copy_in(std::string_view copy_sql, std::string_view rows) {
    const std::string text(copy_sql);
    {
        pg_result* started = PQexec(m_connection.get(), text.c_str());
        QueryResult owned(started);
        if (PQresultStatus(started) != PGRES_COPY_IN) return std::unexpected(error("PostgreSQL COPY", started));
    }
    constexpr std::size_t chunk = 1 << 20;
    for (std::size_t offset = 0; offset < rows.size(); offset += chunk) {
        const auto piece = rows.substr(offset, chunk);
        if (PQputCopyData(m_connection.get(), piece.data(), static_cast<int>(piece.size())) != 1)
            return std::unexpected(error("PostgreSQL COPY"));
    }
    if (PQputCopyEnd(m_connection.get(), nullptr) != 1) return std::unexpected(error("PostgreSQL COPY"));
    while (pg_result* result = PQgetResult(m_connection.get())) {
        QueryResult owned(result);
        if (PQresultStatus(result) != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL COPY", result));
    }
    return {};
}

Result<void> Connection::copy_out(std::string_view copy_sql, const std::function<void(std::span<const std::string_view>)>& row) {
    const std::string text(copy_sql);
    {
        QueryResult started(PQexec(m_connection.get(), text.c_str()));
        if (PQresultStatus(started.get()) != PGRES_COPY_OUT) return std::unexpected(error("PostgreSQL COPY", started.get()));
    }
    std::vector<std::string_view> fields;
    while (true) {
        char* buffer = nullptr;
        const int length = PQgetCopyData(m_connection.get(), &buffer, 0);
        if (length == -1) break;
        if (length < 0) return std::unexpected(error("PostgreSQL COPY"));
        std::string_view line(buffer, static_cast<std::size_t>(length));
        if (line.ends_with('\n')) line.remove_suffix(1);
        fields.clear();
        while (true) {
            const auto tab = line.find('\t');
            fields.push_back(line.substr(0, tab));
            if (tab == std::string_view::npos) break;
            line.remove_prefix(tab + 1);
        }
        row(fields);
        PQfreemem(buffer);
    }
    while (pg_result* result = PQgetResult(m_connection.get())) {
        QueryResult owned(result);
        if (PQresultStatus(result) != PGRES_COMMAND_OK) return std::unexpected(error("PostgreSQL COPY", result));
    }
    return {};
}

Result<std::string> Connection::literal(std::string_view value) const {
    char* escaped = PQescapeLiteral(m_connection.get(), value.data(), value.size());
    if (!escaped) return std::unexpected(error("PostgreSQL literal"));
    std::string text(escaped);
    PQfreemem(escaped);
    return text;
}

}  // namespace ita::storage::postgres
