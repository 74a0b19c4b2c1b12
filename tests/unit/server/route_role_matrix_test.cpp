// Every route × every role against a real server: who may use each route, who gets 403, and
// what a signed-out caller gets (the sign-in page for pages, 401 for the API). The table must
// name every route the server registers (the source is scanned), so a new route without a
// rule fails here.
#include "../../support/server_fixture.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

namespace {

using ita::test::add_user;
using ita::test::run;
using ita::test::ServerTest;
using ita::test::sign_in;

enum class Who { anyone, signed_in, working_group, reviewer, national };

struct Route {
    std::string method;
    std::string pattern;  // as registered
    std::string path;     // a concrete request
    Who who;
    std::string body;  // fields (pages) or JSON (API), without the CSRF token
};

// Agency A1's working group, an auditor, a national admin; pages use A1 and fiscal year 2566
// (season open, every window open), results and reports the published 2565.
const std::vector<Route> routes{
    {"GET", "/healthz", "/healthz", Who::anyone, ""},
    {"GET", "/readyz", "/readyz", Who::anyone, ""},
    {"GET", "/static/survey.js", "/static/survey.js", Who::anyone, ""},
    {"GET", "/metrics", "/metrics", Who::anyone, ""},  // loopback only (operations_test checks a forwarded client)
    {"GET", "/login", "/login", Who::anyone, ""},
    {"POST", "/login", "/login", Who::anyone, "user=wg&password=correct+horse+battery"},  // 400 without the form's token: still no 401/403
    {"GET", "/e/thanks", "/e/thanks", Who::anyone, ""},
    {"GET", "/e/:agency", "/e/A1", Who::anyone, ""},
    {"POST", "/e/:agency", "/e/A1", Who::anyone, "I1.1=4"},
    {"GET", "/s/thanks", "/s/thanks", Who::anyone, ""},
    {"GET", "/s/:code", "/s/AAAAA-AAAAA", Who::anyone, ""},
    {"POST", "/s/:code", "/s/AAAAA-AAAAA", Who::anyone, "I1.1=4"},
    {"POST", "/s", "/s", Who::anyone, "code=AAAAA-AAAAA&I1.1=4"},
    {"GET", "/s", "/s", Who::anyone, ""},
    {"POST", "/s/open", "/s/open", Who::anyone, "code=AAAAA-AAAAA"},
    {"GET", "/agency/:id/report.", "/agency/A1/report.html?year=2565", Who::anyone, ""},
    {"GET", "/api/v1/agencies/:id/scores", "/api/v1/agencies/A1/scores?year=2565", Who::anyone, ""},
    {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", Who::anyone, ""},
    {"POST", "/api/v1/session", "/api/v1/session", Who::anyone, R"({"user":"wg","password":"correct horse battery"})"},
    {"POST", "/api/v1/staff-survey/:code", "/api/v1/staff-survey/AAAAA-AAAAA", Who::anyone, R"({"answers":{}})"},
    {"GET", "/", "/", Who::anyone, ""},
    {"GET", "/national", "/national", Who::anyone, ""},
    {"GET", "/search", "/search?q=%E0%B9%81%E0%B8%88%E0%B8%A3%E0%B8%B0%E0%B9%81%E0%B8%A1", Who::anyone, ""},
    {"GET", "/agency/:id", "/agency/A1", Who::anyone, ""},
    {"GET", "/measures/library", "/measures/library?year=2565", Who::anyone, ""},
    {"GET", "/agency/:id/badge.svg", "/agency/A1/badge.svg", Who::anyone, ""},
    {"GET", "/data/:year/:file", "/data/2565/scores.csv", Who::anyone, ""},
    {"GET", "/data/:year/agencies/:file", "/data/2565/agencies/A1.json", Who::anyone, ""},
    {"GET", "/national/publish", "/national/publish?year=2565", Who::national, ""},
    {"POST", "/national/publish", "/national/publish", Who::national, "year=2565"},
    {"POST", "/national/publish/withdraw", "/national/publish/withdraw", Who::national, "year=2565&publication=1"},
    {"GET", "/me", "/me", Who::signed_in, ""},
    {"GET", "/account/password", "/account/password", Who::signed_in, ""},
    {"POST", "/account/password", "/account/password", Who::signed_in, "current=x&fresh=y&again=y"},
    {"GET", "/national/accounts", "/national/accounts", Who::national, ""},
    {"GET", "/national/progress", "/national/progress?year=2566", Who::national, ""},
    {"GET", "/national/review-assignments", "/national/review-assignments?year=2566", Who::national, ""},
    {"POST", "/national/review-assignments", "/national/review-assignments", Who::national, "year=2566&assignments=A9%2Cx"},
    {"POST", "/national/review-assignments/spread", "/national/review-assignments/spread", Who::national, "year=2566"},
    {"GET", "/admin/progress", "/admin/progress?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/national/accounts", "/national/accounts", Who::national, "user=&name=&role=auditor"},
    {"POST", "/national/accounts/agencies", "/national/accounts/agencies", Who::national, "agencies=NOPE"},
    {"POST", "/national/accounts/reset", "/national/accounts/reset", Who::national, "user=nobody"},
    {"POST", "/national/accounts/disable", "/national/accounts/disable", Who::national, "user=nobody"},
    {"POST", "/national/accounts/role", "/national/accounts/role", Who::national, "user=nobody&role=auditor"},
    {"POST", "/national/accounts/enable", "/national/accounts/enable", Who::national, "user=nobody"},
    {"GET", "/api/v1/season/:year", "/api/v1/season/2566", Who::signed_in, ""},
    {"GET", "/admin/codes", "/admin/codes?year=2566&agency=A1", Who::working_group, ""},
    {"GET", "/admin/eit", "/admin/eit?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/admin/eit/collected", "/admin/eit/collected", Who::working_group, "year=2566&agency=A1&rows=respondent"},
    {"POST", "/admin/eit/kiosk", "/admin/eit/kiosk", Who::working_group, "year=2566&agency=A1&label=x"},
    {"POST", "/admin/eit/kiosk/off", "/admin/eit/kiosk/off", Who::working_group, "year=2566&agency=A1&id=none"},
    {"GET", "/admin/eit-poster.pdf", "/admin/eit-poster.pdf?year=2566&agency=A1", Who::working_group, ""},
    {"GET", "/admin/eit-card.pdf", "/admin/eit-card.pdf?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/admin/codes", "/admin/codes", Who::working_group, "year=2566&agency=A1&count=1"},
    {"POST", "/admin/headcount", "/admin/headcount", Who::working_group, "year=2566&agency=A1&headcount=40"},
    {"GET", "/admin/results", "/admin/results?year=2565&agency=A1", Who::working_group, ""},
    {"GET", "/admin/measures", "/admin/measures?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/admin/measures", "/admin/measures", Who::working_group,
     "year=2566&agency=A1&title=T&responsible=R&start_on=2022-10-01&end_on=2023-09-30&cadence=quarterly"},
    {"POST", "/admin/measures/draft", "/admin/measures/draft", Who::working_group, "year=2566&agency=A1"},
    {"POST", "/admin/constraints", "/admin/constraints", Who::working_group, "year=2566&agency=A1&man=x"},
    {"GET", "/admin/measures/:id", "/admin/measures/1?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/admin/measures/:id", "/admin/measures/1", Who::working_group,
     "year=2566&agency=A1&title=T2&responsible=R&start_on=2022-10-01&end_on=2023-09-30&cadence=quarterly"},
    {"POST", "/admin/measures/:id/progress", "/admin/measures/1/progress", Who::working_group,
     "year=2566&agency=A1&reported_on=2022-11-01&percent=5&text=x"},
    {"POST", "/admin/measures/:id/remove", "/admin/measures/1/remove", Who::working_group, "year=2566&agency=A1"},
    {"GET", "/admin/oit", "/admin/oit?year=2566&agency=A1", Who::working_group, ""},
    {"GET", "/admin/oit/:item", "/admin/oit/O1?year=2566&agency=A1", Who::working_group, ""},
    {"POST", "/admin/websites", "/admin/websites", Who::working_group, "year=2566&agency=A1&website=a1.go.th"},
    {"POST", "/admin/oit/send", "/admin/oit/send", Who::working_group, "year=2566&agency=A1"},
    {"POST", "/admin/oit/reopen", "/admin/oit/reopen", Who::national, "year=2566&agency=A1"},
    {"POST", "/admin/websites/remove", "/admin/websites/remove", Who::working_group, "year=2566&agency=A1&domain=a1.go.th"},
    {"POST", "/admin/oit/:item", "/admin/oit/O1", Who::working_group, "year=2566&agency=A1&present=no"},
    {"POST", "/admin/oit/:item/clarify", "/admin/oit/O1/clarify", Who::working_group, "year=2566&agency=A1&text=x"},
    {"POST", "/admin/oit/:item/check", "/admin/oit/O1/check", Who::working_group, "year=2566&agency=A1"},
    {"GET", "/admin/oit/:item/evidence/:sha256", "/admin/oit/O1/evidence/00?year=2566&agency=A1", Who::working_group, ""},
    {"GET", "/review/oit", "/review/oit?year=2566&agency=A1", Who::reviewer, ""},
    {"GET", "/review/integrity", "/review/integrity?year=2565&agency=A1", Who::reviewer, ""},
    {"GET", "/review/oit/:agency/evidence/:sha256", "/review/oit/A1/evidence/00?year=2566", Who::reviewer, ""},
    {"POST", "/review/oit/:agency/:item", "/review/oit/A1/O1", Who::reviewer, "year=2566&verdict=rejected&comment=x"},
    {"GET", "/national/season", "/national/season", Who::national, ""},
    {"POST", "/national/season", "/national/season", Who::national, "year=2566"},
    {"GET", "/national/methodology", "/national/methodology?year=2570", Who::national, ""},
    {"GET", "/national/methodology/preview", "/national/methodology/preview?year=2570&form=eit", Who::national, ""},
    {"POST", "/national/methodology/freeze", "/national/methodology/freeze", Who::national, "year=2570"},
    {"POST", "/national/methodology/items", "/national/methodology/items", Who::national, "year=2570&csv=code%2Ctitle%2Cindicator"},
    {"PUT", "/api/v1/season/:year", "/api/v1/season/2566", Who::national, "{}"},
    {"GET", "/api/v1/agencies/:agency/staff-survey", "/api/v1/agencies/A1/staff-survey?year=2566", Who::working_group, ""},
    {"PUT", "/api/v1/agencies/:agency/headcount", "/api/v1/agencies/A1/headcount?year=2566", Who::working_group, R"({"headcount":40})"},
    {"POST", "/api/v1/agencies/:agency/codes", "/api/v1/agencies/A1/codes?year=2566", Who::working_group, R"({"count":1})"},
    {"GET", "/api/v1/agencies/:agency/oit", "/api/v1/agencies/A1/oit?year=2566", Who::working_group, ""},  // and reviewers
    {"PUT", "/api/v1/agencies/:agency/oit/:item", "/api/v1/agencies/A1/oit/O2?year=2566", Who::working_group, R"({"present":false})"},
    {"POST", "/api/v1/agencies/:agency/oit/:item/review", "/api/v1/agencies/A1/oit/O2/review?year=2566", Who::reviewer,
     R"({"verdict":"accepted"})"},
    {"POST", "/api/v1/agencies/:agency/oit/send", "/api/v1/agencies/A1/oit/send?year=2566", Who::working_group,
     R"({"confirm_missing":false})"},
    {"POST", "/api/v1/agencies/:agency/oit/:item/clarification", "/api/v1/agencies/A1/oit/O2/clarification?year=2566", Who::working_group,
     R"({"text":"x"})"},
    {"GET", "/api/v1/agencies/:agency/measures", "/api/v1/agencies/A1/measures?year=2566", Who::working_group, ""},
    {"POST", "/api/v1/agencies/:agency/measures", "/api/v1/agencies/A1/measures?year=2566", Who::working_group,
     R"({"title":"T","responsible":"R","start_on":"2022-10-01","end_on":"2023-09-30"})"},
    {"PUT", "/api/v1/agencies/:agency/measures/:measure", "/api/v1/agencies/A1/measures/2?year=2566", Who::working_group,
     R"({"title":"T3"})"},
    {"POST", "/api/v1/agencies/:agency/measures/:measure/progress", "/api/v1/agencies/A1/measures/2/progress?year=2566", Who::working_group,
     R"({"reported_on":"2022-11-01","percent":5})"},
    {"DELETE", "/api/v1/agencies/:agency/measures/:measure", "/api/v1/agencies/A1/measures/2?year=2566", Who::working_group, ""},
    // Last: these end the caller's session.
    {"DELETE", "/api/v1/session", "/api/v1/session", Who::signed_in, ""},
    {"POST", "/logout", "/logout", Who::signed_in, ""},
};

struct Caller {
    std::string name;
    std::string role;  // "" for the signed-out caller
    httplib::Headers cookie;
    std::string csrf;
    httplib::Headers bearer;
};

bool allowed(Who who, const std::string& role, const std::string& path) {
    switch (who) {
        case Who::anyone: return true;
        case Who::signed_in: return !role.empty();
        case Who::working_group:
            return role == "national_admin" || role == "agency_admin" ||
                   (role == "auditor" && path.starts_with("/api/v1/agencies/A1/oit?"));  // reviewers read OIT items too
        case Who::reviewer: return role == "national_admin" || role == "auditor";
        case Who::national: return role == "national_admin";
    }
    return false;
}

}  // namespace

TEST_F(ServerTest, EveryRouteForEveryRole) {
    // The table names every registered route.
    std::set<std::pair<std::string, std::string>> registered, listed;
    for (const auto& route : routes) listed.emplace(route.method, route.pattern);
    for (const char* file :
         {"account_routes", "admin_routes", "api_routes", "measure_routes", "national_routes", "oit_routes", "integrity_routes",
          "public_routes", "results_routes", "survey_routes", "publication_routes", "methodology_routes", "account_admin_routes",
          "progress_routes", "review_assignment_routes", "health_routes"}) {
        std::ifstream in(std::string(ITA_SOURCE_DIR) + "/src/ita/server/" + file + ".cpp");
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        const std::regex add(R"re(router\.add\("([A-Z]+)", "([^"]*)")re");
        for (auto match = std::sregex_iterator(source.begin(), source.end(), add); match != std::sregex_iterator(); ++match)
            registered.emplace((*match)[1], (*match)[2]);
    }
    for (const auto& route : registered)
        EXPECT_TRUE(listed.contains(route)) << route.first << " " << route.second << " has no rule in the matrix";
    ASSERT_GE(registered.size(), 50u);

    ASSERT_EQ(run("season open --db " + m_db + " --year 2566"), 0);
    ASSERT_EQ(run("measures add --db " + m_db + " --year 2566 --agency A1 --title T --responsible R --start 2022-10-01 --end 2023-09-30"),
              0);
    std::vector<Caller> callers{{"signed out", "", {}, "", {}}};
    for (const auto& [user, role, option] : {std::tuple{"wg", "agency_admin", "agency_admin --agency A1"},
                                             {"audit", "auditor", "auditor"},
                                             {"nation", "national_admin", "national_admin"}}) {
        EXPECT_EQ(add_user(m_db, user, option), 0);
        auto [cookie, csrf] = sign_in(*m_client, user);
        const auto token = m_client->Post("/api/v1/session", nlohmann::json{{"user", user}, {"password", "correct horse battery"}}.dump(),
                                          "application/json");
        callers.push_back(
            {user, role, cookie, csrf, {{"Authorization", "Bearer " + nlohmann::json::parse(token->body).at("token").get<std::string>()}}});
    }
    for (const auto& route : routes)
        for (const auto& caller : callers) {
            const bool api = route.path.starts_with("/api/");
            const auto& headers = api ? caller.bearer : caller.cookie;
            const std::string body = api ? route.body : route.body + (route.body.empty() ? "" : "&") + "csrf=" + caller.csrf;
            const std::string type = api ? "application/json" : "application/x-www-form-urlencoded";
            auto response = route.method == "GET"    ? m_client->Get(route.path, headers)
                            : route.method == "POST" ? m_client->Post(route.path, headers, body, type)
                            : route.method == "PUT"  ? m_client->Put(route.path, headers, body, type)
                                                     : m_client->Delete(route.path, headers);
            ASSERT_TRUE(response) << route.method << " " << route.path;
            const auto location = response->get_header_value("Location");
            // Sent to sign in: "/login", with ?next= naming the page for a GET.
            const bool to_login = response->status == 303 && (location == "/login" || location.starts_with("/login?next="));
            response->status == 303 && response->get_header_value("Location").starts_with("/login");  // with ?next= for a GET
            const std::string where = route.method + " " + route.path + " as " + caller.name + " → " + std::to_string(response->status);
            if (allowed(route.who, caller.role, route.path)) {
                EXPECT_TRUE(response->status != 401 && response->status != 403 && !to_login) << where << "\n"
                                                                                             << response->body.substr(0, 400);
            } else if (caller.role.empty()) {
                EXPECT_TRUE(api ? response->status == 401 : to_login) << where;
            } else {
                EXPECT_EQ(response->status, 403) << where;
            }
        }
}
