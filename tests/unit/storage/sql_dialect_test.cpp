// The few places SQLite's and PostgreSQL's SQL differ, handled once: placeholders, row locks,
// and the migrations' type tokens and sections.
#include <ita/storage/migrations.hpp>
#include <ita/storage/sql/database.hpp>

#include <gtest/gtest.h>

using namespace ita;
using storage::sql::Dialect;

TEST(SqlDialect, PlaceholdersAreNumberedForPostgresqlOnly) {
    const std::string statement = "SELECT '?', x FROM t WHERE a = ? AND b = ?{for_update}";
    EXPECT_EQ(storage::sql::dialect_text(statement, Dialect::postgresql), "SELECT '?', x FROM t WHERE a = $1 AND b = $2 FOR UPDATE");
    EXPECT_EQ(storage::sql::dialect_text(statement, Dialect::sqlite), "SELECT '?', x FROM t WHERE a = ? AND b = ?");
    EXPECT_EQ(storage::sql::dialect_text("WHERE a = ?2 OR b = ?1 OR c = ?12", Dialect::postgresql), "WHERE a = $2 OR b = $1 OR c = $12");
}

TEST(SqlDialect, ReplacedPlaceholdersNameTheirParameter) {
    const auto text = storage::sql::replace_placeholders("a = ?2, b = ?1, c = 'it''s ?'",
                                                         [](std::size_t index) { return "<" + std::to_string(index) + ">"; });
    EXPECT_EQ(text, "a = <1>, b = <0>, c = 'it''s ?'");
}

TEST(SqlDialect, MigrationsRenderEachDatabasesTypesAndSections) {
    const std::string text =
        "CREATE TABLE t (\n  id {serial_key},\n  body {bytes} NOT NULL\n){without_rowid};\n"
        "-- @sqlite\nCREATE TRIGGER s;\n-- @postgresql\nCREATE FUNCTION p();\n-- @end\nSELECT 1;\n";
    EXPECT_EQ(
        storage::render_migration(text, Dialect::sqlite),
        "CREATE TABLE t (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  body BLOB NOT NULL\n) WITHOUT ROWID;\nCREATE TRIGGER s;\nSELECT 1;\n");
    EXPECT_EQ(storage::render_migration(text, Dialect::postgresql),
              "CREATE TABLE t (\n  id BIGSERIAL PRIMARY KEY,\n  body BYTEA NOT NULL\n);\nCREATE FUNCTION p();\nSELECT 1;\n");
    // Every shipped migration renders with no token left over.
    for (const auto& migration : storage::migrations())
        for (const auto dialect : {Dialect::sqlite, Dialect::postgresql}) {
            const auto rendered = storage::render_migration(migration.text, dialect);
            EXPECT_EQ(rendered.find('{'), std::string::npos) << migration.name;
            EXPECT_EQ(rendered.find("-- @"), std::string::npos) << migration.name;
        }
}
