#include <ita/storage/copy_store.hpp>

#include <ita/storage/migrations.hpp>
#include <ita/storage/postgres/postgres_store.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace ita::storage {

namespace {

// A PostgreSQL column as the copy needs it: how to read the SQLite value for it.
enum class Kind { integer, real, text, bytes, boolean };
struct Column {
    std::string name;
    Kind kind = Kind::text;
    bool serial = false;  // its default is a sequence, to be moved past the copied ids
};

Kind kind_of(std::string_view data_type) {
    if (data_type == "bytea") return Kind::bytes;
    if (data_type == "boolean") return Kind::boolean;
    if (data_type == "bigint" || data_type == "integer" || data_type == "smallint") return Kind::integer;
    if (data_type == "double precision" || data_type == "real" || data_type == "numeric") return Kind::real;
    return Kind::text;  // text, dates (their ISO text reads back as a date)
}

std::string sql_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

// The tables of the target's schema (the migrations made both alike), every table after the
// ones it references.
Result<std::vector<std::string>> tables_in_dependency_order(sql::Database& target) {
    std::set<std::string> tables;
    {
        ITA_TRY(rows, target.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                                   "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'"));
        while (true) {
            ITA_TRY(row, rows->next());
            if (!row) break;
            tables.insert(rows->string(0));
        }
    }
    std::map<std::string, std::set<std::string>> references;
    {
        ITA_TRY(rows, target.query("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
                                   "JOIN pg_namespace n ON n.oid = c.connamespace "
                                   "WHERE c.contype = 'f' AND n.nspname = current_schema()"));
        while (true) {
            ITA_TRY(row, rows->next());
            if (!row) break;
            if (rows->string(0) != rows->string(1)) references[rows->string(0)].insert(rows->string(1));
        }
    }
    std::vector<std::string> ordered;
    std::set<std::string> placed;
    while (placed.size() < tables.size()) {
        const auto before = placed.size();
        for (const auto& table : tables) {
            if (placed.contains(table)) continue;
            bool ready = true;
            for (const auto& referenced : references[table]) ready = ready && (placed.contains(referenced) || !tables.contains(referenced));
            if (!ready) continue;
            ordered.push_back(table);
            placed.insert(table);
        }
        if (placed.size() == before) return fail(ErrorCode::internal, "the schema's foreign keys form a cycle");
    }
    return ordered;
}

Result<std::vector<Column>> columns_of(sql::Database& target, const std::string& table) {
    std::vector<Column> columns;
    ITA_TRY(rows, target.query("SELECT column_name, data_type, coalesce(column_default, '') FROM information_schema.columns "
                               "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                               {table}));
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        columns.push_back({rows->string(0), kind_of(rows->text(1)), rows->text(2).starts_with("nextval(")});
    }
    return columns;
}

Result<std::vector<std::string>> primary_key_of(sql::Database& target, const std::string& table) {
    std::vector<std::string> key;
    ITA_TRY(rows, target.query("SELECT k.column_name FROM information_schema.table_constraints t "
                               "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
                               "AND k.table_schema = t.table_schema AND k.table_name = t.table_name "
                               "WHERE t.table_schema = current_schema() AND t.table_name = ? AND t.constraint_type = 'PRIMARY KEY' "
                               "ORDER BY k.ordinal_position",
                               {table}));
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        key.push_back(rows->string(0));
    }
    return key;
}

