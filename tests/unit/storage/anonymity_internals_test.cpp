// Staff anonymity against the database's own internals (ARCHITECTURE.md, "Threat model"): an
// attacker who reads the database, its WAL or its row versions, holding the printed code sheet,
// must not be able to tie a spent code to an answer set better than chance among k = 5
// respondents of the agency (or all of them, when it has fewer). Each test replays what such an
// attacker sees: every SQLite commit in the WAL, one at a time; every PostgreSQL row version's
// transaction id and position.
#include "../../support/pg_cluster.hpp"
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <ita/core/answer_layout.hpp>
#include <ita/ingest/answer_option.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/import_files.hpp>
#include <ita/service/season.hpp>
#include <ita/service/surveys.hpp>
#include <ita/storage/secrets.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>
#include <ita/util/clock.hpp>

#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace ita;

namespace {

constexpr int year = 2566;
constexpr std::size_t k = 5;
// A1 has more respondents than k, A2 fewer: both must come out linked to no one.
const std::map<std::string, int> respondents_of{{"A1", 12}, {"A2", 3}};

std::string read_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
}

// Respondent n answers I7, I8.1 and I8.2 with the base-4 digits of n (only the test knows
// which answers are whose) and every other IIT sub-item validly.
std::map<std::string, std::string> answers_of(const core::Methodology& methodology, int number) {
    const core::AnswerLayout layout(methodology);
    std::map<std::string, std::string> fields;
    for (const auto sub_item : layout.sub_items(core::Instrument::iit)) {
        const auto& spec = methodology.sub_items[sub_item];
        fields[spec.code] = core::is_yes_no(spec.kind) ? "yes" : "3";
    }
    fields["I7"] = std::to_string(1 + number / 16);
    fields["I8.1"] = std::to_string(1 + (number / 4) % 4);
    fields["I8.2"] = std::to_string(1 + number % 4);
    return fields;
}

int respondent_number(const core::Methodology& methodology, std::span<const unsigned char> packed) {
    const core::AnswerLayout layout(methodology);
    const auto at = [&](const char* code) { return packed[layout.position(*methodology.sub_item_index(code))] - 1; };
    return at("I7") * 16 + at("I8.1") * 4 + at("I8.2");
}

void open_iit(storage::Store& store, const std::string& closes) {
    service::SeasonRequest season;
    season.fiscal_year = year;
    season.opens["iit"] = "2020-01-01";
    if (!closes.empty()) season.closes["iit"] = closes;
    season.today = util::bangkok_date_today();
    const auto opened = service::open_season(store, season);
    ASSERT_TRUE(opened) << opened.error().to_string();
}

// Agencies A1 and A2, the IIT window open, their codes issued, every respondent's answers
// submitted through the service (as the web form does), then the window closed and the
// answers released. `between` runs after setting up, before the first submission.
void run_season(storage::Store& store, const test::TempDir& files, const std::function<void()>& between) {
    service::ImportRequest agencies;
    agencies.kind = service::ImportKind::agencies;
    agencies.files = {files.write("agencies.csv",
                                  "agency_id,name,type,province,headcount\nA1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น,20\n"
                                  "A2,เทศบาลตำบลสอง,เทศบาลตำบล,ขอนแก่น,4\n")};
    ASSERT_TRUE(service::import_files(store, agencies));
    open_iit(store, "");
    const auto methodology = ingest::load_methodology(year, std::nullopt);
    ASSERT_TRUE(methodology);
    std::vector<std::pair<std::string, int>> order;  // code's agency, respondent number, in submission order
    std::vector<std::string> codes;
    for (const auto& [agency, count] : respondents_of) {
        const auto issued = service::issue_codes(store, year, agency, static_cast<std::size_t>(count), std::nullopt, "test");
        ASSERT_TRUE(issued) << issued.error().to_string();
        for (int index = 0; index < count; ++index) order.emplace_back(agency, index);
        codes.insert(codes.end(), issued->begin(), issued->end());
    }
    between();
    // Interleaved, as staff of two agencies would answer.
    std::vector<std::size_t> sequence(codes.size());
    for (std::size_t index = 0; index < sequence.size(); ++index) sequence[index] = index;
    std::stable_sort(sequence.begin(), sequence.end(), [&](std::size_t a, std::size_t b) { return order[a].second < order[b].second; });
    for (const auto index : sequence) {
        const auto submitted = service::submit_survey(store, codes[index], answers_of(*methodology, order[index].second), std::nullopt,
                                                      util::bangkok_date_today());
        ASSERT_TRUE(submitted) << submitted.error().to_string();
    }
    open_iit(store, "2020-12-31");
    const auto released = service::release_closed_surveys(store, year, util::bangkok_date_today());
    ASSERT_TRUE(released) << released.error().to_string();
    EXPECT_EQ(*released, codes.size());
}

