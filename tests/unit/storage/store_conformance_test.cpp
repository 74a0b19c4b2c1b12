// The same suite on every backend: SQLite (a file) and PostgreSQL (a throwaway cluster).
#include "../../support/pg_cluster.hpp"
#include "../../support/temp_files.hpp"

#include <ita/ingest/methodology_reader.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/service/agency_websites.hpp>
#include <ita/service/import_files.hpp>
#include <ita/service/kiosks.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/service/score_files.hpp>
#include <ita/service/score_store.hpp>
#include <ita/storage/store.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <set>
#include <sstream>
#include <thread>

using namespace ita;

namespace {

constexpr const char* agencies_csv =
    "agency_id,name,type,province,headcount\n"
    "A1,เทศบาลตำบลหนองเส้า,เทศบาลตำบล,ขอนแก่น,40\n"
    "A2,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี,\n"
    "A3,\"องค์การบริหารส่วนตำบลบางเคชะ, สมุทรปราการ\",องค์การบริหารส่วนตำบล,สมุทรปราการ,25\n";

std::string responses_csv() {
    std::string text = "agency_id,instrument,respondent,I4.1,I7,I9,I26.1,E1.1,E3\n";
    for (int respondent = 1; respondent <= 40; ++respondent) {
        const std::string option = std::to_string(1 + respondent % 4);
        text += "A1,IIT,s" + std::to_string(respondent) + "," + (respondent % 3 ? "no" : "yes") + "," + option + "," + option + ",yes,,\n";
        text += "A1,EIT,c" + std::to_string(respondent) + ",,,,," + option + "," + std::to_string(1 + (respondent + 1) % 4) + "\n";
        text += "A2,IIT,s" + std::to_string(respondent) + ",no,4,1,yes,,\n";
    }
    return text;
}

constexpr const char* oit_csv =
    "agency_id,item,present,url,note\nA1,O1,yes,https://a1.example/o1,\nA1,O2,no,,\nA2,O1,มี,https://a2.example,ok\n";
constexpr const char* published_csv = "agency_id,level,code,score\nA3,indicator,1,90\nA3,instrument,EIT,80.5\nA3,instrument,OIT,70\n";

struct Backend {
    std::string name;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

class StoreConformance : public testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        m_target = GetParam().name == "sqlite" ? m_files.path("ita.db") : test::PgCluster::shared().new_database();
        auto store = storage::open_store(m_target);
        ASSERT_TRUE(store) << store.error().to_string();
        m_store = std::move(*store);
    }

    Result<service::ImportOutcome> import(service::ImportKind kind, const std::string& name, const std::string& text,
                                          bool replace = false) {
        service::ImportRequest request;
        request.kind = kind;
        request.fiscal_year = 2565;
        request.files = {m_files.write(name, text)};
        request.replace = replace;
        return service::import_files(*m_store, request);
    }

    void import_all() {
        ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
        ASSERT_TRUE(import(service::ImportKind::responses, "responses.csv", responses_csv()));
        ASSERT_TRUE(import(service::ImportKind::oit, "oit.csv", oit_csv));
        ASSERT_TRUE(import(service::ImportKind::published, "published.csv", published_csv));
    }

    std::string store_json() {
        auto run = service::score_store(*m_store, {2565, std::nullopt, std::nullopt, true});
        EXPECT_TRUE(run) << run.error().to_string();
        std::ostringstream out;
        if (run) report::write_scores_json(out, run->methodology, run->scored);
        return out.str();
    }

    std::string files_json() {
        service::ScoreRequest request;
        request.fiscal_year = 2565;
        request.agencies = m_files.path("agencies.csv");
        request.responses = {m_files.path("responses.csv")};
        request.oit = m_files.path("oit.csv");
        request.published = m_files.path("published.csv");
        auto run = service::score_files(request);
        EXPECT_TRUE(run) << run.error().to_string();
        std::ostringstream out;
        if (run) report::write_scores_json(out, run->methodology, run->scored);
        return out.str();
    }

    test::TempDir m_files;
    std::string m_target;
    std::unique_ptr<storage::Store> m_store;
};

}  // namespace

TEST_P(StoreConformance, MigratesOnceOnOpen) {
    EXPECT_EQ(*m_store->schema_version(), 19);
    auto again = storage::open_store(m_target);
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(*(*again)->schema_version(), 19);
    // Work one process does for all: the first claim of a job and period wins, in any process.
    EXPECT_TRUE(*m_store->claim_job("evidence-nightly", "2026-05-31"));
    EXPECT_FALSE(*(*again)->claim_job("evidence-nightly", "2026-05-31"));
    EXPECT_TRUE(*(*again)->claim_job("evidence-nightly", "2026-06-01"));
    // A schema newer than this build knows (written by a newer ita) is refused, not written into.
    again->reset();
    const std::string newer = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '099_future.sql', 'now')";
    const std::string client = GetParam().name == "sqlite" ? "sqlite3 '" + m_target + "' \"" + newer + "\""
                                                           : "psql -X -q -c \"" + newer + "\" '" + m_target + "' >/dev/null";
    ASSERT_EQ(std::system(client.c_str()), 0);
    const auto refused = storage::open_store(m_target);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("schema 99, newer than this ita knows"), std::string::npos) << refused.error().message;
}

