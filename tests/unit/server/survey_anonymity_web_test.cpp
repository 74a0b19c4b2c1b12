// Live-score differencing by the working group (ARCHITECTURE.md, "Threat model"): reading the
// agency's scores before and after one colleague submits must tell nothing of that colleague's
// answers. Before publication no IIT figure is shown until the survey window has closed with its
// minimum sample, and then only to two decimals.
#include "../../support/server_fixture.hpp"
#include "../../support/shell.hpp"
#include "../../support/survey_form.hpp"

#include <nlohmann/json.hpp>

#include <regex>

namespace {

using ita::test::run;
using ita::test::ServerTest;

// Every radio group of the form behind `code`, answered with option (item + respondent) of its options.
std::string answers_for(httplib::Client& client, const std::string& code, int respondent) {
    const auto items = ita::test::survey_items(client, "/s/" + code, "/s", "code=" + code);
    if (items.empty()) return {};
    std::string body = "code=" + code;
    for (std::size_t item = 0; item < items.size(); ++item)
        body +=
            "&" + items[item].first + "=" + items[item].second[(item + static_cast<std::size_t>(respondent)) % items[item].second.size()];
    return body;
}

}  // namespace

TEST_F(ServerTest, LiveScoresRevealNoOneColleaguesAnswers) {
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566"), 0);
    const auto session = m_client->Post("/api/v1/session", R"({"user":"wg","password":"correct horse battery"})", "application/json");
    ASSERT_TRUE(session && session->status == 201) << (session ? session->body : "no answer");
    const httplib::Headers bearer{{"Authorization", "Bearer " + nlohmann::json::parse(session->body).at("token").get<std::string>()}};
    ASSERT_EQ(m_client->Put("/api/v1/agencies/A1/headcount?year=2566", bearer, R"({"headcount":12})", "application/json")->status, 200);
    const auto codes =
        ita::test::output_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2566 --agency A1 --count 11 2>/dev/null");
    std::vector<std::string> code_list;
    for (std::size_t at = 0; at + 11 <= codes.size(); at = codes.find('\n', at) + 1) code_list.push_back(codes.substr(at, 11));
    ASSERT_EQ(code_list.size(), 11u) << codes;

    const auto scores = [&] {
        const auto response = m_client->Get("/api/v1/agencies/A1/scores?year=2566", bearer);
        EXPECT_TRUE(response && response->status == 200) << (response ? response->body : "no answer");
        return response ? nlohmann::json::parse(response->body) : nlohmann::json{};
    };
    const auto no_staff_figure = [](const nlohmann::json& shown) {
        EXPECT_TRUE(shown.at("instruments").at("IIT").is_null()) << shown.dump();
        EXPECT_TRUE(shown.at("overall").is_null()) << shown.dump();
        for (const auto& [question, score] : shown.at("questions").items())
            if (question.starts_with("I")) {
                EXPECT_TRUE(score.is_null()) << question << " shown while the survey is open: " << shown.dump();
            }
    };
    for (int respondent = 0; respondent < 10; ++respondent)
        ASSERT_EQ(
            m_client->Post("/s", answers_for(*m_client, code_list[respondent], respondent), "application/x-www-form-urlencoded")->status,
            303);
    const auto before = scores();
    ASSERT_EQ(m_client->Post("/s", answers_for(*m_client, code_list[10], 10), "application/x-www-form-urlencoded")->status, 303);
    const auto after = scores();
    // The difference the group could take: nothing of the eleventh colleague's answers.
    no_staff_figure(before);
    no_staff_figure(after);

    // Once the window has closed (with its minimum of 10 met) the figures are shown, to two decimals.
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566 --iit-open 2020-01-01 --iit-close 2020-12-31"), 0);
    const auto closed = m_client->Get("/api/v1/agencies/A1/scores?year=2566", bearer);
    ASSERT_TRUE(closed && closed->status == 200);
    const auto shown = nlohmann::json::parse(closed->body);
    EXPECT_FALSE(shown.at("instruments").at("IIT").is_null()) << closed->body;
    EXPECT_EQ(shown.at("respondents").at("IIT"), 11);
    EXPECT_FALSE(std::regex_search(closed->body, std::regex(R"(\d\.\d{3})"))) << "an unrounded figure: " << closed->body;
}

TEST_F(ServerTest, AStaffSampleShortOfItsMinimumShowsNoFigure) {
    ASSERT_EQ(ita::test::add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566"), 0);
    const auto session = m_client->Post("/api/v1/session", R"({"user":"wg","password":"correct horse battery"})", "application/json");
    const httplib::Headers bearer{{"Authorization", "Bearer " + nlohmann::json::parse(session->body).at("token").get<std::string>()}};
    ASSERT_EQ(m_client->Put("/api/v1/agencies/A1/headcount?year=2566", bearer, R"({"headcount":12})", "application/json")->status, 200);
    const auto code =
        ita::test::output_of(std::string(ITA_BINARY) + " codes --db " + m_db + " --year 2566 --agency A1 --count 1 2>/dev/null")
            .substr(0, 11);
    ASSERT_EQ(m_client->Post("/s", answers_for(*m_client, code, 0), "application/x-www-form-urlencoded")->status, 303);
    ASSERT_EQ(run("season open --db " + m_db + " --year 2566 --iit-open 2020-01-01 --iit-close 2020-12-31"), 0);
    // Closed, but one respondent of the ten needed: the one answer set is never shown.
    const auto shown = nlohmann::json::parse(m_client->Get("/api/v1/agencies/A1/scores?year=2566", bearer)->body);
    EXPECT_TRUE(shown.at("instruments").at("IIT").is_null()) << shown.dump();
    EXPECT_EQ(shown.at("respondents").at("IIT"), 0) << "one respondent is shown as fewer than five";
    const auto page = m_client->Get("/admin/codes?year=2566", ita::test::sign_in(*m_client, "wg").first);
    EXPECT_NE(page->body.find("ตอบแล้ว <strong>น้อยกว่า 5 คน</strong>"), std::string::npos) << page->body;
}
