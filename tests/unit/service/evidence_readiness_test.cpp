// The evidence checker as the server runs it, on a real SQLite store: a season whose OIT
// window closed, a check made by the closing day, then checks after it. Every check stays; the
// bytes of the newest and of the deadline's stay; those in between go.
#include "../../support/temp_files.hpp"

#include <ita/service/evidence_readiness.hpp>
#include <ita/service/season.hpp>
#include <ita/storage/store.hpp>

#include <httplib.h>

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

using namespace ita;

TEST(EvidenceReadiness, TheDeadlinesCopyOutlivesLaterChecks) {
    httplib::Server site;
    int version = 0;
    site.Get("/o1", [&](const httplib::Request&, httplib::Response& response) {
        response.set_content("<html><body>แผนผังโครงสร้างหน่วยงาน ฉบับที่ " + std::to_string(++version) +
                                 "<p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>",
                             "text/html; charset=utf-8");
    });
    const int port = site.bind_to_any_port("127.0.0.1");
    std::thread serving([&] { site.listen_after_bind(); });
    while (!site.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

    test::TempDir files;
    auto opened = storage::open_store(files.path("ita.db"));
    ASSERT_TRUE(opened);
    auto& store = **opened;
    const std::vector<core::Agency> agencies{{"T1", "เทศบาลตำบลหนึ่ง", "เทศบาลตำบล", "ขอนแก่น", std::nullopt, 0}};
    ASSERT_TRUE(store.import_agencies(agencies, {}));
    service::SeasonRequest season;
    season.fiscal_year = 2565;
    season.opens["oit_entry"] = "2022-05-01";
    season.closes["oit_entry"] = "2022-05-31";
    season.today = "2022-05-01";
    ASSERT_TRUE(service::open_season(store, season));
    storage::OitEntry entry;
    entry.agency_id = "T1";
    entry.item = "O1";
    entry.url = "http://127.0.0.1:" + std::to_string(port) + "/o1";
    ASSERT_TRUE(store.enter_oit(2565, entry, "wg", "2022-05-02"));
    // The check the auditor goes by: made on the closing day (Thai time).
    const std::string deadline_bytes = "<html><body>ฉบับ ณ วันปิดรับ</body></html>";
    core::UrlCheck at_deadline{0,  "T1",        "O1", entry.url, "2022-05-31T10:00:00Z", "ok", 200, entry.url, "",
                               "", "text/html", 40,   "",        std::string(64, 'd')};
    ASSERT_TRUE(store.record_url_check(2565, at_deadline, storage::EvidenceSnapshot{std::string(64, 'd'), "text/html", deadline_bytes}));

    service::EvidenceCheckRequest request;
    request.fiscal_year = 2565;
    request.limits.allow_private_addresses = true;
    for (int run = 0; run < 2; ++run) {
        const auto checked = service::check_evidence_addresses(store, request);
        ASSERT_TRUE(checked) << checked.error().to_string();
        ASSERT_EQ(checked->size(), 1u);
        EXPECT_EQ(checked->at(0).status, "ok") << checked->at(0).reason;
    }
    site.stop();
    serving.join();

    const auto history = store.url_check_history(2565, "T1", "O1");
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 3u);
    EXPECT_NE(history->at(0).snapshot, "");  // the newest
    EXPECT_EQ(history->at(1).snapshot, "");  // after the deadline, superseded
    EXPECT_EQ(history->at(2).snapshot, std::string(64, 'd'));
    EXPECT_EQ(store.evidence_snapshot("T1", std::string(64, 'd'))->body, deadline_bytes);
    EXPECT_NE(store.evidence_snapshot("T1", history->at(0).snapshot)->body.find("ฉบับที่ 2"), std::string::npos);
    const auto deadline = service::check_at_deadline(*history, "2022-05-31");
    ASSERT_TRUE(deadline);
    EXPECT_EQ(deadline->checked_at, "2022-05-31T10:00:00Z");
}

TEST(EvidenceReadiness, NoSiteGetsMoreThanTwoFetchesAtOnce) {
    // Two sites, eight addresses each, fetched eight at once: each site sees at most two.
    struct Site {
        httplib::Server server;
        std::atomic<int> now{0}, most{0};
        int port = 0;
        std::thread serving;
    };
    std::array<Site, 2> sites;
    for (auto& site : sites) {
        site.server.Get(R"(/o(\d+))", [&site](const httplib::Request&, httplib::Response& response) {
            const int at_once = ++site.now;
            for (int most = site.most; at_once > most && !site.most.compare_exchange_weak(most, at_once);) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
            --site.now;
            response.set_content(
                "<html><body>แผนผังโครงสร้างหน่วยงาน<p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>",
                "text/html; charset=utf-8");
        });
        site.port = site.server.bind_to_any_port("127.0.0.1");
        site.serving = std::thread([&site] { site.server.listen_after_bind(); });
        while (!site.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    test::TempDir files;
    auto opened = storage::open_store(files.path("ita.db"));
    ASSERT_TRUE(opened);
    auto& store = **opened;
    const std::vector<core::Agency> agencies{{"T1", "หนึ่ง", "เทศบาลตำบล", "ขอนแก่น", std::nullopt, 0},
                                             {"T2", "สอง", "เทศบาลตำบล", "ขอนแก่น", std::nullopt, 0}};
    ASSERT_TRUE(store.import_agencies(agencies, {}));
    service::SeasonRequest season;
    season.fiscal_year = 2565;
    season.today = "2022-05-01";
    ASSERT_TRUE(service::open_season(store, season));
    for (int agency = 0; agency < 2; ++agency)
        for (int item = 1; item <= 8; ++item) {
            storage::OitEntry entry;
            entry.agency_id = agency == 0 ? "T1" : "T2";
            entry.item = "O" + std::to_string(item);
            entry.url = "http://127.0.0.1:" + std::to_string(sites[static_cast<std::size_t>(agency)].port) + "/o" + std::to_string(item);
            ASSERT_TRUE(store.enter_oit(2565, entry, "wg", "2022-05-02"));
        }
    service::EvidenceCheckRequest request;
    request.fiscal_year = 2565;
    request.parallel = 8;
    request.limits.allow_private_addresses = true;
    const auto checked = service::check_evidence_addresses(store, request);
    for (auto& site : sites) {
        site.server.stop();
        site.serving.join();
    }
    ASSERT_TRUE(checked) << checked.error().to_string();
    EXPECT_EQ(checked->size(), 16u);
    EXPECT_EQ(checked->front().agency_id, "T1");  // reported by agency and item, whatever the fetch order
    EXPECT_EQ(checked->front().item, "O1");
    for (const auto& site : sites) {
        EXPECT_LE(site.most.load(), 2);
        EXPECT_EQ(site.most.load(), 2);  // and both sites were fetched from in parallel
    }
}
