// Answers are anonymous by construction: nothing stored names a respondent or their order.
#include "../../support/pg_cluster.hpp"
#include "../../support/temp_files.hpp"

#include <ita/core/answer_layout.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/import_files.hpp>
#include <ita/storage/held_answers.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>

#include <gtest/gtest.h>

#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

using namespace ita;

namespace {

constexpr int respondent_count = 60;

// Respondent n answers I7, I8.1 and I8.2 with the base-4 digits of n, so the test (and only the
// test, which knows the file) can tell the stored rows apart.
std::string responses_with_names() {
    std::string text = "agency_id,instrument,respondent,I7,I8.1,I8.2\n";
    for (int number = 0; number < respondent_count; ++number)
        text += "A1,IIT,staff-somchai-" + std::to_string(number) + "," + std::to_string(1 + number / 16) + "," +
                std::to_string(1 + (number / 4) % 4) + "," + std::to_string(1 + number % 4) + "\n";
    return text;
}

void import_named_responses(storage::Store& store, const test::TempDir& files) {
    service::ImportRequest agencies;
    agencies.kind = service::ImportKind::agencies;
    agencies.files = {files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลตำบลทดสอบ,เทศบาลตำบล,ขอนแก่น\n")};
    ASSERT_TRUE(service::import_files(store, agencies));
    service::ImportRequest responses;
    responses.kind = service::ImportKind::responses;
    responses.fiscal_year = 2565;
    responses.files = {files.write("responses.csv", responses_with_names())};
    const auto imported = service::import_files(store, responses);
    ASSERT_TRUE(imported) << imported.error().to_string();
}

std::string run(const std::string& command) {
    std::string output;
    std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), read);
    ::pclose(pipe);
    return output;
}

// No day, no time, nothing of a code: schema 10 dropped the day web answers carried. The EIT
// part (schema 13) says only how an answer came in, the same for every web answer of a year,
// and an IIT row never has one.
const std::set<std::string> allowed_columns{"response_id", "fiscal_year", "agency_id", "instrument", "respondent_key", "answers", "part"};

}  // namespace

