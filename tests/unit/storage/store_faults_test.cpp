// Faults an import must survive: the process killed mid-transaction, two imports at once,
// a read-only database and a full one. Run against the real `ita` binary where a process
// boundary matters.
#include "../../support/pg_cluster.hpp"
#include "../../support/temp_files.hpp"

#include <ita/service/import_files.hpp>
#include <ita/storage/sqlite/sqlite_store.hpp>
#include <ita/storage/store.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <set>
#include <thread>

using namespace ita;

namespace {

struct Outcome {
    int exit_code = -1;
    int signal = 0;
    std::string output;
};

Outcome run_ita(const std::string& arguments, const std::string& environment = "") {
    const std::string command = environment + " " + std::string(ITA_BINARY) + " " + arguments + " 2>&1";
    Outcome outcome;
    std::FILE* pipe = ::popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) outcome.output.append(buffer.data(), read);
    const int status = ::pclose(pipe);
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    // sh reports a child killed by a signal as exit status 128 + signal.
    if (outcome.exit_code > 128) outcome.signal = outcome.exit_code - 128;
    return outcome;
}

std::size_t stored_responses(const std::string& db) {
    auto store = storage::open_store(db);
    EXPECT_TRUE(store) << store.error().to_string();
    std::size_t count = 0;
    if (store) (void)(*store)->for_each_response(2565, std::nullopt, [&](const storage::StoredResponse&) { ++count; });
    return count;
}

bool audit_mentions(const std::string& db, const std::string& action) {
    auto store = storage::open_store(db);
    const auto entries = (*store)->audit_log(1000);
    for (const auto& entry : *entries)
        if (entry.action == action) return true;
    return false;
}

class ImportFaults : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        m_db = GetParam() == "sqlite" ? m_files.path("ita.db") : test::PgCluster::shared().new_database();
        const auto gen = run_ita("gen --agencies 30 --seed 5 --year 2565 --out " + m_files.path("data"));
        ASSERT_EQ(gen.exit_code, 0) << gen.output;
        const auto agencies = run_ita("import --db '" + m_db + "' agencies " + m_files.path("data/agencies.csv"));
        ASSERT_EQ(agencies.exit_code, 0) << agencies.output;
    }
    test::TempDir m_files;
    std::string m_db;
};

}  // namespace

TEST_P(ImportFaults, AKilledImportLeavesTheDatabaseAsBefore) {
    const std::string responses = m_files.path("data/responses_iit.csv") + " " + m_files.path("data/responses_eit.csv");
    const auto killed = run_ita("import --db '" + m_db + "' --year 2565 responses " + responses, "ITA_FAULT_KILL_AFTER_ROWS=700");
    EXPECT_EQ(killed.signal, SIGKILL) << killed.output;
    EXPECT_EQ(stored_responses(m_db), 0u);
    EXPECT_FALSE(audit_mentions(m_db, "import responses"));
    const auto whole = run_ita("import --db '" + m_db + "' --year 2565 responses " + responses);
    ASSERT_EQ(whole.exit_code, 0) << whole.output;
    EXPECT_GT(stored_responses(m_db), 3000u);
    EXPECT_TRUE(audit_mentions(m_db, "import responses"));
}