TEST_P(StoreConformance, MeasuresProgressAndConstraints) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    core::Measure measure;
    measure.agency_id = "A1";
    measure.fiscal_year = 2566;
    measure.targets = {"indicator:9", "item:O18"};
    measure.title = "โครงการเปิดเผยข้อมูลงบประมาณ";
    measure.steps = "1. จัดทำแผน\n2. เผยแพร่";
    measure.responsible = "กองคลัง";
    measure.start_on = "2022-10-01";
    measure.end_on = "2023-03-31";
    measure.cadence = core::ReportingCadence::monthly;
    const auto id = m_store->add_measure(measure, "tester");
    ASSERT_TRUE(id) << id.error().to_string();
    ASSERT_TRUE(m_store->add_progress(*id, {"2022-11-01", 40, "จัดทำแผนแล้ว", "https://a1.example/plan"}, "tester"));
    ASSERT_TRUE(m_store->add_progress(*id, {"2022-12-01", 70, "เผยแพร่แล้วบางส่วน", ""}, "tester"));
    measure.measure_id = *id;
    measure.status = core::MeasureStatus::active;
    ASSERT_TRUE(m_store->update_measure(measure, "tester"));
    auto listed = m_store->measures(2566, std::string("A1"));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].targets, (std::vector<std::string>{"indicator:9", "item:O18"}));
    EXPECT_EQ((*listed)[0].steps, "1. จัดทำแผน\n2. เผยแพร่");
    EXPECT_EQ((*listed)[0].status, core::MeasureStatus::active);
    EXPECT_EQ((*listed)[0].cadence, core::ReportingCadence::monthly);
    ASSERT_EQ((*listed)[0].progress.size(), 2u);
    EXPECT_EQ((*listed)[0].progress[1].percent, 70);
    EXPECT_EQ(m_store->add_progress(9999, {"2022-12-01", 5, "", ""}, "tester").error().code, ErrorCode::not_found);
    EXPECT_EQ(m_store->remove_measure(9999, "tester").error().code, ErrorCode::not_found);

    ASSERT_TRUE(m_store->set_constraints(2566, "A1", {"ขาดบุคลากรด้านไอที", "งบประมาณจำกัด", "ขั้นตอนซ้ำซ้อน", "คอมพิวเตอร์เก่า"}, "tester"));
    ASSERT_TRUE(m_store->set_constraints(2566, "A1", {"ขาดบุคลากรด้านไอที", "งบประมาณจำกัด", "ขั้นตอนซ้ำซ้อน", "คอมพิวเตอร์ใหม่แล้ว"}, "tester"));
    const auto constraints = m_store->constraints(2566, "A1");
    ASSERT_TRUE(constraints && *constraints);
    EXPECT_EQ((*constraints)->material, "คอมพิวเตอร์ใหม่แล้ว");
    EXPECT_FALSE(*m_store->constraints(2566, "A2"));

    ASSERT_TRUE(m_store->remove_measure(*id, "tester"));
    EXPECT_TRUE(m_store->measures(2566, std::string("A1"))->empty());
    const auto audit = m_store->audit_log(20);
    std::set<std::string> actions;
    for (const auto& entry : *audit) actions.insert(entry.action);
    for (const char* action : {"add measure", "update measure", "report measure progress", "remove measure", "set 4M constraints"})
        EXPECT_TRUE(actions.contains(action)) << action;
}

TEST_P(StoreConformance, SeasonCalendarAndTheOitReviewCycle) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    ASSERT_TRUE(import(service::ImportKind::responses, "responses.csv", responses_csv()));  // registers 2565
    const std::vector<storage::SeasonWindow> windows{{core::SeasonPhase::iit, "2022-10-01", "2023-01-31"},
                                                     {core::SeasonPhase::review, "2023-03-01", "2023-04-30"}};
    const std::vector<std::string> only_a1{"A1"};
    ASSERT_TRUE(m_store->open_season(2565, only_a1, windows, "nacc"));
    ASSERT_TRUE(m_store->open_season(2565, only_a1, std::span(windows).first(1), "nacc"));  // the calendar is replaced
    const auto stored = m_store->season_windows(2565);
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->size(), 1u);
    EXPECT_EQ((*stored)[0].closes_on, "2023-01-31");
    EXPECT_TRUE(*m_store->in_season(2565, "A1"));
    const auto one = m_store->agency("A1");
    ASSERT_TRUE(one && *one);
    EXPECT_EQ((*one)->agency_id, "A1");
    EXPECT_FALSE(*m_store->agency("A404"));
    ASSERT_TRUE(m_store->set_headcount(2565, "A1", 120, "wg"));
    ASSERT_TRUE(m_store->set_headcount(2565, "A1", 118, "wg"));
    EXPECT_EQ(*m_store->headcounts(2565), (std::map<std::string, long long>{{"A1", 118}}));

    // Entered, changed, reviewed; then frozen.
    storage::OitEntry entry{"A1", "O1", true, "https://a1.example/structure", "โครงสร้าง", {}, "", "", "", "", ""};
    ASSERT_TRUE(m_store->enter_oit(2565, entry, "wg", "2023-02-01"));
    entry.url = "https://a1.example/structure-2566";
    ASSERT_TRUE(m_store->enter_oit(2565, entry, "wg", "2023-02-02"));
    EXPECT_EQ(m_store->review_oit(2565, "A1", "O2", true, "", "auditor", "2023-03-02").error().code, ErrorCode::not_found);
    EXPECT_EQ(m_store->clarify_oit(2565, "A1", "O1", "x", "", "wg", "2023-03-02").error().code, ErrorCode::conflict);  // not rejected
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O1", false, "ไม่ระบุปี พ.ศ.", "auditor", "2023-03-02"));
    EXPECT_EQ(m_store->enter_oit(2565, entry, "wg", "2023-03-03").error().code, ErrorCode::conflict);
    ASSERT_TRUE(m_store->clarify_oit(2565, "A1", "O1", "เพิ่มปี พ.ศ. แล้ว", "https://a1.example/s2", "wg", "2023-04-01"));
    EXPECT_EQ(m_store->clarify_oit(2565, "A1", "O1", "อีกครั้ง", "", "wg", "2023-04-02").error().code, ErrorCode::conflict);  // once
    auto verdicts = m_store->oit_verdicts(2565, std::string("A1"));
    ASSERT_TRUE(verdicts);
    ASSERT_EQ(verdicts->size(), 1u);
    EXPECT_FALSE((*verdicts)[0].accepted);
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O1", true, "ชี้แจงแล้ว", "auditor", "2023-04-10"));
    EXPECT_TRUE((*m_store->oit_verdicts(2565, std::string("A1")))[0].accepted);

    // An item the agency says it lacks scores 0 even if accepted.
    ASSERT_TRUE(m_store->enter_oit(2565, {"A1", "O2", false, "", "", {}, "", "", "", "", ""}, "wg", "2023-02-01"));
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O2", true, "", "auditor", "2023-03-02"));
    const auto entries = m_store->oit_entries(2565, "A1");
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 2u);
    for (const auto& listed : *entries) {
        if (listed.item == "O1") {
            EXPECT_EQ(listed.url, "https://a1.example/structure-2566");  // the first submission stays as entered
            EXPECT_EQ(listed.verdict, core::ReviewVerdict::accepted);
            EXPECT_EQ(listed.clarification, "เพิ่มปี พ.ศ. แล้ว");
            EXPECT_EQ(listed.clarified_on, "2023-04-01");
        } else {
            EXPECT_FALSE(listed.present);
        }
    }
    const auto final_verdicts = m_store->oit_verdicts(2565, std::string("A1"));  // kept: a range-for over *temporary would dangle
    for (const auto& verdict : *final_verdicts)
        if (verdict.item == "O2") {
            EXPECT_FALSE(verdict.accepted);
        }
    const auto audit = m_store->audit_log(20);
    std::set<std::string> actions;
    for (const auto& logged : *audit) actions.insert(logged.action);
    for (const char* action : {"open season", "enter oit item", "review oit item", "clarify oit item"})
        EXPECT_TRUE(actions.contains(action)) << action;
}