Result<std::set<std::string>> sqlite_tables(sql::Database& source) {
    std::set<std::string> tables;
    ITA_TRY(rows, source.query(
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'"));
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        tables.insert(rows->string(0));
    }
    return tables;
}

// Copies one table; returns its rows.
Result<std::int64_t> copy_table(sql::Database& source, sql::Database& target, const std::string& table) {
    ITA_TRY(columns, columns_of(target, table));
    ITA_TRY(key, primary_key_of(target, table));
    std::string select = "SELECT ", names;
    std::vector<std::string_view> column_names;
    for (const auto& column : columns) {
        select += (column_names.empty() ? "" : ", ") + sql_name(column.name);
        column_names.push_back(column.name);
    }
    select += " FROM " + sql_name(table);
    if (!key.empty()) {
        select += " ORDER BY ";
        for (std::size_t index = 0; index < key.size(); ++index) select += (index ? ", " : "") + sql_name(key[index]);
    }
    ITA_TRY(insert, target.bulk_insert(table, std::span<const std::string_view>(column_names)));
    std::int64_t copied = 0;
    std::optional<Error> failed;
    std::vector<sql::Value> values(columns.size());
    std::vector<std::string> texts(columns.size());
    std::vector<std::vector<std::uint8_t>> bytes(columns.size());
    ITA_TRY_VOID(source.stream(select, {}, [&](const sql::Rows& row) {
        if (failed) return;
        for (std::size_t index = 0; index < columns.size(); ++index) {
            const int at = static_cast<int>(index);
            if (row.is_null(at)) {
                values[index] = sql::Value();
                continue;
            }
            switch (columns[index].kind) {
                case Kind::integer: values[index] = sql::Value(static_cast<long long>(row.integer(at))); break;
                case Kind::real: values[index] = sql::Value(row.real(at)); break;
                case Kind::boolean: values[index] = sql::Value(row.integer(at) != 0); break;
                case Kind::bytes: {
                    const auto view = row.bytes(at);
                    bytes[index].assign(view.begin(), view.end());
                    values[index] = sql::Value(std::span<const std::uint8_t>(bytes[index]));
                    break;
                }
                case Kind::text:
                    texts[index] = row.string(at);
                    values[index] = sql::Value(std::string_view(texts[index]));
                    break;
            }
        }
        if (auto added = insert->add(std::span<const sql::Value>(values)); !added) failed = added.error();
        ++copied;
    }));
    if (failed) return std::unexpected(*failed);
    ITA_TRY_VOID(insert->finish());
    // Ids made after the copy continue after the copied ones.
    for (const auto& column : columns)
        if (column.serial)
            ITA_TRY_VOID(
                without_value(target.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column.name + "'), coalesce(max(" +
                                             sql_name(column.name) + "), 0) + 1, false) FROM " + sql_name(table))));
    return copied;
}

// A new database has rows its migrations put there (settings, the publication state), but
// nothing a deployment does leaves these tables empty.
Result<void> require_empty(sql::Database& target) {
    for (const std::string table : {"agencies", "users", "fiscal_years", "audit_log"}) {
        ITA_TRY(count, sql::single_integer(target, "SELECT count(*) FROM " + sql_name(table)));
        if (count.value_or(0) > 0)
            return fail(ErrorCode::conflict,
                        "the PostgreSQL database already holds data (table " + table + "): copy into a new, empty database (createdb)");
    }
    return {};
}

}  // namespace

Result<CopyReport> copy_store(const std::string& from, const std::string& to) {
    if (database_kind(to) != DatabaseKind::postgresql)
        return fail(ErrorCode::invalid_input, "--to must be a PostgreSQL database (postgresql://… or host=… dbname=…)");
    std::error_code unreadable;
    if (database_kind(from) != DatabaseKind::sqlite || !std::filesystem::is_regular_file(from, unreadable))
        return fail(ErrorCode::invalid_input, "--from must be an existing SQLite file");
    // The source is read as it is (an older schema: ita migrate it first), never migrated here.
    ITA_TRY(source, sqlite::SqliteStore::open(from, Migrations::refuse_older));
    ITA_TRY(target, postgres::PostgresStore::open(to, Migrations::apply));
    ITA_TRY(source_schema, source->schema_version());
    ITA_TRY(target_schema, target->schema_version());
    if (source_schema != target_schema)
        return fail(ErrorCode::conflict, "the SQLite database is at schema " + std::to_string(source_schema) + " and this ita at " +
                                             std::to_string(target_schema) + ": use the ita that matches it");
    auto& in = source->database();
    auto& out = target->database();
    ITA_TRY(tables, tables_in_dependency_order(out));
    ITA_TRY(present, sqlite_tables(in));
    for (const auto& table : present)
        if (std::find(tables.begin(), tables.end(), table) == tables.end())
            return fail(ErrorCode::internal, "the SQLite database has a table PostgreSQL lacks: " + table);
    ITA_TRY(transaction, sql::Transaction::begin(out));
    ITA_TRY_VOID(require_empty(out));
    // What the migrations seeded is replaced by the source's rows (the same key check: both
    // stores opened with one secrets file), dependents first.
    for (auto table = tables.rbegin(); table != tables.rend(); ++table)
        if (present.contains(*table)) ITA_TRY_VOID(without_value(out.execute("DELETE FROM " + sql_name(*table))));
    CopyReport report;
    for (const auto& table : tables) {
        if (!present.contains(table)) continue;
        ITA_TRY(copied, copy_table(in, out, table));
        report.tables.emplace_back(table, copied);
    }
    ITA_TRY_VOID(transaction.commit());
    return report;
}

}  // namespace ita::storage
