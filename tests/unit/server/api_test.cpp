// The JSON API against a real `ita serve`: bearer sign-in, roles, the season, staff codes and
// a survey answered through the API, the OIT cycle, measures; and the OpenAPI document
// naming every route the server registers under /api/v1.
#include "../../support/server_fixture.hpp"
#include "../../support/staff_answers.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

namespace {

using ita::test::add_user;
using ita::test::ServerTest;
using nlohmann::json;

constexpr const char* json_type = "application/json";

class Api : public ServerTest {
protected:
    httplib::Headers token_of(const std::string& user) {
        const auto signed_in =
            m_client->Post("/api/v1/session", json{{"user", user}, {"password", "correct horse battery"}}.dump(), json_type);
        EXPECT_EQ(signed_in->status, 201) << signed_in->body;
        return {{"Authorization", "Bearer " + json::parse(signed_in->body).at("token").get<std::string>()}};
    }
};

}  // namespace

TEST_F(Api, SignInRolesAndTheSeason) {
    ASSERT_EQ(add_user(m_db, "nation", "national_admin"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    EXPECT_EQ(m_client->Post("/api/v1/session", R"({"user":"wg","password":"wrong password"})", json_type)->status, 401);
    const auto malformed = m_client->Post("/api/v1/session", R"({"user":"wg"})", json_type);
    EXPECT_EQ(malformed->status, 400);
    EXPECT_NE(malformed->body.find("/password"), std::string::npos) << malformed->body;
    EXPECT_EQ(m_client->Get("/api/v1/season/2566")->status, 401);

    const auto group = token_of("wg");
    const std::string season = R"({"agencies":["A1"],"windows":{"iit":{"opens":"2022-10-01","closes":"2023-01-31"}}})";
    EXPECT_EQ(m_client->Put("/api/v1/season/2566", group, season, json_type)->status, 403);
    const auto nation = token_of("nation");
    const auto opened = m_client->Put("/api/v1/season/2566", nation, season, json_type);
    ASSERT_EQ(opened->status, 200) << opened->body;
    const auto calendar = json::parse(m_client->Get("/api/v1/season/2566", group)->body);
    EXPECT_EQ(calendar.at("windows").at("iit").at("closes"), "2023-01-31");
    EXPECT_TRUE(calendar.at("windows").at("eit").at("closes").is_null());  // open-ended
    EXPECT_EQ(m_client->Put("/api/v1/season/2566", nation, R"({"windows":{"iit":{"opens":"2023-02-01","closes":"2023-01-01"}}})", json_type)
                  ->status,
              400);

    // Signed out: the token no longer works.
    EXPECT_EQ(m_client->Delete("/api/v1/session", group)->status, 204);
    EXPECT_EQ(m_client->Get("/api/v1/season/2566", group)->status, 401);
}

TEST_F(Api, CodesAndAStaffSurveyThroughTheApi) {
    ASSERT_EQ(ita::test::run("season open --db " + m_db + " --year 2565"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
    const auto group = token_of("wg");
    EXPECT_EQ(m_client->Post("/api/v1/agencies/A1/codes?year=2565", token_of("audit"), R"({"count":2})", json_type)->status, 403);
    EXPECT_EQ(m_client->Post("/api/v1/agencies/A2/codes?year=2565", group, R"({"count":2})", json_type)->status, 403);  // not its agency
    const auto status = m_client->Put("/api/v1/agencies/A1/headcount?year=2565", group, R"({"headcount":25})", json_type);
    ASSERT_EQ(status->status, 200) << status->body;
    EXPECT_EQ(json::parse(status->body).at("minimum_sample"), 10);
    const auto issued = m_client->Post("/api/v1/agencies/A1/codes?year=2565", group, R"({"count":2})", json_type);
    ASSERT_EQ(issued->status, 201) << issued->body;
    const auto codes = json::parse(issued->body).at("codes");
    ASSERT_EQ(codes.size(), 2u);
    const std::string code = codes[0];
    EXPECT_EQ(m_client->Post("/api/v1/staff-survey/" + code, R"({"answers":{"I1.1":4}})", json_type)->status, 400);
    EXPECT_EQ(m_client->Post("/api/v1/staff-survey/" + code, ita::test::full_staff_answers_json(), json_type)->status, 201);
    EXPECT_EQ(m_client->Post("/api/v1/staff-survey/" + code, ita::test::full_staff_answers_json(), json_type)->status, 410);
    // One respondent of the ten needed is shown as fewer than five: the group cannot watch one
    // colleague's submission arrive.
    const auto shown = json::parse(m_client->Get("/api/v1/agencies/A1/staff-survey?year=2565", group)->body);
    EXPECT_EQ(shown.at("respondents"), 0);
    EXPECT_EQ(shown.at("respondents_rounded"), true);
    EXPECT_EQ(shown.at("minimum_met"), false);
}

TEST_F(Api, OitCycleAndMeasures) {
    ASSERT_EQ(ita::test::run("season open --db " + m_db + " --year 2565"), 0);
    ASSERT_EQ(add_user(m_db, "wg", "agency_admin --agency A1"), 0);
    ASSERT_EQ(add_user(m_db, "audit", "auditor"), 0);
    const auto group = token_of("wg");
    const auto auditor = token_of("audit");
    EXPECT_EQ(m_client->Put("/api/v1/agencies/A1/oit/O1?year=2565", group, R"({"present":true,"url":"nope"})", json_type)->status, 400);
    ASSERT_EQ(
        m_client->Put("/api/v1/agencies/A1/oit/O1?year=2565", group, R"({"present":true,"url":"https://a1.go.th/o1"})", json_type)->status,
        204);
    EXPECT_EQ(m_client->Post("/api/v1/agencies/A1/oit/O1/review?year=2565", group, R"({"verdict":"accepted"})", json_type)->status, 403);
    // The group sends its entries ("ส่งแบบ OIT"); then the auditor reviews.
    EXPECT_EQ(m_client->Post("/api/v1/agencies/A1/oit/send?year=2565", group, "", json_type)->status, 400);  // items not entered
    ASSERT_EQ(m_client->Post("/api/v1/agencies/A1/oit/send?year=2565", group, R"({"confirm_missing":true})", json_type)->status, 204);
    ASSERT_EQ(
        m_client->Post("/api/v1/agencies/A1/oit/O1/review?year=2565", auditor, R"({"verdict":"rejected","comment":"no year"})", json_type)
            ->status,
        204);
    EXPECT_EQ(m_client->Put("/api/v1/agencies/A1/oit/O1?year=2565", group, R"({"present":false})", json_type)->status, 409);
    ASSERT_EQ(m_client->Post("/api/v1/agencies/A1/oit/O1/clarification?year=2565", group, R"({"text":"added"})", json_type)->status, 204);
    const auto items = json::parse(m_client->Get("/api/v1/agencies/A1/oit?year=2565", auditor)->body).at("items");
    EXPECT_EQ(items[0].at("item"), "O1");
    EXPECT_EQ(items[0].at("verdict"), "rejected");
    EXPECT_EQ(items[0].at("clarification").at("text"), "added");

    const auto added = m_client->Post(
        "/api/v1/agencies/A1/measures?year=2566", group,
        R"({"title":"Open data","targets":["indicator:9"],"responsible":"Treasury","start_on":"2022-10-01","end_on":"2023-09-30"})",
        json_type);
    ASSERT_EQ(added->status, 201) << added->body;
    const auto id = std::to_string(json::parse(added->body).at("measure_id").get<long long>());
    EXPECT_EQ(m_client->Put("/api/v1/agencies/A1/measures/" + id + "?year=2566", group, R"({"end_on":"2024-01-01"})", json_type)->status,
              400);
    EXPECT_EQ(m_client->Put("/api/v1/agencies/A1/measures/" + id + "?year=2566", group, R"({"cadence":"monthly"})", json_type)->status,
              204);
    // A status is one of the three; anything else is refused, not stored.
    const auto odd_status =
        m_client->Put("/api/v1/agencies/A1/measures/" + id + "?year=2566", group, R"({"status":"finished"})", json_type);
    EXPECT_EQ(odd_status->status, 400);
    EXPECT_NE(odd_status->body.find("/status"), std::string::npos) << odd_status->body;
    EXPECT_EQ(m_client
                  ->Post("/api/v1/agencies/A1/measures/" + id + "/progress?year=2566", group,
                         R"({"reported_on":"2022-11-30","percent":30,"text":"จัดประชุมชี้แจงแล้ว"})", json_type)
                  ->status,
              204);
    const auto listed = m_client->Get("/api/v1/agencies/A1/measures?year=2566", group);
    EXPECT_NE(listed->body.find("\"cadence\":\"monthly\""), std::string::npos) << listed->body;
    EXPECT_EQ(m_client->Delete("/api/v1/agencies/A1/measures/" + id + "?year=2566", group)->status, 204);
    EXPECT_EQ(m_client->Delete("/api/v1/agencies/A1/measures/" + id + "?year=2566", group)->status, 404);
}

TEST_F(Api, OpenApiDocumentNamesEveryRoute) {
    const auto served = m_client->Get("/api/v1/openapi.json");
    ASSERT_EQ(served->status, 200);
    const auto document = json::parse(served->body);
    EXPECT_EQ(document.at("openapi"), "3.0.3");
    std::size_t routes = 0;
    for (const char* file : {"src/ita/server/api_routes.cpp", "src/ita/server/results_routes.cpp"}) {
        std::ifstream in(std::string(ITA_SOURCE_DIR) + "/" + file);
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        const std::regex route(R"re(router\.add\("([A-Z]+)", "(/api/v1/[^"]*)")re");
        for (auto match = std::sregex_iterator(source.begin(), source.end(), route); match != std::sregex_iterator(); ++match) {
            std::string method = (*match)[1];
            std::transform(method.begin(), method.end(), method.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            const std::string path = std::regex_replace(std::string((*match)[2]), std::regex(":([a-z]+)"), "{$1}");
            ++routes;
            ASSERT_TRUE(document.at("paths").contains(path)) << path;
            EXPECT_TRUE(document.at("paths").at(path).contains(method)) << method << " " << path;
        }
    }
    EXPECT_GE(routes, 18u);
    // The open data of the public side: one documented path per file the route serves.
    for (const char* path : {"/data/{year}/scores.csv", "/data/{year}/scores.xlsx", "/data/{year}/scores.json",
                             "/data/{year}/agencies/{agency}.csv", "/data/{year}/agencies/{agency}.json", "/agency/{id}/badge.svg"})
        EXPECT_TRUE(document.at("paths").contains(path)) << path;
    EXPECT_EQ(document.at("components").at("schemas").at("RankedAgency").at("properties").size(), 7u);  // the columns of ita rank
}