TEST_P(StoreConformance, ScoresFromTheStoreEqualScoresFromTheFiles) {
    import_all();
    const std::string stored = store_json();
    EXPECT_GT(stored.size(), 1000u);
    EXPECT_EQ(stored, files_json());
    const auto snapshots = m_store->snapshots(2565);
    ASSERT_TRUE(snapshots);
    ASSERT_EQ(snapshots->size(), 3u);
    EXPECT_EQ((*snapshots)[2].agency_id, "A3");
    EXPECT_NEAR(*(*snapshots)[2].overall, 0.3 * 90 + 0.3 * 80.5 + 0.4 * 70, 1e-9);
    EXPECT_NE((*snapshots)[0].detail_json.find(R"("agency_id":"A1")"), std::string::npos);
}

TEST_P(StoreConformance, PublicationFreezesTheScoresAndMovesTheGeneration) {
    import_all();
    const auto before = m_store->public_generation();
    ASSERT_TRUE(before) << before.error().to_string();
    EXPECT_TRUE(m_store->publications()->empty());
    EXPECT_EQ(m_store->publish_results({2565, "test", {}, "admin", "", ""}).error().code, ErrorCode::invalid_input);  // no rows
    store_json();  // scores 2565 and saves its snapshots
    const auto rows = *m_store->snapshots(2565);
    const auto published = m_store->publish_results({2565, "test", rows, "admin", "", ""});
    ASSERT_TRUE(published) << published.error().to_string();
    EXPECT_EQ(published->agencies, 3u);
    EXPECT_EQ(published->version, 1);
    EXPECT_EQ(published->public_from, published->published_at);
    EXPECT_GT(*m_store->public_generation(), *before);
    const auto results = m_store->published_results(2565);
    ASSERT_EQ(results->size(), 3u);
    EXPECT_NEAR(*(*results)[2].overall, 0.3 * 90 + 0.3 * 80.5 + 0.4 * 70, 1e-9);
    EXPECT_EQ((*results)[2].detail_json, rows[2].detail_json);

    // Later scoring changes the snapshots, never what was published.
    std::vector<storage::ScoreSnapshot> changed = rows;
    changed[2].overall = 12.5;
    ASSERT_TRUE(m_store->save_snapshots(2565, "test", changed));
    EXPECT_NEAR(*(*m_store->published_results(2565))[2].overall, 0.3 * 90 + 0.3 * 80.5 + 0.4 * 70, 1e-9);

    // A correction is the next version; the first stays readable.
    const auto again = m_store->publish_results({2565, "test", changed, "admin", "แก้คะแนน OIT ที่ตรวจผิด", ""});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->version, 2);
    EXPECT_DOUBLE_EQ(*(*m_store->published_results(2565))[2].overall, 12.5);
    EXPECT_NEAR(*(*m_store->published_version(published->publication_id))[2].overall, 0.3 * 90 + 0.3 * 80.5 + 0.4 * 70, 1e-9);
    const auto listed = m_store->publications();
    ASSERT_EQ(listed->size(), 1u);  // the version in force of each year
    EXPECT_EQ((*listed)[0].publication_id, again->publication_id);
    EXPECT_EQ((*listed)[0].actor, "admin");
    EXPECT_EQ((*listed)[0].reason, "แก้คะแนน OIT ที่ตรวจผิด");

    // An embargoed version: recorded, not public; nothing else may be published meanwhile; it
    // can be withdrawn until it is public.
    const auto generation_before_embargo = *m_store->public_generation();
    const auto embargoed = m_store->publish_results({2565, "test", rows, "admin", "ฉบับที่สามรอเวลา", "2999-01-01T00:00:00Z"});
    ASSERT_TRUE(embargoed) << embargoed.error().to_string();
    EXPECT_EQ(embargoed->version, 3);
    EXPECT_EQ((*m_store->publications())[0].publication_id, again->publication_id);
    EXPECT_DOUBLE_EQ(*(*m_store->published_results(2565))[2].overall, 12.5);
    EXPECT_DOUBLE_EQ(*(*m_store->published_overall(2565))[2].overall, 12.5);
    EXPECT_EQ(m_store->publication_history(2565)->size(), 3u);
    EXPECT_EQ(m_store->publish_results({2565, "test", rows, "admin", "อีกครั้งหนึ่ง", ""}).error().code, ErrorCode::conflict);
    EXPECT_EQ(m_store->withdraw_publication(again->publication_id, "admin").error().code, ErrorCode::conflict);  // public already
    EXPECT_EQ(m_store->withdraw_publication(987654, "admin").error().code, ErrorCode::not_found);
    ASSERT_TRUE(m_store->withdraw_publication(embargoed->publication_id, "admin"));
    EXPECT_EQ(m_store->publication_history(2565)->size(), 2u);
    EXPECT_EQ(*m_store->public_generation(), generation_before_embargo);

    // When an embargo ends the version is in force and the generation moves, with no write.
    const std::time_t soon = std::time(nullptr) + 2;
    std::tm parts{};
    gmtime_r(&soon, &parts);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &parts);
    const auto timed = m_store->publish_results({2565, "test", rows, "admin", "ตั้งเวลาไว้สองวินาที", stamp});
    ASSERT_TRUE(timed) << timed.error().to_string();
    EXPECT_EQ((*m_store->publications())[0].publication_id, again->publication_id);
    const auto waiting = *m_store->public_generation();
    for (int attempt = 0; attempt < 50 && (*m_store->publications())[0].publication_id != timed->publication_id; ++attempt)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ((*m_store->publications())[0].publication_id, timed->publication_id);
    EXPECT_GT(*m_store->public_generation(), waiting);
    EXPECT_NEAR(*(*m_store->published_results(2565))[2].overall, 0.3 * 90 + 0.3 * 80.5 + 0.4 * 70, 1e-9);

    // A measure or its progress changes what the public pages show.
    const auto generation = *m_store->public_generation();
    core::Measure measure;
    measure.agency_id = "A1";
    measure.fiscal_year = 2565;
    measure.title = "เผยแพร่ข้อมูล";
    measure.start_on = "2021-10-01";
    measure.end_on = "2022-09-30";
    const auto id = m_store->add_measure(measure, "tester");
    ASSERT_TRUE(id) << id.error().to_string();
    const auto after_measure = *m_store->public_generation();
    EXPECT_GT(after_measure, generation);
    ASSERT_TRUE(m_store->add_progress(*id, {"2022-01-01", 50, "ครึ่งทาง", ""}, "tester"));
    EXPECT_GT(*m_store->public_generation(), after_measure);
}

