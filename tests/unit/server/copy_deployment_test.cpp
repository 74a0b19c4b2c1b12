// Moving a SQLite deployment to PostgreSQL with `ita copy`: scores, ranks and the public page
// are the same afterwards, a code spent before stays spent, an unspent one still opens the
// survey, accounts sign in, and new rows get ids after the copied ones.
#include "../../support/pg_cluster.hpp"
#include "../../support/ports.hpp"
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/staff_answers.hpp"
#include "../../support/temp_files.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <sstream>

namespace {

using json = nlohmann::json;
const std::string json_type = "application/json";

// `ita serve` on `db` for the length of a scope.
class Served {
public:
    explicit Served(const std::string& db) : m_port(ita::test::free_port()), m_pid(ita::test::start_ita_serve(db, m_port)) {}
    ~Served() {
        ::kill(m_pid, SIGTERM);
        ::waitpid(m_pid, nullptr, 0);
    }
    Served(const Served&) = delete;
    Served& operator=(const Served&) = delete;
    [[nodiscard]] std::unique_ptr<httplib::Client> client() const { return std::make_unique<httplib::Client>("127.0.0.1", m_port); }

private:
    int m_port;
    pid_t m_pid;
};

}  // namespace

TEST(CopyDeployment, ASqliteSeasonMovesToPostgresWhole) {
    ita::test::TempDir files;
    const std::string sqlite = files.path("ita.db");
    ASSERT_EQ(ita::test::run("import --db " + sqlite + " agencies " +
                             files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    ASSERT_EQ(ita::test::run("import --db " + sqlite + " --year 2565 published " + std::string(ITA_SOURCE_DIR) +
                             "/tests/golden/2565/seed002_indicators/published.csv"),
              0);
    ASSERT_EQ(ita::test::run("publish --db " + sqlite + " --year 2565"), 0);
    ASSERT_EQ(ita::test::run("season open --db " + sqlite + " --year 2565"), 0);
    ASSERT_EQ(ita::test::add_user(sqlite, "nation", "national_admin"), 0);
    std::istringstream issued(
        ita::test::output_of(std::string(ITA_BINARY) + " codes --db " + sqlite + " --year 2565 --agency A1 --count 2 2>/dev/null"));
    std::string spent, unspent;
    std::getline(issued, spent);
    std::getline(issued, unspent);
    ASSERT_EQ(unspent.size(), 11u);
    {
        Served served(sqlite);
        EXPECT_EQ(served.client()->Post("/api/v1/staff-survey/" + spent, ita::test::full_staff_answers_json(), json_type)->status, 201);
    }

    const std::string postgres = ita::test::PgCluster::shared().new_database();
    const auto copied = ita::test::run_ita("copy --from " + sqlite + " --to '" + postgres + "'");
    ASSERT_EQ(copied.exit_code, 0) << copied.output;
    EXPECT_NE(copied.output.find("ita copy: responses: "), std::string::npos) << copied.output;
    EXPECT_NE(copied.output.find("copied in one transaction"), std::string::npos) << copied.output;

    // The same figures from either database.
    for (const std::string command : {"score --year 2565 --format json", "rank --year 2565 --format json"}) {
        const auto from_sqlite = ita::test::run_ita(command + " --db " + sqlite, false);
        const auto from_postgres = ita::test::run_ita(command + " --db '" + postgres + "'", false);
        ASSERT_EQ(from_sqlite.exit_code, 0) << command;
        EXPECT_EQ(from_postgres.output, from_sqlite.output) << command;
    }
    {
        Served served(postgres);
        auto owned = served.client();
        auto& client = *owned;
        // The codes' keyed hashes and the spent mark came along, under the same secrets file.
        EXPECT_EQ(client.Post("/api/v1/staff-survey/" + spent, ita::test::full_staff_answers_json(), json_type)->status, 410);
        EXPECT_EQ(client.Post("/api/v1/staff-survey/" + unspent, ita::test::full_staff_answers_json(), json_type)->status, 201);
        // The password hash came along; signing in writes a session and an audit entry, whose
        // id must come after the copied ones.
        const auto signed_in = client.Post("/api/v1/session", R"({"user":"nation","password":"correct horse battery"})", json_type);
        ASSERT_TRUE(signed_in);
        EXPECT_EQ(signed_in->status, 201) << signed_in->body;
        const auto page = client.Get("/agency/A1?year=2565");
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 200);
        EXPECT_NE(page->body.find("83.94"), std::string::npos);
    }
    // Only into an empty PostgreSQL database, only from a SQLite file.
    const auto again = ita::test::run_ita("copy --from " + sqlite + " --to '" + postgres + "'");
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_NE(again.output.find("already holds data"), std::string::npos) << again.output;
    EXPECT_EQ(ita::test::run_ita("copy --from " + sqlite + " --to " + files.path("other.db")).exit_code, 2);
    EXPECT_EQ(ita::test::run_ita("copy --from '" + postgres + "' --to '" + postgres + "'").exit_code, 2);
}