// What one state of the database says: spent codes and answer rows, per agency.
struct State {
    std::map<std::string, int> spent;
    std::map<std::int64_t, std::string> responses;  // id → agency
    int held = 0;
};

State read_state(const std::string& path) {
    State state;
    sqlite3* database = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(database, "SELECT agency_id, count(*) FROM survey_codes WHERE spent = 1 GROUP BY agency_id", -1, &statement,
                       nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW)
        state.spent[reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))] = sqlite3_column_int(statement, 1);
    sqlite3_finalize(statement);
    statement = nullptr;
    sqlite3_prepare_v2(database, "SELECT response_id, agency_id FROM responses", -1, &statement, nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW)
        state.responses[sqlite3_column_int64(statement, 0)] = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    sqlite3_finalize(statement);
    statement = nullptr;
    if (sqlite3_prepare_v2(database, "SELECT count(*) FROM held_answers", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        state.held = sqlite3_column_int(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(database);
    return state;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) | static_cast<unsigned char>(bytes[at + 3]);
}

// The WAL's length after each commit frame (https://sqlite.org/fileformat2.html#the_write_ahead_log).
std::vector<std::size_t> commit_boundaries(const std::string& wal) {
    std::vector<std::size_t> boundaries;
    if (wal.size() < 32) return boundaries;
    const std::size_t page_size = big_endian(wal, 8);
    const std::size_t frame = 24 + page_size;
    for (std::size_t at = 32; at + frame <= wal.size(); at += frame)
        if (big_endian(wal, at + 4) != 0) boundaries.push_back(at + frame);
    return boundaries;
}

// Fails when a commit (or transaction) that added answer rows is one that spent a code, or
// added fewer of an agency's rows than min(k, that agency's respondents).
void expect_unlinkable(const std::map<std::string, int>& added_by_agency, int spent, const std::string& where) {
    int added = 0;
    for (const auto& [agency, count] : added_by_agency) {
        added += count;
        EXPECT_GE(static_cast<std::size_t>(count), std::min<std::size_t>(k, static_cast<std::size_t>(respondents_of.at(agency))))
            << where << " adds " << count << " answer row(s) of " << agency << ": they are told apart from the rest";
    }
    if (spent > 0) {
        EXPECT_EQ(added, 0) << where << " spends " << spent << " code(s) and adds " << added << " answer row(s)";
    }
}

// Points ITA_SECRETS at a file of the test's own for the test's length.
class SecretsFile {
public:
    explicit SecretsFile(const std::string& path) {
        if (const char* before = std::getenv("ITA_SECRETS")) m_before = before;
        ::setenv("ITA_SECRETS", path.c_str(), 1);
    }
    ~SecretsFile() {
        if (m_before)
            ::setenv("ITA_SECRETS", m_before->c_str(), 1);
        else
            ::unsetenv("ITA_SECRETS");
    }

private:
    std::optional<std::string> m_before;
};

}  // namespace

TEST(AnonymityInternals, NoSqliteWalCommitLinksACodeToItsAnswers) {
    test::TempDir files;
    const SecretsFile secrets(files.path("secrets"));
    const std::string path = files.path("ita.db");
    auto store = storage::sqlite::SqliteStore::open(path);
    ASSERT_TRUE(store) << store.error().to_string();
    std::string database_before, wal;
    run_season(**store, files, [&] {
        // From here every commit stays in the WAL, as in a copy taken while the server runs.
        ASSERT_TRUE((*store)->execute_for_test("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0"));
        database_before = read_bytes(path);
    });
    wal = read_bytes(path + "-wal");
    store->reset();

    const auto boundaries = commit_boundaries(wal);
    ASSERT_GE(boundaries.size(), 15u) << "every submission is a commit of its own";
    const std::string replay = files.path("replay.db");
    const auto state_at = [&](std::size_t wal_length) {
        std::filesystem::remove(replay + "-wal");
        std::filesystem::remove(replay + "-shm");
        std::ofstream(replay, std::ios::binary | std::ios::trunc) << database_before;
        if (wal_length > 0) std::ofstream(replay + "-wal", std::ios::binary | std::ios::trunc) << wal.substr(0, wal_length);
        return read_state(replay);
    };
    State previous = state_at(0);
    EXPECT_TRUE(previous.responses.empty());
    int commits_that_spent = 0, commits_that_added = 0;
    for (std::size_t commit = 0; commit < boundaries.size(); ++commit) {
        const State now = state_at(boundaries[commit]);
        int spent = 0;
        for (const auto& [agency, count] : now.spent) spent += count - (previous.spent.contains(agency) ? previous.spent.at(agency) : 0);
        std::map<std::string, int> added;
        for (const auto& [id, agency] : now.responses)
            if (!previous.responses.contains(id)) ++added[agency];
        expect_unlinkable(added, spent, "WAL commit " + std::to_string(commit + 1));
        commits_that_spent += spent > 0;
        commits_that_added += !added.empty();
        previous = now;
    }
    // The replay saw what happened: each code spent in a commit of its own, all answers after.
    EXPECT_EQ(commits_that_spent, 15);
    EXPECT_EQ(commits_that_added, 1);
    EXPECT_EQ(previous.spent, (std::map<std::string, int>{{"A1", 12}, {"A2", 3}}));
    EXPECT_EQ(previous.responses.size(), 15u);
    EXPECT_EQ(previous.held, 0);
    // Nor does the order of the rows follow the order of submission.
    const auto methodology = ingest::load_methodology(year, std::nullopt);
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(database, "SELECT answers FROM responses WHERE agency_id = 'A1' ORDER BY rowid", -1, &rows, nullptr);
    std::vector<int> order;
    while (sqlite3_step(rows) == SQLITE_ROW)
        order.push_back(respondent_number(*methodology, {static_cast<const unsigned char*>(sqlite3_column_blob(rows, 0)),
                                                         static_cast<std::size_t>(sqlite3_column_bytes(rows, 0))}));
    sqlite3_finalize(rows);
    sqlite3_close(database);
    ASSERT_EQ(order.size(), 12u);
    EXPECT_FALSE(std::is_sorted(order.begin(), order.end())) << "rows stored in the order they were submitted (chance: 1 in 12!)";
}