TEST_P(StoreConformance, ReimportingTheSameFilesChangesNothing) {
    import_all();
    const std::string before = store_json();
    const auto audit_before = m_store->audit_log(100)->size();
    const auto again = import(service::ImportKind::responses, "responses.csv", responses_csv());
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->report.added, 0u);
    EXPECT_EQ(again->report.unchanged, 120u);
    const auto agencies = import(service::ImportKind::agencies, "agencies.csv", agencies_csv);
    EXPECT_EQ(agencies->report.unchanged, 3u);
    const auto oit = import(service::ImportKind::oit, "oit.csv", oit_csv);
    EXPECT_EQ(oit->report.unchanged, 3u);
    EXPECT_EQ(store_json(), before);
    EXPECT_EQ(m_store->audit_log(100)->size(), audit_before + 3);  // each import is audited, even a no-op
}

TEST_P(StoreConformance, AChangedAnswerIsAConflictUnlessReplacing) {
    import_all();
    const std::string before = store_json();
    std::string changed = responses_csv();
    changed.replace(changed.find("A1,IIT,s2,"), 16, "A1,IIT,s2,no,1,1");  // s2 answered 3,3 before
    const auto refused = import(service::ImportKind::responses, "changed.csv", changed);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    ASSERT_EQ(refused.error().diagnostics.size(), 1u);
    EXPECT_EQ(refused.error().diagnostics[0].line, 5u);
    EXPECT_NE(refused.error().diagnostics[0].message.find("I7 is stored as 3, the file says 1"), std::string::npos)
        << refused.error().to_string();
    EXPECT_EQ(store_json(), before);
    const auto replaced = import(service::ImportKind::responses, "changed.csv", changed, true);
    ASSERT_TRUE(replaced) << replaced.error().to_string();
    EXPECT_EQ(replaced->report.changed, 1u);
    EXPECT_NE(store_json(), before);
}

TEST_P(StoreConformance, UnknownAgencyRejectsTheWholeFile) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    const auto refused = import(service::ImportKind::responses, "r.csv", "agency_id,instrument,respondent,I7\nA1,IIT,1,4\nZZ,IIT,2,4\n");
    ASSERT_FALSE(refused);
    ASSERT_EQ(refused.error().diagnostics.size(), 1u);
    EXPECT_EQ(refused.error().diagnostics[0].line, 3u);
    EXPECT_EQ(refused.error().diagnostics[0].field, "agency_id");
    int stored = 0;
    ASSERT_TRUE(m_store->for_each_response(2565, std::nullopt, [&](const storage::StoredResponse&) { ++stored; }));
    EXPECT_EQ(stored, 0);
}

TEST_P(StoreConformance, BadRowsAreListedAsByScoreAndNothingIsWritten) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    const auto refused =
        import(service::ImportKind::responses, "r.csv", "agency_id,instrument,respondent,question,answer\nA1,IIT,1,I7,5\nA1,IIT,2,I7,4\n");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().to_string().find("r.csv:2:answer: answer '5' is out of range"), std::string::npos)
        << refused.error().to_string();
    int stored = 0;
    ASSERT_TRUE(m_store->for_each_response(2565, std::nullopt, [&](const storage::StoredResponse&) { ++stored; }));
    EXPECT_EQ(stored, 0);
}

TEST_P(StoreConformance, PublishedAndOitConflicts) {
    import_all();
    const auto published = import(service::ImportKind::published, "p2.csv", "agency_id,level,code,score\nA3,indicator,1,91\n");
    ASSERT_FALSE(published);
    EXPECT_NE(published.error().to_string().find("indicator 1 of agency A3 is stored as 90, the file says 91"), std::string::npos);
    const auto oit = import(service::ImportKind::oit, "o2.csv", "agency_id,item,present\nA1,O2,yes\n");
    ASSERT_FALSE(oit);
    EXPECT_NE(oit.error().to_string().find("item O2 of agency A1 is stored as no, the file says yes"), std::string::npos);
    EXPECT_TRUE(import(service::ImportKind::oit, "o2.csv", "agency_id,item,present\nA1,O2,yes\n", true));
}

TEST_P(StoreConformance, AnswersKeepNoLabelAndNoOrder) {
    import_all();
    std::vector<std::string> agencies_in_read_order;
    ASSERT_TRUE(m_store->for_each_response(2565, std::string("A1"), [&](const storage::StoredResponse& response) {
        agencies_in_read_order.emplace_back(response.agency_id);
        EXPECT_TRUE(response.packed.size() == 51 || response.packed.size() == 19);
    }));
    EXPECT_EQ(agencies_in_read_order.size(), 80u);
}