TEST(Anonymity, SqliteKeepsNoLabelNoTimeAndNoOrder) {
    test::TempDir files;
    const std::string path = files.path("ita.db");
    {
        auto store = storage::sqlite::SqliteStore::open(path);
        ASSERT_TRUE(store);
        import_named_responses(**store, files);
        ASSERT_TRUE((*store)->execute_for_test("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    // No byte of the database file carries a respondent's label.
    std::ifstream file(path, std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    EXPECT_EQ(bytes.str().find("somchai"), std::string::npos);

    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* columns = nullptr;
    sqlite3_prepare_v2(database, "SELECT name FROM pragma_table_info('responses')", -1, &columns, nullptr);
    std::set<std::string> names;
    while (sqlite3_step(columns) == SQLITE_ROW) names.insert(reinterpret_cast<const char*>(sqlite3_column_text(columns, 0)));
    sqlite3_finalize(columns);
    EXPECT_EQ(names, allowed_columns);
    sqlite3_prepare_v2(database, "SELECT count(*) FROM responses WHERE instrument = 'IIT' AND part <> ''", -1, &columns, nullptr);
    ASSERT_EQ(sqlite3_step(columns), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(columns, 0), 0);
    sqlite3_finalize(columns);
    // When answers arrived is kept only as counts: nothing there names or orders a response.
    sqlite3_prepare_v2(database, "SELECT name FROM pragma_table_info('submission_timing')", -1, &columns, nullptr);
    std::set<std::string> timing;
    while (sqlite3_step(columns) == SQLITE_ROW) timing.insert(reinterpret_cast<const char*>(sqlite3_column_text(columns, 0)));
    sqlite3_finalize(columns);
    EXPECT_EQ(timing, (std::set<std::string>{"fiscal_year", "agency_id", "instrument", "hour", "duration", "submissions"}));

    // Rows in storage order, decoded back to the respondent number the file gave them.
    const auto methodology = ingest::load_methodology(2565, std::nullopt);
    ASSERT_TRUE(methodology);
    const core::AnswerLayout layout(*methodology);
    const auto position = [&](const char* code) { return layout.position(*methodology->sub_item_index(code)); };
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(database, "SELECT answers FROM responses ORDER BY rowid", -1, &rows, nullptr);
    std::vector<int> order;
    while (sqlite3_step(rows) == SQLITE_ROW) {
        const auto* answers = static_cast<const unsigned char*>(sqlite3_column_blob(rows, 0));
        const int i7 = answers[position("I7")], i8_1 = answers[position("I8.1")], i8_2 = answers[position("I8.2")];
        order.push_back((i7 - 1) * 16 + (i8_1 - 1) * 4 + (i8_2 - 1));
    }
    sqlite3_finalize(rows);
    sqlite3_close(database);
    ASSERT_EQ(order.size(), static_cast<std::size_t>(respondent_count));
    EXPECT_EQ(std::set<int>(order.begin(), order.end()).size(), static_cast<std::size_t>(respondent_count));
    // Stored order is random: the chance that 60 rows come back in file order is 1/60!.
    EXPECT_FALSE(std::is_sorted(order.begin(), order.end()));
}

TEST(Anonymity, PostgresKeepsNoLabelColumn) {
    const std::string conninfo = test::PgCluster::shared().new_database();
    auto store = storage::open_store(conninfo);
    ASSERT_TRUE(store);
    test::TempDir files;
    import_named_responses(**store, files);
    const std::string columns =
        run("psql -X -A -t -c \"SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'\" '" + conninfo + "'");
    std::set<std::string> names;
    std::istringstream lines(columns);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) names.insert(line);
    EXPECT_EQ(names, allowed_columns);
    const std::string dump = run("pg_dump --data-only '" + conninfo + "'");
    EXPECT_NE(dump.find("COPY public.responses"), std::string::npos) << dump.substr(0, 500);
    EXPECT_EQ(dump.find("somchai"), std::string::npos);
}

TEST(AuditLog, IsAppendOnlyOnBothBackends) {
    test::TempDir files;
    auto sqlite_store = storage::sqlite::SqliteStore::open(files.path("ita.db"));
    ASSERT_TRUE(sqlite_store);
    import_named_responses(**sqlite_store, files);
    const auto update = (*sqlite_store)->execute_for_test("UPDATE audit_log SET actor = 'someone else'");
    ASSERT_FALSE(update);
    EXPECT_NE(update.error().message.find("append-only"), std::string::npos);
    EXPECT_FALSE((*sqlite_store)->execute_for_test("DELETE FROM audit_log"));
    EXPECT_EQ((*sqlite_store)->audit_log(10)->size(), 2u);

    const std::string conninfo = test::PgCluster::shared().new_database();
    auto pg_store = storage::open_store(conninfo);
    ASSERT_TRUE(pg_store);
    import_named_responses(**pg_store, files);
    EXPECT_NE(run("psql -X -c \"DELETE FROM audit_log\" '" + conninfo + "'").find("append-only"), std::string::npos);
    EXPECT_EQ((*pg_store)->audit_log(10)->size(), 2u);
}

// Answers held when ita is upgraded were sealed in format 1 (before EIT parts): they still open,
// in no part, and format 2 keeps the part.
TEST(HeldAnswers, FormatOneStillOpensAndFormatTwoKeepsThePart) {
    ASSERT_GE(sodium_init(), 0);
    const std::vector<std::uint8_t> secret(32, 7);
    std::array<std::uint8_t, crypto_secretbox_KEYBYTES> key{};
    constexpr std::string_view purpose = "ita held answers v1";
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), secret.data(),
                       secret.size());
    // Format 1: version, hour, duration (each length-prefixed), then the packed answers.
    std::vector<std::uint8_t> plain{1, 2, 'h', '1', 1, 'd', 3, 4};
    std::vector<std::uint8_t> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES, plain.data(), plain.size(), sealed.data(), key.data());
    const auto old = storage::open_submission(secret, sealed);
    ASSERT_TRUE(old) << old.error().to_string();
    EXPECT_EQ(old->hour, "h1");
    EXPECT_EQ(old->duration, "d");
    EXPECT_EQ(old->part, "");
    EXPECT_EQ(old->packed, (std::vector<std::uint8_t>{3, 4}));

    const auto now = storage::open_submission(secret, storage::seal_submission(secret, {{2, 1}, "2026-05-31T04", "under_1m", "1"}));
    ASSERT_TRUE(now) << now.error().to_string();
    EXPECT_EQ(now->part, "1");
    EXPECT_EQ(now->packed, (std::vector<std::uint8_t>{2, 1}));
}