TEST_P(ImportFaults, ConcurrentImportsNeverShowAPartialFile) {
    const std::string iit = m_files.path("data/responses_iit.csv");
    const std::string eit = m_files.path("data/responses_eit.csv");
    std::atomic<bool> done{false};
    std::set<std::size_t> seen;
    std::thread watcher([&] {
        while (!done) seen.insert(stored_responses(m_db));
    });
    Outcome first, second;
    std::thread a([&] { first = run_ita("import --db '" + m_db + "' --year 2565 responses " + iit); });
    std::thread b([&] { second = run_ita("import --db '" + m_db + "' --year 2565 responses " + eit); });
    a.join();
    b.join();
    done = true;
    watcher.join();
    ASSERT_EQ(first.exit_code, 0) << first.output;
    ASSERT_EQ(second.exit_code, 0) << second.output;
    const std::size_t total = stored_responses(m_db);
    // Every count a reader saw is a whole number of files: none, one of them, or both.
    std::set<std::size_t> allowed{0, total};
    const auto imported = [](const std::string& output) {
        const auto at = output.find("respondents: ");
        return at == std::string::npos ? 0ul : std::stoul(output.substr(at + 13));
    };
    allowed.insert(imported(first.output));
    allowed.insert(imported(second.output));
    EXPECT_EQ(imported(first.output) + imported(second.output), total);
    for (const auto count : seen) EXPECT_TRUE(allowed.contains(count)) << "a reader saw " << count << " responses";
}

TEST_P(ImportFaults, ConcurrentAgencyImportsNeverBothWinAConflict) {
    // Two files give one new agency different names at the same moment: without --replace one
    // of them must be refused as a conflict, never both written (the later silently winning).
    int both_won = 0;
    for (int round = 0; round < 20; ++round) {
        const std::string id = "R" + std::to_string(round);
        const auto first_file = m_files.write("a" + id + ".csv", "agency_id,name,type,province\n" + id + ",ชื่อแรก,เทศบาลตำบล,ขอนแก่น\n");
        const auto second_file = m_files.write("b" + id + ".csv", "agency_id,name,type,province\n" + id + ",ชื่อที่สอง,เทศบาลตำบล,ขอนแก่น\n");
        Outcome first, second;
        std::thread a([&] { first = run_ita("import --db '" + m_db + "' agencies " + first_file); });
        std::thread b([&] { second = run_ita("import --db '" + m_db + "' agencies " + second_file); });
        a.join();
        b.join();
        both_won += first.exit_code == 0 && second.exit_code == 0;
        EXPECT_TRUE(first.exit_code == 0 || second.exit_code == 0) << first.output << second.output;
    }
    EXPECT_EQ(both_won, 0) << "rounds in which both imports wrote the same new agency";
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportFaults, testing::Values("sqlite", "postgresql"),
                         [](const auto& test_info) { return test_info.param; });

TEST(SqliteFaults, ReadOnlyDatabaseIsAClearError) {
    test::TempDir files;
    const std::string path = files.path("ita.db");
    ASSERT_TRUE(storage::open_store(path));
    const auto agencies = files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลตำบล,ขอนแก่น\n");
    const auto outcome = run_ita("import --db 'file:" + path + "?mode=ro' agencies " + agencies);
    EXPECT_EQ(outcome.exit_code, 1) << outcome.output;
    EXPECT_NE(outcome.output.find("read-only"), std::string::npos) << outcome.output;
    auto store = storage::open_store(path);
    EXPECT_TRUE((*store)->agencies()->empty());
}

TEST(SqliteFaults, AFullDatabaseWritesNothing) {
    test::TempDir files;
    const std::string path = files.path("ita.db");
    auto store = storage::sqlite::SqliteStore::open(path);
    ASSERT_TRUE(store);
    std::string agencies = "agency_id,name,type,province\n";
    for (int agency = 0; agency < 3000; ++agency)
        agencies += "A" + std::to_string(agency) + ",หน่วยงานทดสอบที่มีชื่อยาวพอสมควร " + std::to_string(agency) + ",เทศบาลตำบล,ขอนแก่น\n";
    // Room for the schema and a little more, not for 3,000 agencies.
    ASSERT_TRUE((*store)->execute_for_test("PRAGMA max_page_count = 40"));
    service::ImportRequest request;
    request.kind = service::ImportKind::agencies;
    request.files = {files.write("agencies.csv", agencies)};
    const auto outcome = service::import_files(**store, request);
    ASSERT_FALSE(outcome);
    EXPECT_NE(outcome.error().message.find("full"), std::string::npos) << outcome.error().to_string();
    EXPECT_TRUE((*store)->agencies()->empty());
}