TEST_P(StoreConformance, BackupAndRestore) {
    import_all();
    const std::string before = store_json();
    const std::string backup = m_files.path("backup.bin");
    ASSERT_TRUE(m_store->backup(backup));
    struct stat status {};
    ASSERT_EQ(::stat(backup.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0600u) << "a backup holds every answer: its owner's only";
    // A failure names the database without its password (given in the connection string here).
    if (GetParam().name == "postgresql") {
        auto with_password = storage::open_store(m_target + " password=s3cret-pass");
        ASSERT_TRUE(with_password) << with_password.error().to_string();
        ASSERT_TRUE((*with_password)->backup(m_files.path("with-password.bin")));
        const auto failed = (*with_password)->backup("/nonexistent/dir/backup.bin");
        ASSERT_FALSE(failed);
        EXPECT_EQ(failed.error().message.find("s3cret"), std::string::npos) << failed.error().message;
    }
    ASSERT_TRUE(import(service::ImportKind::published, "p2.csv", "agency_id,level,code,score\nA3,indicator,1,10\n", true));
    EXPECT_NE(store_json(), before);
    const auto restored = m_store->restore(backup);
    ASSERT_TRUE(restored) << restored.error().to_string();
    if (GetParam().name == "postgresql") {  // pg_restore works on its own connections
        auto reopened = storage::open_store(m_target);
        ASSERT_TRUE(reopened);
        m_store = std::move(*reopened);
    }
    EXPECT_EQ(store_json(), before);
}

TEST_P(StoreConformance, AFiscalYearKeepsItsAnswerLayout) {
    import_all();
    const auto refused = m_store->ensure_fiscal_year({2565, "2565.9", "I1.1,I1.2", "E1"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_P(StoreConformance, EvidenceChecksKeepEveryCheckAndEachSnapshotOnce) {
    import_all();
    const std::string body("<p>\0โครงสร้าง 2565</p>", 28);  // bytes as fetched, a NUL included
    const std::string sha = std::string(64, 'a');
    const storage::EvidenceSnapshot snapshot{sha, "text/html; charset=utf-8", body};
    storage::UrlCheck check{0,
                            "A1",
                            "O1",
                            "https://a1.example/o1",
                            "2026-05-01T01:00:00Z",
                            "ok",
                            200,
                            "https://a1.example/o1",
                            "",
                            "",
                            "text/html; charset=utf-8",
                            static_cast<std::int64_t>(body.size()),
                            "",
                            sha};
    ASSERT_TRUE(m_store->record_url_check(2565, check, snapshot));
    check.checked_at = "2026-05-02T01:00:00Z";
    check.status = "stale";
    check.reason = "ไม่พบปี พ.ศ. 2565";
    check.reason_codes = "stale_year";
    check.redirects = "302 https://a1.example/old";
    ASSERT_TRUE(m_store->record_url_check(2565, check, snapshot));  // the same bytes again: kept once
    storage::UrlCheck other{
        0, "A2", "O1", "https://a2.example", "2026-05-01T02:00:00Z", "broken", 0, "https://a2.example", "เปิดไม่ได้", "timeout", "",
        0, "",   ""};
    ASSERT_TRUE(m_store->record_url_check(2565, other, std::nullopt));

    const auto latest = m_store->latest_url_checks(2565, std::string("A1"));
    ASSERT_TRUE(latest) << latest.error().to_string();
    ASSERT_EQ(latest->size(), 1u);
    EXPECT_EQ(latest->at(0).status, "stale");
    EXPECT_EQ(latest->at(0).reason, "ไม่พบปี พ.ศ. 2565");
    EXPECT_EQ(latest->at(0).redirects, "302 https://a1.example/old");
    EXPECT_EQ(latest->at(0).snapshot, sha);
    const auto everyone = m_store->latest_url_checks(2565, std::nullopt);
    ASSERT_TRUE(everyone);
    ASSERT_EQ(everyone->size(), 2u);
    EXPECT_EQ(everyone->at(1).agency_id, "A2");
    EXPECT_EQ(everyone->at(1).http_status, 0);
    EXPECT_EQ(everyone->at(1).snapshot, "");

    const auto history = m_store->url_check_history(2565, "A1", "O1");
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->at(0).checked_at, "2026-05-02T01:00:00Z");
    EXPECT_EQ(history->at(1).status, "ok");

    const auto kept = m_store->evidence_snapshot("A1", sha);
    ASSERT_TRUE(kept) << kept.error().to_string();
    EXPECT_EQ(kept->body, body);
    EXPECT_EQ(kept->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(m_store->evidence_snapshot("A2", sha).error().code, ErrorCode::not_found);  // not a check of A2's
    EXPECT_TRUE(m_store->latest_url_checks(2566, std::nullopt)->empty());
}

TEST_P(StoreConformance, SubmissionTimingIsCountedAndStampsAreStable) {
    import_all();
    ASSERT_TRUE(m_store->count_submission(2565, "A1", core::Instrument::iit, "2026-05-31T03", "under_1m"));
    ASSERT_TRUE(m_store->count_submission(2565, "A1", core::Instrument::iit, "2026-05-31T03", "under_1m"));
    ASSERT_TRUE(m_store->count_submission(2565, "A1", core::Instrument::eit, "2026-05-31T04", "unknown"));
    ASSERT_TRUE(m_store->count_submission(2565, "A2", core::Instrument::iit, "2026-05-31T03", "3m_to_10m"));
    const auto a1 = m_store->submission_timing(2565, std::string("A1"));
    ASSERT_TRUE(a1) << a1.error().to_string();
    ASSERT_EQ(a1->size(), 2u);
    EXPECT_EQ(a1->at(0).instrument, core::Instrument::eit);  // "EIT" sorts before "IIT"
    EXPECT_EQ(a1->at(1).hour, "2026-05-31T03");
    EXPECT_EQ(a1->at(1).duration, "under_1m");
    EXPECT_EQ(a1->at(1).submissions, 2);
    EXPECT_EQ(m_store->submission_timing(2565, std::nullopt)->size(), 3u);
    const auto stamp = m_store->stamp("form-started", "1700000000");
    ASSERT_TRUE(stamp);
    EXPECT_EQ(stamp->size(), 64u);
    EXPECT_EQ(*stamp, *m_store->stamp("form-started", "1700000000"));
    EXPECT_NE(*stamp, *m_store->stamp("form-started", "1700000001"));
    EXPECT_NE(*stamp, *m_store->stamp("other", "1700000000"));
}

TEST_P(StoreConformance, ForgettingSnapshotsKeepsTheNamedChecksBytesAndEveryCheck) {
    import_all();
    const auto record = [&](const std::string& when, const std::string& sha, const std::string& body) {
        storage::UrlCheck check{0, "A1", "O1", "https://a1.example/o1", when, "ok", 200, "https://a1.example/o1", "", "", "text/html",
                                1, "",   sha};
        auto id = m_store->record_url_check(2565, check, storage::EvidenceSnapshot{sha, "text/html", body});
        EXPECT_TRUE(id) << id.error().to_string();
        return id.value_or(0);
    };
    const std::string a(64, 'a'), b(64, 'b');
    const auto deadline = record("2026-05-30T01:00:00Z", a, "at the deadline");
    const auto middle = record("2026-06-01T01:00:00Z", b, "later");
    const auto newest = record("2026-06-02T01:00:00Z", a, "at the deadline");  // the same bytes as the deadline's
    EXPECT_LT(deadline, middle);
    EXPECT_LT(middle, newest);
    const auto before = m_store->url_checks_before(2565, "A1", "2026-05-31T17:00:00Z");  // the end of 31 May in Thailand
    ASSERT_TRUE(before) << before.error().to_string();
    ASSERT_EQ(before->size(), 1u);
    EXPECT_EQ(before->at(0).check_id, deadline);
    EXPECT_TRUE(m_store->url_checks_before(2565, "A1", "2026-05-01T00:00:00Z")->empty());
    EXPECT_EQ(m_store->url_checks_before(2565, "A1", "2026-06-01T12:00:00Z")->at(0).check_id, middle);
    const std::vector<std::int64_t> keep{newest, deadline};
    ASSERT_TRUE(m_store->forget_snapshots(2565, "A1", "O1", keep));
    const auto history = m_store->url_check_history(2565, "A1", "O1");
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 3u);
    EXPECT_EQ(history->at(0).snapshot, a);
    EXPECT_EQ(history->at(1).snapshot, "");
    EXPECT_EQ(history->at(2).snapshot, a);
    EXPECT_EQ(m_store->evidence_snapshot("A1", b).error().code, ErrorCode::not_found);  // no check refers to it: gone
    EXPECT_EQ(m_store->evidence_snapshot("A1", a)->body, "at the deadline");
    const std::vector<std::int64_t> only_newest{newest};
    ASSERT_TRUE(m_store->forget_snapshots(2565, "A1", "O1", only_newest));
    EXPECT_EQ(m_store->evidence_snapshot("A1", a)->body, "at the deadline");  // still the newest's
}

// Each year's methodology, versioned: the newest is in force, a version is recorded once, a
// frozen year takes a new version only with a reason, and a process that parsed a version
// before sees the change on its next read.
TEST_P(StoreConformance, MethodologyVersionsFreezeAndTakeEffect) {
    auto base = ingest::methodology_text(2569, std::nullopt);
    ASSERT_TRUE(base);
    EXPECT_FALSE(m_store->current_methodology(2569)->has_value());
    EXPECT_EQ(service::methodology_in_force(*m_store, 2569, std::nullopt)->version, "2569.2");  // compiled in
    ASSERT_TRUE(service::record_methodology(*m_store, *base, "ita-2569.json", "", "officer"));
    const auto again = service::record_methodology(*m_store, *base, "ita-2569.json", "", "officer");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
    ASSERT_TRUE(m_store->freeze_methodology(2569, "officer"));

    std::string next = *base;
    next.replace(next.find("\"version\": \"2569.2\""), std::string("\"version\": \"2569.2\"").size(), "\"version\": \"2569.3\"");
    const auto unexplained = service::record_methodology(*m_store, next, "ita-2569.json", "", "officer");
    ASSERT_FALSE(unexplained);
    EXPECT_NE(unexplained.error().message.find("frozen"), std::string::npos);
    ASSERT_TRUE(service::record_methodology(*m_store, next, "ita-2569.json", "รายการทางการ", "officer"));
    EXPECT_EQ(service::methodology_in_force(*m_store, 2569, std::nullopt)->version, "2569.3");
    const auto current = m_store->current_methodology(2569);
    ASSERT_TRUE(current && current->has_value());
    EXPECT_TRUE((*current)->frozen);  // a frozen year's new version is frozen too
    EXPECT_EQ((*current)->document, next);
    const auto history = m_store->methodology_history();
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[1].reason, "รายการทางการ");
    EXPECT_FALSE(m_store->freeze_methodology(2570, "officer"));  // nothing recorded for 2570
}

TEST_P(StoreConformance, EitPartsAreStoredScoredAndMovedOnlyByReplacing) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    const auto import_2568 = [&](const std::string& name, const std::string& text, bool replace) {
        service::ImportRequest request;
        request.kind = service::ImportKind::responses;
        request.fiscal_year = 2568;
        request.files = {m_files.write(name, text)};
        request.replace = replace;
        return service::import_files(*m_store, request);
    };
    ASSERT_TRUE(import_2568("parts.csv",
                            "agency_id,instrument,respondent,question,answer,part\n"
                            "A1,EIT,c1,E1.1,4,1\nA1,EIT,c2,E1.1,4,1\nA1,EIT,c3,E1.1,1,2\nA1,EIT,c4,E1.1,2,\n",
                            false));
    const auto part_counts = [&] {
        auto run = service::score_store(*m_store, {2568, std::string("A1"), std::nullopt, false});
        EXPECT_TRUE(run) << run.error().to_string();
        std::vector<std::uint32_t> counts;
        if (run)
            for (const auto& part : run->scored[0].scores.eit_parts) counts.push_back(part.respondents);
        return counts;
    };
    EXPECT_EQ(part_counts(), (std::vector<std::uint32_t>{2, 1}));  // c4 named no part

    const std::string moved = "agency_id,instrument,respondent,question,answer,part\nA1,EIT,c3,E1.1,1,1\n";
    const auto refused = import_2568("moved.csv", moved, false);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().to_string().find("it is stored in EIT part 2, the file says part 1"), std::string::npos)
        << refused.error().to_string();
    EXPECT_EQ(part_counts(), (std::vector<std::uint32_t>{2, 1}));
    ASSERT_TRUE(import_2568("moved.csv", moved, true));
    EXPECT_EQ(part_counts(), (std::vector<std::uint32_t>{3, 0}));
    // A file without the column leaves the stored parts as they are.
    const auto unchanged = import_2568("again.csv", "agency_id,instrument,respondent,question,answer\nA1,EIT,c1,E1.1,4\n", false);
    ASSERT_TRUE(unchanged) << unchanged.error().to_string();
    EXPECT_EQ(unchanged->report.unchanged, 1u);
    EXPECT_EQ(part_counts(), (std::vector<std::uint32_t>{3, 0}));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, testing::Values(Backend{"sqlite"}, Backend{"postgresql"}),
                         [](const auto& test_info) { return test_info.param.name; });

