#include <ita/storage/postgres/pg_database.hpp>

#include <ita/util/decimal.hpp>

#include <charconv>

namespace ita::storage::postgres {

namespace {

Parameter parameter_text(const sql::Value& value) {
    switch (value.kind()) {
        case sql::Value::Kind::null: return std::nullopt;
        case sql::Value::Kind::integer: return std::to_string(value.integer());
        case sql::Value::Kind::boolean: return std::string(value.integer() ? "t" : "f");
        case sql::Value::Kind::real: return util::format_shortest(value.real());
        case sql::Value::Kind::text: return std::string(value.text());
        case sql::Value::Kind::bytes: return bytea_hex(value.bytes());
    }
    return std::nullopt;
}

class PgRows final : public sql::Rows {
public:
    explicit PgRows(QueryResult result) : m_result(std::move(result)), m_decoded(static_cast<std::size_t>(m_result.columns())) {}
    Result<bool> next() override { return ++m_row < m_result.rows(); }
    [[nodiscard]] std::string_view text(int column) const override { return m_result.text(m_row, column); }
    [[nodiscard]] std::int64_t integer(int column) const override { return m_result.integer(m_row, column); }
    [[nodiscard]] double real(int column) const override { return m_result.real(m_row, column); }
    [[nodiscard]] bool boolean(int column) const override {
        const auto value = text(column);
        return value == "t" || (!value.empty() && value != "f" && value != "0");
    }
    [[nodiscard]] bool is_null(int column) const override { return m_result.is_null(m_row, column); }
    [[nodiscard]] std::span<const std::uint8_t> bytes(int column) const override {
        auto& buffer = m_decoded[static_cast<std::size_t>(column)];
        buffer = m_result.bytes(m_row, column);
        return buffer;
    }

private:
    QueryResult m_result;
    int m_row = -1;
    mutable std::vector<std::vector<std::uint8_t>> m_decoded;  // one buffer a column: two byte columns of a row are both valid
};

class PgBulkInsert final : public sql::BulkInsert {
public:
    PgBulkInsert(Connection& connection, std::string table, std::string columns, std::string on_conflict, int batch) :
            m_connection(connection),
            m_table(std::move(table)),
            m_columns(std::move(columns)),
            m_on_conflict(std::move(on_conflict)),
            m_batch(batch) {}
    Result<void> add(std::span<const sql::Value> row) override {
        bool first = true;
        for (const auto& value : row) {
            if (!first) m_rows += '\t';
            first = false;
            append_copy_value(m_rows, value);
        }
        m_rows += '\n';
        return {};
    }
    Result<void> finish() override {
        if (m_rows.empty()) return {};
        if (m_on_conflict.empty()) return m_connection.copy_in("COPY " + m_table + " (" + m_columns + ") FROM STDIN", m_rows);
        // COPY has no ON CONFLICT: the rows go to a temporary table first, then in by one INSERT.
        const std::string batch = "ita_batch_" + std::to_string(m_batch);
        ITA_TRY_VOID(m_connection.execute("CREATE TEMP TABLE " + batch + " ON COMMIT DROP AS SELECT " + m_columns + " FROM " + m_table +
                                          " WITH NO DATA"));
        ITA_TRY_VOID(m_connection.copy_in("COPY " + batch + " (" + m_columns + ") FROM STDIN", m_rows));
        ITA_TRY_VOID(m_connection.execute("INSERT INTO " + m_table + " (" + m_columns + ") SELECT " + m_columns + " FROM " + batch + " " +
                                          m_on_conflict));
        return m_connection.execute("DROP TABLE " + batch);
    }

private:
    Connection& m_connection;
    std::string m_table, m_columns, m_on_conflict;
    int m_batch;
    std::string m_rows;
};

// One row of COPY … TO STDOUT in text format, read as sql::Rows.
class CopyRow final : public sql::Rows {
public:
    void set(std::span<const std::string_view> fields) {
        m_fields = fields;
        if (m_text.size() < fields.size()) m_text.resize(fields.size()), m_bytes.resize(fields.size());
    }
    Result<bool> next() override { return false; }
    [[nodiscard]] std::string_view text(int column) const override {
        auto& value = m_text[static_cast<std::size_t>(column)];
        value = copy_field_value(field(column));
        return value;
    }
    [[nodiscard]] std::int64_t integer(int column) const override {
        std::int64_t value = 0;
        const auto digits = field(column);
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return value;
    }
    [[nodiscard]] double real(int column) const override {
        double value = 0;
        const auto digits = field(column);
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return value;
    }
    [[nodiscard]] bool boolean(int column) const override { return field(column) == "t"; }
    [[nodiscard]] bool is_null(int column) const override { return field(column) == "\\N"; }
    [[nodiscard]] std::span<const std::uint8_t> bytes(int column) const override {
        auto& value = m_bytes[static_cast<std::size_t>(column)];
        value = copy_field_bytes(field(column));
        return value;
    }

private:
    [[nodiscard]] std::string_view field(int column) const { return m_fields[static_cast<std::size_t>(column)]; }
    std::span<const std::string_view> m_fields;
    mutable std::vector<std::string> m_text;
    mutable std::vector<std::vector<std::uint8_t>> m_bytes;
};

}  // namespace

void append_copy_value(std::string& out, const sql::Value& value) {
    switch (value.kind()) {
        case sql::Value::Kind::null: out += "\\N"; break;
        case sql::Value::Kind::bytes: out += '\\' + bytea_hex(value.bytes()); break;
        default: append_copy_field(out, *parameter_text(value));
    }
}

Result<std::unique_ptr<PgDatabase>> PgDatabase::open(const std::string& conninfo) {
    ITA_TRY(connection, Connection::open(conninfo));
    return std::unique_ptr<PgDatabase>(new PgDatabase(std::move(connection)));
}

Result<QueryResult> PgDatabase::run(std::string_view sql, std::span<const sql::Value> parameters) {
    auto found = m_texts.find(std::string(sql));
    if (found == m_texts.end()) found = m_texts.emplace(std::string(sql), sql::dialect_text(sql, sql::Dialect::postgresql)).first;
    std::vector<Parameter> texts;
    texts.reserve(parameters.size());
    for (const auto& value : parameters) texts.push_back(parameter_text(value));
    return m_connection.query(found->second, texts);
}

Result<std::unique_ptr<sql::Rows>> PgDatabase::query(std::string_view sql, std::span<const sql::Value> parameters) {
    ITA_TRY(result, run(sql, parameters));
    return std::unique_ptr<sql::Rows>(std::make_unique<PgRows>(std::move(result)));
}

Result<std::int64_t> PgDatabase::execute(std::string_view sql, std::span<const sql::Value> parameters) {
    ITA_TRY(result, run(sql, parameters));
    return result.affected();
}

Result<void> PgDatabase::stream(std::string_view sql, std::span<const sql::Value> parameters,
                                const std::function<void(const sql::Rows&)>& visit) {
    // COPY takes no parameters: each goes in as a literal, quoted by libpq ({for_update} is
    // dropped, as SQLite's text drops it: COPY reads a snapshot and locks nothing).
    std::optional<Error> failed;
    const std::string text = sql::replace_placeholders(sql::dialect_text(sql, sql::Dialect::sqlite), [&](std::size_t index) -> std::string {
        const auto value = index < parameters.size() ? parameter_text(parameters[index]) : std::nullopt;
        if (!value) return "NULL";
        auto literal = m_connection.literal(*value);
        if (!literal) failed = literal.error();
        return literal ? *literal : std::string();
    });
    if (failed) return std::unexpected(*failed);
    CopyRow row;
    return m_connection.copy_out("COPY (" + text + ") TO STDOUT", [&](std::span<const std::string_view> fields) {
        row.set(fields);
        visit(row);
    });
}

Result<std::unique_ptr<sql::BulkInsert>> PgDatabase::bulk_insert(std::string_view table, std::span<const std::string_view> columns,
                                                                 std::string_view on_conflict) {
    std::string names;
    for (const auto column : columns) names += (names.empty() ? "" : ", ") + std::string(column);
    return std::unique_ptr<sql::BulkInsert>(
        std::make_unique<PgBulkInsert>(m_connection, std::string(table), names, std::string(on_conflict), ++m_batches));
}

Result<void> PgDatabase::lock(std::int64_t key) { return without_value(execute("SELECT pg_advisory_xact_lock(?)", {key})); }

Result<bool> PgDatabase::has_table(std::string_view name) {
    ITA_TRY(rows, query("SELECT to_regclass(?) IS NOT NULL", {name}));
    ITA_TRY(found, rows->next());
    return found && rows->boolean(0);
}

}  // namespace ita::storage::postgres