TEST(AnonymityInternals, NoPostgresTransactionIdOrRowPositionLinksACodeToItsAnswers) {
    test::TempDir files;
    const SecretsFile secrets(files.path("secrets"));
    const std::string conninfo = test::PgCluster::shared().new_database();
    auto store = storage::open_store(conninfo);
    ASSERT_TRUE(store) << store.error().to_string();
    run_season(**store, files, [] {});
    store->reset();
    const auto query = [&](const std::string& sql) {
        return test::output_of("psql -X -A -t -F '|' -c \"" + sql + "\" '" + conninfo + "' 2>&1");
    };

    std::set<std::string> code_transactions;
    std::istringstream spent(query("SELECT xmin FROM survey_codes WHERE spent = 1"));
    for (std::string line; std::getline(spent, line);)
        if (!line.empty()) code_transactions.insert(line);
    EXPECT_EQ(code_transactions.size(), 15u) << "each code is spent in a transaction of its own";
    std::map<std::string, std::map<std::string, int>> added_by_transaction;
    std::istringstream rows(query("SELECT xmin, agency_id FROM responses"));
    int total = 0;
    for (std::string line; std::getline(rows, line);) {
        if (line.empty()) continue;
        const auto bar = line.find('|');
        ++added_by_transaction[line.substr(0, bar)][line.substr(bar + 1)];
        ++total;
    }
    EXPECT_EQ(total, 15);
    for (const auto& [transaction, added] : added_by_transaction)
        expect_unlinkable(added, code_transactions.contains(transaction) ? 1 : 0, "transaction " + transaction);
    EXPECT_EQ(query("SELECT count(*) FROM held_answers"), "0\n");

    // Row positions (ctid) follow no order of submission either.
    const auto methodology = ingest::load_methodology(year, std::nullopt);
    std::istringstream packed(query("SELECT encode(answers, 'hex') FROM responses WHERE agency_id = 'A1' ORDER BY ctid"));
    std::vector<int> order;
    for (std::string hex; std::getline(packed, hex);) {
        if (hex.empty()) continue;
        std::vector<unsigned char> bytes;
        for (std::size_t at = 0; at + 1 < hex.size(); at += 2)
            bytes.push_back(static_cast<unsigned char>(std::stoi(hex.substr(at, 2), nullptr, 16)));
        order.push_back(respondent_number(*methodology, bytes));
    }
    ASSERT_EQ(order.size(), 12u);
    EXPECT_FALSE(std::is_sorted(order.begin(), order.end())) << "rows stored in the order they were submitted (chance: 1 in 12!)";
}