TEST_P(StoreConformance, SurveyCodesHoldAnswersUntilReleasedTheSameOnBothBackends) {
    // An agency id with a backslash (refused by the readers now, but an older database may hold
    // one): PostgreSQL's COPY of the code sheet once read `Q\101` as `QA`.
    const std::vector<core::Agency> agencies{{"Q\\101", "หน่วยงาน", "เทศบาลตำบล", "ขอนแก่น", {}}};
    ASSERT_TRUE(m_store->import_agencies(agencies, {}));
    ASSERT_TRUE(m_store->ensure_fiscal_year({2566, "test", "I1", "E1"}));
    const std::vector<std::string> codes{"AAAAA-AAAAA", "BBBBB-BBBBB"};
    ASSERT_TRUE(m_store->add_survey_codes(2566, "Q\\101", core::Instrument::iit, codes, "test"));
    const auto found = m_store->survey_code("AAAAA-AAAAA");
    ASSERT_TRUE(found) << found.error().to_string();
    EXPECT_EQ(found->agency_id, "Q\\101");

    const storage::HeldSubmission answer{{3}, "2026-05-31T03", "under_1m", ""};
    ASSERT_TRUE(m_store->submit_survey("AAAAA-AAAAA", answer));
    EXPECT_EQ(m_store->submit_survey("AAAAA-AAAAA", answer).error().code, ErrorCode::used_up);
    EXPECT_EQ(m_store->submit_survey("CCCCC-CCCCC", answer).error().code, ErrorCode::not_found);
    ASSERT_TRUE(m_store->submit_survey("BBBBB-BBBBB", {{2}, "2026-05-31T04", "unknown", ""}));
    ASSERT_TRUE(m_store->submit_public_survey(2566, "Q\\101", "token-1", core::Instrument::eit, {{1}, "2026-05-31T04", "1m_to_3m", "1"}));
    EXPECT_EQ(m_store->submit_public_survey(2566, "Q\\101", "token-1", core::Instrument::eit, answer).error().code, ErrorCode::used_up);
    EXPECT_TRUE(*m_store->browser_token_used("token-1"));
    EXPECT_FALSE(*m_store->browser_token_used("token-2"));
    // Held: counted, but in no response and no timing count.
    EXPECT_EQ(*m_store->respondent_count(2566, "Q\\101", core::Instrument::iit), 2u);
    std::size_t visited = 0;
    ASSERT_TRUE(m_store->for_each_response(2566, std::nullopt, [&](const storage::StoredResponse&) { ++visited; }));
    EXPECT_EQ(visited, 0u);
    EXPECT_TRUE(m_store->submission_timing(2566, std::nullopt)->empty());

    EXPECT_EQ(*m_store->release_held_answers(2566, core::Instrument::iit), 2u);
    EXPECT_EQ(*m_store->release_held_answers(2566, core::Instrument::iit), 0u);  // once only
    std::multiset<int> answers;
    ASSERT_TRUE(m_store->for_each_response(2566, std::nullopt, [&](const storage::StoredResponse& response) {
        EXPECT_EQ(response.agency_id, "Q\\101");
        answers.insert(response.packed[0]);
    }));
    EXPECT_EQ(answers, (std::multiset<int>{2, 3}));
    EXPECT_EQ(*m_store->respondent_count(2566, "Q\\101", core::Instrument::iit), 2u);
    EXPECT_EQ(m_store->submission_timing(2566, std::nullopt)->size(), 2u);
    EXPECT_EQ(*m_store->release_held_answers(2566, core::Instrument::eit), 1u);
    std::vector<std::string> parts;  // the web answer keeps the part it was given in
    ASSERT_TRUE(m_store->for_each_response(2566, std::nullopt, [&](const storage::StoredResponse& response) {
        parts.push_back(std::string(core::instrument_code(response.instrument)) + ":" + std::string(response.part));
    }));
    std::sort(parts.begin(), parts.end());
    EXPECT_EQ(parts, (std::vector<std::string>{"EIT:1", "IIT:", "IIT:"}));

    // Hits are counted per key and window, and read without counting.
    EXPECT_EQ(*m_store->count_hits("login:x", 7), 0);
    EXPECT_TRUE(*m_store->allow_hit("login:x", 7, 2));
    EXPECT_TRUE(*m_store->allow_hit("login:x", 7, 2));
    EXPECT_FALSE(*m_store->allow_hit("login:x", 7, 2));
    EXPECT_EQ(*m_store->count_hits("login:x", 7), 2);
    EXPECT_EQ(*m_store->count_hits("login:x", 8), 0);
}

