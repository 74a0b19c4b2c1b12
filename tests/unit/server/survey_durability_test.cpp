// An acknowledged answer is never lost: `ita serve` killed with SIGKILL 50 times while staff
// submit, on SQLite and on PostgreSQL. Every code that was answered with 303 is spent, every
// spent code's answers are held (spending and holding are one transaction), and once the window
// closes each of them is a response.
#include "../../support/pg_cluster.hpp"
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/survey_form.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

namespace {

using ita::test::free_port;
using ita::test::run;

constexpr int kills = 50;

// The form's answers (option 1 of every item) with `code` in front.
std::string full_answers(httplib::Client& client, const std::string& code) {
    std::string body;
    for (const auto& [item, values] : ita::test::survey_items(client, "/s/" + code, "/s", "code=" + code))
        body += "&" + item + "=" + values.front();
    return body;
}

std::string count_of(const std::string& db, const std::string& sql) {
    const bool postgres = db.starts_with("host=");
    const auto output =
        ita::test::output_of(postgres ? "psql -X -A -t -c \"" + sql + "\" '" + db + "'" : "sqlite3 " + db + " \"" + sql + "\"");
    return output.substr(0, output.find('\n'));
}

void kill_while_answering(const std::string& db, const ita::test::TempDir& files) {
    ASSERT_EQ(run("import --db '" + db + "' agencies " +
                  files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n")),
              0);
    ASSERT_EQ(run("season open --db '" + db + "' --year 2566"), 0);
    const auto issued =
        ita::test::output_of(std::string(ITA_BINARY) + " codes --db '" + db + "' --year 2566 --agency A1 --count 8000 2>/dev/null");
    std::vector<std::string> codes;
    for (std::size_t at = 0; at + 11 <= issued.size(); at = issued.find('\n', at) + 1) codes.push_back(issued.substr(at, 11));
    ASSERT_EQ(codes.size(), 8000u);

    std::string answers;
    std::atomic<std::size_t> next{0};
    std::mutex guard;
    std::vector<std::string> acknowledged;
    std::mt19937 random(7);
    for (int kill = 0; kill < kills; ++kill) {
        const int port = free_port();
        const pid_t server = ita::test::start_ita_serve(db, port);
        if (answers.empty()) {
            httplib::Client client("127.0.0.1", port);
            answers = full_answers(client, codes.back());
            ASSERT_FALSE(answers.empty());
        }
        std::atomic<bool> killed{false};
        std::vector<std::thread> staff;
        for (int sender = 0; sender < 2; ++sender)
            staff.emplace_back([&] {
                httplib::Client client("127.0.0.1", port);
                client.set_connection_timeout(1, 0);
                client.set_read_timeout(2, 0);
                while (!killed) {
                    const std::size_t index = next++;
                    if (index + 1 >= codes.size()) return;
                    const auto response = client.Post("/s", "code=" + codes[index] + answers, "application/x-www-form-urlencoded");
                    if (response && response->status == 303) {
                        const std::lock_guard lock(guard);
                        acknowledged.push_back(codes[index]);
                    } else if (!response) {
                        return;  // the server is gone: this answer's fate is unknown, and not counted
                    }
                }
            });
        std::this_thread::sleep_for(std::chrono::milliseconds(10 + random() % 30));
        ::kill(server, SIGKILL);
        killed = true;
        for (auto& sender : staff) sender.join();
        ::waitpid(server, nullptr, 0);
    }
    ASSERT_GT(acknowledged.size(), static_cast<std::size_t>(kills)) << "too few answers were sent to test anything";
    ASSERT_LT(next.load(), codes.size() - 1) << "the codes ran out before the last kill";

    // Every acknowledged code is spent: a server started afresh refuses each of them.
    const int port = free_port();
    const pid_t server = ita::test::start_ita_serve(db, port);
    httplib::Client client("127.0.0.1", port);
    std::size_t lost = 0;
    for (const auto& code : acknowledged)
        if (const auto again = client.Get("/s/" + code); !again || again->status != 410) ++lost;
    ::kill(server, SIGTERM);
    ::waitpid(server, nullptr, 0);
    std::printf("%zu acknowledged answers over %d kills, %zu lost\n", acknowledged.size(), kills, lost);
    EXPECT_EQ(lost, 0u) << lost << " of " << acknowledged.size() << " acknowledged answers were lost over " << kills << " kills";
    // Spending and holding are one transaction: as many held answers as spent codes.
    const std::string spent = count_of(db, "SELECT count(*) FROM survey_codes WHERE spent = 1");
    EXPECT_EQ(count_of(db, "SELECT count(*) FROM held_answers"), spent);
    EXPECT_GE(std::stoul(spent), acknowledged.size());
    // Closing the window releases every one of them.
    ASSERT_EQ(run("season open --db '" + db + "' --year 2566 --iit-open 2020-01-01 --iit-close 2020-12-31"), 0);
    ASSERT_EQ(run("score --db '" + db + "' --year 2566"), 0);
    EXPECT_EQ(count_of(db, "SELECT count(*) FROM responses"), spent);
    EXPECT_EQ(count_of(db, "SELECT count(*) FROM held_answers"), "0");
}

}  // namespace

TEST(SurveyDurability, KilledFiftyTimesOnSqliteLosesNoAcknowledgedAnswer) {
    ita::test::TempDir files;
    kill_while_answering(files.path("ita.db"), files);
}

TEST(SurveyDurability, KilledFiftyTimesOnPostgresLosesNoAcknowledgedAnswer) {
    ita::test::TempDir files;
    kill_while_answering(ita::test::PgCluster::shared().new_database(), files);
}