TEST(AnonymityInternals, HeldAnswersAreSealedUntilTheWindowCloses) {
    test::TempDir files;
    const SecretsFile secrets(files.path("secrets"));
    auto store = storage::sqlite::SqliteStore::open(files.path("ita.db"));
    ASSERT_TRUE(store);
    service::ImportRequest agencies;
    agencies.kind = service::ImportKind::agencies;
    agencies.files = {files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\n")};
    ASSERT_TRUE(service::import_files(**store, agencies));
    open_iit(**store, "");
    const auto methodology = ingest::load_methodology(year, std::nullopt);
    const auto codes = service::issue_codes(**store, year, "A1", 1, std::nullopt, "test");
    ASSERT_TRUE(codes);
    ASSERT_TRUE(service::submit_survey(**store, codes->front(), answers_of(*methodology, 0), std::nullopt, util::bangkok_date_today()));
    // The window is open: nothing to release, and the held bytes are not the answers.
    EXPECT_EQ(*service::release_closed_surveys(**store, year, util::bangkok_date_today()), 0u);
    EXPECT_EQ(*(*store)->respondent_count(year, "A1", core::Instrument::iit), 1u);
    ASSERT_TRUE((*store)->execute_for_test("PRAGMA wal_checkpoint(TRUNCATE)"));
    const core::AnswerLayout layout(*methodology);
    std::string plain;
    for (const auto sub_item : layout.sub_items(core::Instrument::iit)) {
        const auto& spec = methodology->sub_items[sub_item];
        plain +=
            static_cast<char>(core::AnswerLayout::pack(*ingest::parse_answer_option(spec.kind, answers_of(*methodology, 0).at(spec.code))));
    }
    EXPECT_EQ(read_bytes(files.path("ita.db")).find(plain), std::string::npos) << "a held answer is readable in the database file";
    // A key other than the deployment's cannot open it (the release fails, nothing is lost).
    {
        const SecretsFile other(files.path("other-secrets"));
        auto wrong = storage::sqlite::SqliteStore::open(files.path("ita.db"));
        ASSERT_FALSE(wrong);
        EXPECT_NE(wrong.error().message.find("ITA_SECRETS"), std::string::npos) << wrong.error().message;
    }
    open_iit(**store, "2020-12-31");
    EXPECT_EQ(*service::release_closed_surveys(**store, year, util::bangkok_date_today()), 1u);
    EXPECT_EQ(*(*store)->respondent_count(year, "A1", core::Instrument::iit), 1u);
}

TEST(AnonymityInternals, TheKeyLivesInTheSecretsFileNotTheDatabase) {
    test::TempDir files;
    const std::string path = files.path("ita.db");
    std::vector<std::uint8_t> key;
    {
        const SecretsFile secrets(files.path("keys/first"));
        auto store = storage::sqlite::SqliteStore::open(path);
        ASSERT_TRUE(store) << store.error().to_string();
        const auto created = storage::read_secrets(files.path("keys/first"));
        ASSERT_TRUE(created) << created.error().to_string();
        key = created->key;
        struct stat status {};
        ASSERT_EQ(::stat(files.path("keys/first").c_str(), &status), 0);
        EXPECT_EQ(status.st_mode & 0777, 0600u);
        ASSERT_TRUE((*store)->execute_for_test("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const std::string database = read_bytes(path);
    EXPECT_EQ(database.find(std::string(key.begin(), key.end())), std::string::npos) << "the key is in the database file";

    // A database of an older schema kept its key in `settings`: opening it moves the key out
    // (to a new secrets file) and leaves no copy in the file.
    const std::vector<std::uint8_t> old_key(32, 0x5A);
    {
        const SecretsFile secrets(files.path("keys/first"));
        auto store = storage::sqlite::SqliteStore::open(path);
        ASSERT_TRUE(store);
        ASSERT_TRUE(
            (*store)->execute_for_test("DELETE FROM settings; INSERT INTO settings (name, value) VALUES ('respondent_secret', "
                                       "X'5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A')"));
    }
    {
        const SecretsFile secrets(files.path("keys/moved"));
        auto store = storage::sqlite::SqliteStore::open(path);
        ASSERT_TRUE(store) << store.error().to_string();
        const auto moved = storage::read_secrets(files.path("keys/moved"));
        ASSERT_TRUE(moved);
        EXPECT_EQ(moved->key, old_key);
    }
    EXPECT_EQ(read_bytes(path).find(std::string(old_key.begin(), old_key.end())), std::string::npos) << "the old key stayed in the file";
    EXPECT_EQ(read_bytes(path + "-wal").find(std::string(old_key.begin(), old_key.end())), std::string::npos)
        << "the old key stayed in the WAL";
    // The first file is not this database's any more; a missing file is named.
    for (const auto& wrong : {files.path("keys/first"), files.path("keys/none")}) {
        const SecretsFile secrets(wrong);
        auto store = storage::sqlite::SqliteStore::open(path);
        ASSERT_FALSE(store);
        EXPECT_NE(store.error().message.find(wrong), std::string::npos) << store.error().message;
        EXPECT_NE(store.error().message.find("ITA_SECRETS"), std::string::npos) << store.error().message;
    }
}