// Issue 16's season operations, on both databases: the review's progress and every verdict kept,
// auditors' assignments, accounts disabled and given temporary passwords, and counts per agency.
TEST_P(StoreConformance, ReviewProgressAssignmentsAndAccounts) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    ASSERT_TRUE(import(service::ImportKind::responses, "responses.csv", responses_csv()));
    EXPECT_EQ(*m_store->assessed_agencies(2565), (std::vector<std::string>{"A1", "A2"}));
    const auto counts = *m_store->respondent_counts(2565);
    EXPECT_EQ(counts.at({"A1", core::Instrument::iit}), 40u);
    EXPECT_EQ(counts.at({"A1", core::Instrument::eit}), 40u);
    EXPECT_EQ(counts.at({"A2", core::Instrument::iit}), 40u);
    EXPECT_FALSE(counts.contains({"A2", core::Instrument::eit}));

    for (const auto& [item, agency] : {std::pair{"O1", "A1"}, {"O2", "A1"}, {"O1", "A2"}})
        ASSERT_TRUE(m_store->enter_oit(2565, {agency, item, true, "https://x.example/" + std::string(item), "", {}, "", "", "", "", ""},
                                       "wg", "2023-02-01"));
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O1", false, "ไม่พบ", "audit1", "2023-03-01"));
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O2", true, "", "audit1", "2023-03-01"));
    ASSERT_TRUE(m_store->clarify_oit(2565, "A1", "O1", "แนบแล้ว", "", "wg", "2023-03-05"));
    auto progress = *m_store->oit_review_progress(2565);
    ASSERT_EQ(progress.size(), 2u);
    EXPECT_EQ(progress[0].agency_id, "A1");
    EXPECT_EQ(std::tuple(progress[0].entered, progress[0].awaiting_review, progress[0].accepted, progress[0].rejected,
                         progress[0].awaiting_re_review),
              std::tuple(2u, 0u, 1u, 1u, 1u));
    EXPECT_EQ(std::tuple(progress[1].entered, progress[1].awaiting_review), std::tuple(1u, 1u));
    ASSERT_TRUE(m_store->review_oit(2565, "A1", "O1", true, "", "audit1", "2023-03-06"));
    EXPECT_EQ((*m_store->oit_review_progress(2565))[0].awaiting_re_review, 0u);
    const auto history = *m_store->verdict_history(2565, "A1");
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].comment, "ไม่พบ");
    EXPECT_EQ(history[2].verdict, core::ReviewVerdict::accepted);
    EXPECT_EQ(history[2].reviewed_at, "2023-03-06");

    // Accounts: an auditor can be assigned; a disabled one, a working group or a stranger cannot.
    ASSERT_TRUE(m_store->add_user({"audit1", "ผู้ตรวจ", core::Role::auditor, "", "hash", false, false}, "nation"));
    ASSERT_TRUE(m_store->add_user({"wg", "คณะทำงาน", core::Role::agency_admin, "A1", "hash", false, true}, "nation"));
    EXPECT_TRUE(m_store->user("wg")->must_change_password);
    const std::vector<std::pair<std::string, std::string>> good{{"A1", "audit1"}, {"A2", "audit1"}};
    ASSERT_TRUE(m_store->assign_reviews(2565, good, "nation"));
    EXPECT_EQ(m_store->review_assignments(2565)->size(), 2u);
    const std::vector<std::pair<std::string, std::string>> bad{{"A1", "wg"}};
    EXPECT_EQ(m_store->assign_reviews(2565, bad, "nation").error().code, ErrorCode::invalid_input);
    const std::vector<std::pair<std::string, std::string>> removal{{"A2", ""}};
    ASSERT_TRUE(m_store->assign_reviews(2565, removal, "nation"));
    EXPECT_EQ(*m_store->review_assignments(2565), (std::map<std::string, std::string>{{"A1", "audit1"}}));

    ASSERT_TRUE(m_store->add_session("token-1", "wg", "csrf", std::time(nullptr) + 3600));
    ASSERT_TRUE(m_store->session("token-1", std::time(nullptr)));
    ASSERT_TRUE(m_store->set_password("wg", "hash-2", false, "wg"));
    EXPECT_FALSE(m_store->session("token-1", std::time(nullptr)));  // a new password ends every session
    EXPECT_FALSE(m_store->user("wg")->must_change_password);
    EXPECT_EQ(m_store->user("wg")->password_hash, "hash-2");
    ASSERT_TRUE(m_store->add_session("token-2", "wg", "csrf", std::time(nullptr) + 3600));
    ASSERT_TRUE(m_store->set_user_disabled("wg", true, "nation"));
    EXPECT_FALSE(m_store->session("token-2", std::time(nullptr)));
    EXPECT_TRUE(m_store->user("wg")->disabled);
    EXPECT_EQ(m_store->set_user_disabled("nobody", true, "nation").error().code, ErrorCode::not_found);
    const auto users = *m_store->users();
    ASSERT_EQ(users.size(), 2u);
    EXPECT_TRUE(users[0].password_hash.empty());  // never listed
}

