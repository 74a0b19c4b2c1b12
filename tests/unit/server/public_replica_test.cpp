// The public side on PostgreSQL as deployed nationally: two `ita serve` processes share one
// primary; the second serves its public pages from a real streaming replica (--db-read). A
// publication made through the first process's web page reaches the second's pages, through
// replication, without anything else telling it.
#include "../../support/pg_cluster.hpp"
#include "../../support/server_fixture.hpp"

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::sign_in;

std::string body_after(httplib::Client& client, const std::string& path, const std::string& text) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (auto response = client.Get(path); response && response->body.find(text) != std::string::npos) return response->body;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "";
}

}  // namespace

TEST(PublicReplica, APublicationOnThePrimaryReachesAServerReadingTheReplica) {
    auto& cluster = ita::test::PgCluster::shared();
    const std::string primary = cluster.new_database();
    ita::test::TempDir files;
    ASSERT_EQ(run("import --db '" + primary + "' agencies " +
                  files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    ASSERT_EQ(run("import --db '" + primary + "' --year 2565 published " + std::string(ITA_SOURCE_DIR) +
                  "/tests/golden/2565/seed002_indicators/published.csv"),
              0);
    ASSERT_EQ(add_user("'" + primary + "'", "nation", "national_admin"), 0);
    const std::string replica = cluster.replica_conninfo(primary.substr(primary.rfind('=') + 1));

    ita::test::ServedProcess writer(primary, "");
    ita::test::ServedProcess reader(primary, replica);
    const auto before = reader.client->Get("/agency/A1");
    ASSERT_TRUE(before) << "the reader did not start";
    EXPECT_NE(before->body.find("ยังไม่มีผลการประเมินที่เผยแพร่"), std::string::npos);

    // The national admin publishes through the first process's page.
    auto [cookie, csrf] = sign_in(*writer.client, "nation");
    const auto preview = writer.client->Get("/national/publish?year=2565", cookie);
    ASSERT_TRUE(preview);
    const auto at = preview->body.find(R"(name="digest" value=")");
    ASSERT_NE(at, std::string::npos) << preview->body;
    const std::string digest = preview->body.substr(at + 21, preview->body.find('"', at + 21) - at - 21);
    const auto published = writer.client->Post(
        "/national/publish", cookie,
        "year=2565&csrf=" + csrf + "&digest=" + digest + "&confirmation=" + httplib::detail::encode_query_param("เผยแพร่ผลปี 2565"),
        "application/x-www-form-urlencoded");
    ASSERT_TRUE(published);
    EXPECT_EQ(published->status, 303);
    EXPECT_EQ(published->get_header_value("Location"), "/national/publish?year=2565&done=published");
    // The writer shows it at once (it dropped its own cache) …
    const auto at_once = writer.client->Get("/agency/A1");
    ASSERT_TRUE(at_once);
    EXPECT_NE(at_once->body.find("83.94"), std::string::npos);
    // … and the reader, whose public pages come from the replica, within moments.
    const std::string page = body_after(*reader.client, "/agency/A1", "83.94");
    EXPECT_NE(page.find("ลำดับที่ 1 จาก 1 เทศบาลเมือง"), std::string::npos);
    EXPECT_NE(body_after(*reader.client, "/national", "2565").find("ปีงบประมาณ พ.ศ. 2565"), std::string::npos);

    // The replica is read-only: the reader's sign-in and admin pages still use the primary.
    auto [reader_cookie, reader_csrf] = sign_in(*reader.client, "nation");
    EXPECT_FALSE(reader_csrf.empty());
    EXPECT_EQ(reader.client->Get("/national/season", reader_cookie)->status, 200);
}