// Counter devices (kiosk mode, schema 18): kept by the keyed hash of their token, counted, turned
// off, on both backends alike.
TEST_P(StoreConformance, CounterDevicesAreKeptCountedAndTurnedOff) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv", agencies_csv));
    ASSERT_TRUE(m_store->ensure_fiscal_year({2566, "test", "I1", "E1"}));
    auto token = service::add_kiosk(*m_store, 2566, "A1", "  เคาน์เตอร์ชั้น 1 ", "wg", "2026-11-30");
    ASSERT_TRUE(token) << token.error().to_string();
    EXPECT_EQ(token->size(), 36u);
    EXPECT_FALSE(service::add_kiosk(*m_store, 2566, "A1", "  ", "wg", "2026-11-30")) << "a device needs a name";
    auto found = service::kiosk_for(*m_store, 2566, "A1", *token);
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->label, "เคาน์เตอร์ชั้น 1");
    EXPECT_EQ((*found)->created_on, "2026-11-30");
    for (int answer = 0; answer < 3; ++answer) ASSERT_TRUE(m_store->count_kiosk_answer((*found)->hash));
    // Another agency's or year's address does not take it; a made-up token finds nothing.
    EXPECT_FALSE(*service::kiosk_for(*m_store, 2566, "A2", *token));
    EXPECT_FALSE(*service::kiosk_for(*m_store, 2565, "A1", *token));
    EXPECT_FALSE(*service::kiosk_for(*m_store, 2566, "A1", std::string(36, 'a')));
    auto listed = m_store->kiosks(2566, "A1");
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().answers, 3);
    EXPECT_EQ(listed->front().id().size(), 12u);
    EXPECT_EQ(m_store->revoke_kiosk(2566, "A1", "000000000000", "wg").error().code, ErrorCode::not_found);
    ASSERT_TRUE(m_store->revoke_kiosk(2566, "A1", listed->front().id(), "wg"));
    EXPECT_FALSE(*service::kiosk_for(*m_store, 2566, "A1", *token)) << "turned off";
    EXPECT_TRUE(m_store->kiosks(2566, "A1")->front().revoked);
}

// Where agencies publish (schema 19): the agencies file's website column, kept when a later
// file has none, a conflict when it says otherwise; the domains a working group adds, apart.
TEST_P(StoreConformance, AgencyWebsitesFromTheFileAndTheWorkingGroup) {
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv",
                       "agency_id,name,type,province,website\n"
                       "A1,เทศบาลตำบลหนองเส้า,เทศบาลตำบล,ขอนแก่น,\"https://www.nongsao.go.th/ nongsao-ita.go.th\"\n"
                       "A2,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี,\n"));
    EXPECT_EQ(m_store->agency("A1")->value().websites, (std::vector<std::string>{"nongsao.go.th", "nongsao-ita.go.th"}));
    EXPECT_EQ(m_store->agency("A2")->value().websites, std::vector<std::string>{});
    // A file without the column says nothing about websites: they stay.
    ASSERT_TRUE(
        import(service::ImportKind::agencies, "agencies.csv", "agency_id,name,type,province\nA1,เทศบาลตำบลหนองเส้า,เทศบาลตำบล,ขอนแก่น\n"));
    EXPECT_EQ(m_store->agency("A1")->value().websites->size(), 2u);
    // Another website is a change: a conflict unless replacing.
    const auto changed = import(service::ImportKind::agencies, "agencies.csv",
                                "agency_id,name,type,province,website\nA1,เทศบาลตำบลหนองเส้า,เทศบาลตำบล,ขอนแก่น,nongsao.go.th\n");
    ASSERT_FALSE(changed);
    EXPECT_NE(changed.error().to_string().find("stored with websites nongsao.go.th nongsao-ita.go.th, the file says nongsao.go.th"),
              std::string::npos)
        << changed.error().to_string();

    EXPECT_EQ(*service::add_agency_website(*m_store, "A1", "https://eservice.nongsao.go.th/login", "wg", "2026-12-01"),
              "eservice.nongsao.go.th");
    ASSERT_TRUE(service::add_agency_website(*m_store, "A1", "www.eservice.nongsao.go.th", "wg", "2026-12-01"));  // once
    EXPECT_EQ(service::add_agency_website(*m_store, "A1", "not a site", "wg", "2026-12-01").error().code, ErrorCode::invalid_input);
    EXPECT_EQ(*m_store->agency_domains("A1"), std::vector<std::string>{"eservice.nongsao.go.th"});
    EXPECT_EQ(*service::agency_websites(*m_store, m_store->agency("A1")->value()),
              (std::vector<std::string>{"nongsao.go.th", "nongsao-ita.go.th", "eservice.nongsao.go.th"}));
    // A new agencies file never drops what the working group added.
    ASSERT_TRUE(import(service::ImportKind::agencies, "agencies.csv",
                       "agency_id,name,type,province,website\nA1,เทศบาลตำบลหนองเส้า,เทศบาลตำบล,ขอนแก่น,nongsao.go.th\n", true));
    EXPECT_EQ(m_store->agency_domains("A1")->size(), 1u);
    EXPECT_EQ(m_store->remove_agency_domain("A1", "other.go.th", "wg").error().code, ErrorCode::not_found);
    ASSERT_TRUE(m_store->remove_agency_domain("A1", "eservice.nongsao.go.th", "wg"));
    EXPECT_TRUE(m_store->agency_domains("A1")->empty());
}
