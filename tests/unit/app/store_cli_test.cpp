// `ita import`, `ita score --db`, `ita rank`, `ita backup`/`restore` as users call them.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

#include <ita/thai/digits.hpp>

using ita::test::run_ita;

TEST(StoreCli, ImportScoreRankBackup) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    const auto agencies =
        files.write("agencies.csv",
                    "agency_id,name,type,province\nT1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\nT2,เทศบาลตำบลสอง,เทศบาลตำบล,ขอนแก่น\n"
                    "T3,เทศบาลตำบลสาม,เทศบาลตำบล,ยโสธร\nO1,องค์การบริหารส่วนตำบลหนึ่ง,องค์การบริหารส่วนตำบล,ยโสธร\n");
    // T1 and T2 tie at 88, T3 at 92; O1 alone in its type.
    const auto published = files.write("published.csv",
                                       "agency_id,level,code,score\n"
                                       "T1,instrument,IIT,88\nT1,instrument,EIT,88\nT1,instrument,OIT,88\n"
                                       "T2,instrument,IIT,88\nT2,instrument,EIT,88\nT2,instrument,OIT,88\n"
                                       "T3,instrument,IIT,92\nT3,instrument,EIT,92\nT3,instrument,OIT,92\n"
                                       "O1,instrument,IIT,70\nO1,instrument,EIT,70\nO1,instrument,OIT,70\n");
    ASSERT_EQ(run_ita("import --db " + db + " agencies " + agencies).exit_code, 0);
    const auto imported = run_ita("import --db " + db + " --year 2565 published " + published);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("published scores: 12 added"), std::string::npos) << imported.output;

    const auto rank = run_ita("rank --db " + db + " --year 2565 --format json");
    ASSERT_EQ(rank.exit_code, 0) << rank.output;
    EXPECT_NE(rank.output.find(R"({"agency_id":"T3","type":"เทศบาลตำบล","province":"ยโสธร","overall":92.0,"verdict":"A","rank":1,"of":3})"),
              std::string::npos)
        << rank.output;
    EXPECT_NE(rank.output.find(R"("agency_id":"T1","type":"เทศบาลตำบล","province":"ขอนแก่น","overall":88.0,"verdict":"A","rank":2,"of":3})"),
              std::string::npos);
    EXPECT_NE(rank.output.find(R"("agency_id":"T2","type":"เทศบาลตำบล","province":"ขอนแก่น","overall":88.0,"verdict":"A","rank":2,"of":3})"),
              std::string::npos);
    EXPECT_NE(rank.output.find(
                  R"("agency_id":"O1","type":"องค์การบริหารส่วนตำบล","province":"ยโสธร","overall":70.0,"verdict":"C","rank":1,"of":1})"),
              std::string::npos);
    EXPECT_NE(rank.output.find(R"("national":{"agencies":4,"scored":4,"mean":84.5,"passing":3,"share_passing":75.0,"meets_target":false})"),
              std::string::npos);

    const auto province = run_ita("rank --db " + db + " --year 2565 --province ยโสธร --format csv");
    ASSERT_EQ(province.exit_code, 0);
    EXPECT_EQ(province.output,
              "agency_id,type,province,overall,verdict,rank,of\nT3,เทศบาลตำบล,ยโสธร,92,A,1,3\nO1,องค์การบริหารส่วนตำบล,ยโสธร,70,C,1,1\n");

    const auto score = run_ita("score --db " + db + " --year 2565 --agency T3 --format json");
    ASSERT_EQ(score.exit_code, 0) << score.output;
    EXPECT_NE(score.output.find(R"("agencies":[{"agency_id":"T3","overall":92.0,"rating":"A","pass":true)"), std::string::npos)
        << score.output;

    const std::string backup = files.path("backup.db");
    ASSERT_EQ(run_ita("backup --db " + db + " --out " + backup).exit_code, 0);
    const auto restored_db = files.path("restored.db");
    ASSERT_EQ(run_ita("restore --db " + restored_db + " --from " + backup).exit_code, 0);
    EXPECT_EQ(run_ita("rank --db " + restored_db + " --year 2565 --format json").output, rank.output);
}

TEST(StoreCli, DatabaseFromTheEnvironmentAndClearErrors) {
    ita::test::TempDir files;
    const auto missing = run_ita("rank --year 2565");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.output.find("give --db PATH_OR_URL or set ITA_DB"), std::string::npos);
    const auto agencies = files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลตำบล,ขอนแก่น\n");
    const auto from_env =
        run_ita("import agencies " + agencies + " ; ITA_DB=" + files.path("env.db") + " " + ITA_BINARY + " import agencies " + agencies);
    EXPECT_NE(from_env.output.find("agencies: 1 added"), std::string::npos) << from_env.output;
    const auto no_year = run_ita("rank --db " + files.path("env.db") + " --year 2560");
    EXPECT_EQ(no_year.exit_code, 2);
    const auto bad_url = run_ita("import --db 'host=/nonexistent port=1 dbname=x' agencies " + agencies);
    EXPECT_EQ(bad_url.exit_code, 1);
    EXPECT_NE(bad_url.output.find("cannot connect to PostgreSQL"), std::string::npos) << bad_url.output;
}

TEST(StoreCli, AnUpgradeIsAStepOfItsOwnForTheServer) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(
        run_ita("import --db " + db + " agencies " + files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลเมือง,ขอนแก่น\n"))
            .exit_code,
        0);
    ASSERT_EQ(run_ita("import --db " + db + " --year 2565 published " +
                      files.write("published.csv",
                                  "agency_id,level,code,score\nA1,instrument,IIT,90\nA1,instrument,EIT,80\nA1,instrument,OIT,70\n"))
                  .exit_code,
              0);
    const auto published = run_ita("publish --db " + db + " --year 2565");
    ASSERT_EQ(published.exit_code, 0) << published.output;
    // As a database of the previous release: schema 13, its one publication in published_results.
    ASSERT_EQ(
        std::system(
            ("sqlite3 " + db +
             " \"CREATE TABLE published_results (fiscal_year INTEGER NOT NULL, agency_id TEXT NOT NULL, methodology_version TEXT NOT NULL, "
             "overall REAL, rating TEXT NOT NULL DEFAULT '', pass INTEGER, detail TEXT NOT NULL, PRIMARY KEY (fiscal_year, agency_id)) "
             "WITHOUT ROWID; INSERT INTO published_results SELECT p.fiscal_year, r.agency_id, r.methodology_version, r.overall, "
             "r.rating, r.pass, r.detail FROM published_rows r JOIN publications p USING (publication_id); DROP TABLE published_rows; "
             "DROP INDEX publications_by_year; ALTER TABLE publications DROP COLUMN version; ALTER TABLE publications DROP COLUMN "
             "public_from; ALTER TABLE publications DROP COLUMN reason; ALTER TABLE oit_clarifications DROP COLUMN reviewed; ALTER TABLE users DROP COLUMN disabled; ALTER TABLE users DROP COLUMN must_change_password; DROP TABLE review_assignments; DROP TABLE oit_review_history; "
             "DROP TABLE kiosks; DROP TABLE agency_domains; ALTER TABLE agencies DROP COLUMN websites; ALTER TABLE oit_submissions DROP COLUMN more_urls; DROP TABLE oit_sendings; "
             "DELETE FROM schema_migrations WHERE version IN (14, 15, 16, 17, 18, 19)\"")
                .c_str()),
        0);
    const auto refused = run_ita("serve --db " + db + " --listen 127.0.0.1:1 --no-evidence-check");
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("the database is at schema 13 and this ita needs 19"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("ita migrate --db"), std::string::npos);
    const auto migrated = run_ita("migrate --db " + db);
    EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
    EXPECT_NE(migrated.output.find("is at schema 19"), std::string::npos) << migrated.output;
    // The publication became version 1, public since it was made, its row kept.
    EXPECT_EQ(
        ita::test::output_of("sqlite3 " + db +
                             " \"SELECT p.version, p.public_from = p.published_at, r.agency_id, round(r.overall, 2) FROM publications p "
                             "JOIN published_rows r USING (publication_id)\""),
        "1|1|A1|79.0\n");
}

TEST(StoreCli, AMistypedDatabaseNeverShowsOrStoresItsPassword) {
    ita::test::TempDir files;
    const std::string before = ita::test::output_of("ls -A " + files.path(""));
    // key=value pairs in any order are PostgreSQL; the failure names the database without the password.
    const auto unreachable = run_ita("rank --db 'user=ita password=hunter2 host=/nonexistent' --year 2565");
    EXPECT_NE(unreachable.exit_code, 0);
    EXPECT_EQ(unreachable.output.find("hunter2"), std::string::npos) << unreachable.output;
    EXPECT_NE(unreachable.output.find("user='ita'"), std::string::npos) << unreachable.output;
    const auto uri = run_ita("rank --db 'postgresql://ita:hunter2@127.0.0.1:1/x' --year 2565");
    EXPECT_EQ(uri.output.find("hunter2"), std::string::npos) << uri.output;
    // Neither a path nor a connection string: refused, and no SQLite file is made of it.
    const auto other = run_ita("rank --db 'mysql://ita:hunter2@db/x' --year 2565");
    EXPECT_EQ(other.exit_code, 2);
    EXPECT_EQ(other.output.find("hunter2"), std::string::npos) << other.output;
    EXPECT_EQ(ita::test::output_of("ls -A " + files.path("") + " . | grep -c hunter2"), "0\n");
    EXPECT_EQ(ita::test::output_of("ls -A " + files.path("")), before);
}

TEST(StoreCli, TextStoredBeforeTheBoundaryCheckNeverBreaksJsonOutput) {
    // An older version stored a form field that was not UTF-8: JSON output replaces the bytes
    // (U+FFFD) instead of failing with "internal error".
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(
        run_ita("import --db " + db + " agencies " + files.write("agencies.csv", "agency_id,name,type,province\nA1,ก,เทศบาลเมือง,ขอนแก่น\n"))
            .exit_code,
        0);
    ASSERT_EQ(run_ita("measures add --db " + db + " --year 2566 --agency A1 --title T --responsible R --start 2022-10-01 --end 2023-09-30")
                  .exit_code,
              0);
    ASSERT_EQ(std::system(("sqlite3 " + db + " \"UPDATE measures SET title = CAST(X'41FF42' AS TEXT)\"").c_str()), 0);
    const auto listed = run_ita("measures list --db " + db + " --year 2566 --format json", false);
    ASSERT_EQ(listed.exit_code, 0) << listed.output;
    EXPECT_NE(listed.output.find("A\xEF\xBF\xBD"
                                 "B"),
              std::string::npos)
        << listed.output;
}

TEST(StoreCli, DraftMeasuresFromLastYearsAnalysisAndTrackThem) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_EQ(run_ita("import --db " + db + " agencies " +
                      files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n"))
                  .exit_code,
              0);
    const std::string seed002 = std::string(ITA_SOURCE_DIR) + "/tests/golden/2565/seed002_indicators/published.csv";
    ASSERT_EQ(run_ita("import --db " + db + " --year 2565 published " + seed002).exit_code, 0);
    const auto drafted = run_ita("measures draft --db " + db + " --year 2566 --agency A1");
    ASSERT_EQ(drafted.exit_code, 0) << drafted.output;
    EXPECT_NE(drafted.output.find("4 draft measures added"), std::string::npos) << drafted.output;  // weakest 5, 6, 8 and the strengths
    EXPECT_NE(drafted.output.find("มาตรการยกระดับตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต"), std::string::npos);
    EXPECT_NE(drafted.output.find("ระยะเวลา: 1 ต.ค. 2565 ถึง 30 ก.ย. 2566"), std::string::npos);
    // Drafting again adds nothing: every weakness has its measure.
    EXPECT_NE(run_ita("measures draft --db " + db + " --year 2566 --agency A1").output.find("0 draft measures added"), std::string::npos);

    ASSERT_EQ(run_ita("measures progress --db " + db + " --id 1 --date 2022-10-01 --percent 25 --text เริ่มดำเนินการแล้ว").exit_code, 0);
    const auto overdue = run_ita("measures list --db " + db + " --year 2566 --agency A1 --overdue --today 2022-11-15 --format json");
    ASSERT_EQ(overdue.exit_code, 0) << overdue.output;
    // Measure 1 reported on 1 Oct (next due 1 Jan); 2–3 never reported: due since 1 Oct. The
    // strengths' measure reports 6-monthly from 1 Oct as well.
    EXPECT_EQ(overdue.output.find(R"("measure_id":1,)"), std::string::npos) << overdue.output;
    EXPECT_NE(overdue.output.find(R"("measure_id":2,)"), std::string::npos);
    EXPECT_NE(overdue.output.find(R"("next_report_due":"2022-10-01","overdue":true)"), std::string::npos);

    const auto added = run_ita("measures add --db " + db +
                               " --year 2566 --agency A1 --title ทดสอบ --responsible กองคลัง --start 2022-10-01 --end 2023-10-05");
    EXPECT_EQ(added.exit_code, 2);
    EXPECT_NE(added.output.find("within fiscal year 2566"), std::string::npos) << added.output;
    ASSERT_EQ(run_ita("measures update --db " + db + " --year 2566 --id 2 --responsible สำนักปลัด --status active").exit_code, 0);
    EXPECT_NE(run_ita("measures list --db " + db + " --year 2566 --agency A1").output.find("ผู้รับผิดชอบ: สำนักปลัด"), std::string::npos);
    ASSERT_EQ(run_ita("constraints set --db " + db + " --year 2566 --agency A1 --man 'ขาดบุคลากร' --money 'งบน้อย'").exit_code, 0);
    EXPECT_NE(run_ita("constraints show --db " + db + " --year 2566 --agency A1").output.find("Money (งบประมาณ): งบน้อย"),
              std::string::npos);
    EXPECT_EQ(run_ita("measures remove --db " + db + " --id 77").exit_code, 2);
}

namespace {
// pdftotext breaks lines inside narrow table cells: compare text without any white space.
std::string squeezed(std::string text) {
    std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\f'; });
    return text;
}

// A store holding seed 002's published result for agency A1.
std::string seed002_store(const ita::test::TempDir& files) {
    const std::string db = files.path("ita.db");
    run_ita("import --db " + db + " agencies " +
            files.write("agencies.csv", "agency_id,name,type,province\nA1,เทศบาลเมืองแจระแม,เทศบาลเมือง,อุบลราชธานี\n"));
    run_ita("import --db " + db + " --year 2565 published " + std::string(ITA_SOURCE_DIR) +
            "/tests/golden/2565/seed002_indicators/published.csv");
    return db;
}
}  // namespace

TEST(ReportCli, PdfCarriesTheResultTheIndicatorsAndTheMeasuresTable) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    ASSERT_EQ(run_ita("measures draft --db " + db + " --year 2566 --agency A1").exit_code, 0);
    const std::string pdf = files.path("report.pdf");
    // Measures still drafts appear in a draft report only, marked.
    const auto made =
        run_ita("report --db " + db + " --year 2565 --agency A1 --draft --out " + pdf + " --reporter 'นายปรมินทร์ ศรีอ่าง|นิติกรชำนาญการ'");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    const std::string text = squeezed(ita::test::output_of("pdftotext -raw " + pdf + " -"));
    for (const char* expected :
         {"83.94",       "ระดับ B",          "ไม่ผ่านเกณฑ์",  "88.35",       "81.51",        "86.43",    "81.99",         "77.69", "78.31",
          "79.46",       "78.41",           "83.06",      "93.75",       "โครงการ/",     "ผลการ",    "ขั้นตอนหรือวิธีการ", "ระยะ",  "ผู้",
          "ผู้รายงานข้อมูล", "นายปรมินทร์ ศรีอ่าง", "ผู้รับรองข้อมูล", "ผู้เห็นชอบข้อมูล", "Man (บุคลากร)", "(ฉบับร่าง)", "(ร่าง)"})
        EXPECT_NE(text.find(squeezed(expected)), std::string::npos) << expected;
    // The report handed in leaves the drafts out and says so.
    const std::string final_pdf = files.path("final.pdf");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --out " + final_pdf).exit_code, 0);
    const std::string final_text = squeezed(ita::test::output_of("pdftotext -raw " + final_pdf + " -"));
    EXPECT_EQ(final_text.find(squeezed("ขั้นตอนหรือวิธีการ")), std::string::npos);
    EXPECT_NE(final_text.find(squeezed("ยังไม่มีมาตรการที่รับรองแล้ว (มีร่าง 4 มาตรการ")), std::string::npos);
    EXPECT_NE(ita::test::output_of("pdfinfo " + pdf).find("Pages:"), std::string::npos);
}

TEST(ReportCli, FortyMeasuresPaginateWithRepeatedHeadersAndThaiPageNumbers) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    for (int number = 1; number <= 40; ++number)
        ASSERT_EQ(
            run_ita("measures add --db " + db + " --year 2566 --agency A1 --title 'กิจกรรมที่ " + std::to_string(number) +
                    " ทดสอบ' --status active --responsible กองคลัง --start 2022-10-01 --end 2023-09-30 --target indicator:" +
                    std::to_string(1 + number % 10) + " --steps '1. วางแผนงานและแต่งตั้งคณะทำงาน\n2. ดำเนินการตามแผน\n3. รายงานผลต่อผู้บริหาร'")
                .exit_code,
            0);
    const std::string pdf = files.path("report.pdf");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --thai-digits --out " + pdf).exit_code, 0);
    const std::string info = ita::test::output_of("pdfinfo " + pdf);
    const int pages = std::stoi(info.substr(info.find("Pages:") + 6));
    EXPECT_GE(pages, 8);
    // -raw keeps the order things were drawn in: a cell's lines stay together.
    const std::string text = squeezed(ita::test::output_of("pdftotext -raw " + pdf + " -"));
    const auto titled = [&](int number) {
        return text.find("กิจกรรมที่" + ita::thai::to_thai_digits(std::to_string(number)) + "ทดสอบ") != std::string::npos;
    };
    for (int number = 1; number <= 40; ++number) EXPECT_TRUE(titled(number)) << number;
    // Every page after the first is numbered at its top, and every page of the measures table
    // starts with its header.
    for (int page = 2; page <= pages; ++page) {
        const std::string page_text =
            squeezed(ita::test::output_of("pdftotext -raw -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + pdf + " -"));
        EXPECT_TRUE(page_text.starts_with("-" + ita::thai::to_thai_digits(std::to_string(page)) + "-"))
            << "page " << page << ": " << page_text.substr(0, 40);
        // (the measures table's header, or the progress table's that follows it)
        if (page_text.find("กิจกรรมที่") != std::string::npos && page_text.find("๖.มาตรการ") == std::string::npos &&
            page_text.find("ความก้าวหน้าของมาตรการ") == std::string::npos) {
            EXPECT_TRUE(page_text.find("ขั้นตอนหรือวิธีการ") != std::string::npos || page_text.find("รายงานล่าสุด") != std::string::npos)
                << "page " << page << " lost the table header";
        }
    }
}

TEST(ReportCli, XlsxHoldsEveryScoreAsValues) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    const std::string xlsx = files.path("report.xlsx");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --format xlsx --out " + xlsx).exit_code, 0);
    const std::string strings = ita::test::output_of("unzip -p " + xlsx + " xl/sharedStrings.xml");
    EXPECT_NE(strings.find("การแก้ไขปัญหาการทุจริต"), std::string::npos);
    EXPECT_NE(strings.find("จุดอ่อนที่ต้องพัฒนาเร่งด่วน"), std::string::npos);
    const std::string indicators = ita::test::output_of("unzip -p " + xlsx + " xl/worksheets/sheet2.xml");
    EXPECT_NE(indicators.find("<v>77.69</v>"), std::string::npos) << indicators.substr(0, 400);
    EXPECT_EQ(indicators.find("<f>"), std::string::npos);  // values, never formulas
    const std::string summary = ita::test::output_of("unzip -p " + xlsx + " xl/worksheets/sheet1.xml");
    EXPECT_NE(summary.find("<v>83.93"), std::string::npos);
}

TEST(ReportCli, DocxIsAnEditableWordDocument) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    ASSERT_EQ(run_ita("measures draft --db " + db + " --year 2566 --agency A1").exit_code, 0);
    const std::string docx = files.path("report.docx");
    const auto made = run_ita("report --db " + db + " --year 2565 --agency A1 --draft --format docx --out " + docx +
                              " --approver 'นางเนตรทราย อุตสาหการ|นายกเทศมนตรี'");
    ASSERT_EQ(made.exit_code, 0) << made.output;
    const std::string listing = ita::test::output_of("unzip -l " + docx);
    for (const char* part : {"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/header1.xml", "word/media/chart1.png"})
        EXPECT_NE(listing.find(part), std::string::npos) << part;
    const std::string body = ita::test::output_of("unzip -p " + docx + " word/document.xml");
    EXPECT_NE(body.find("<w:tbl>"), std::string::npos);       // real Word tables
    EXPECT_NE(body.find("<w:tblHeader"), std::string::npos);  // header rows repeat on every page
    EXPECT_NE(body.find("83.94"), std::string::npos);
    EXPECT_NE(body.find("ขั้นตอนหรือวิธีการ"), std::string::npos);
    EXPECT_NE(body.find("นางเนตรทราย อุตสาหการ"), std::string::npos);
    EXPECT_NE(ita::test::output_of("unzip -p " + docx + " word/styles.xml").find(R"(w:ascii="TH SarabunPSK")"), std::string::npos);
    EXPECT_NE(ita::test::output_of("unzip -p " + docx + " word/header1.xml").find("PAGE"), std::string::npos);
    // One rule of digits: Arabic page numbers here, Thai ones with --thai-digits; Latin text is
    // tagged English so no Thai dictionary breaks "Assessment".
    EXPECT_NE(body.find(R"(<w:pgNumType w:fmt="decimal")"), std::string::npos);
    EXPECT_NE(ita::test::output_of("unzip -p " + docx + " word/styles.xml").find(R"(<w:lang w:val="en-US" w:bidi="th-TH"/>)"),
              std::string::npos);
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --thai-digits --format docx --out " + docx).exit_code, 0);
    EXPECT_NE(ita::test::output_of("unzip -p " + docx + " word/document.xml").find(R"(<w:pgNumType w:fmt="thaiNumbers")"),
              std::string::npos);
}

namespace {
// Converts with headless LibreOffice in a profile of its own (tests may run in parallel).
std::string libreoffice_convert(const ita::test::TempDir& files, const std::string& input, const std::string& to) {
    ita::test::output_of("soffice -env:UserInstallation=file://" + files.path("lo-profile") + " --headless --convert-to '" + to +
                         "' --outdir " + files.path("converted") + " " + input + " 2>&1");
    const std::string name = input.substr(input.rfind('/') + 1);
    return files.path("converted/" + name.substr(0, name.rfind('.')) + "." + to.substr(0, to.find(':')));
}
}  // namespace

TEST(ReportCli, LibreOfficeOpensTheDocxAndTheXlsx) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    ASSERT_EQ(run_ita("measures draft --db " + db + " --year 2566 --agency A1").exit_code, 0);
    const std::string docx = files.path("report.docx"), xlsx = files.path("report.xlsx");
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --draft --format docx --out " + docx).exit_code, 0);
    ASSERT_EQ(run_ita("report --db " + db + " --year 2565 --agency A1 --draft --format xlsx --out " + xlsx).exit_code, 0);
    const std::string pdf = libreoffice_convert(files, docx, "pdf");
    const std::string text = squeezed(ita::test::output_of("pdftotext -raw " + pdf + " -"));
    for (const char* expected : {"83.94", "ระดับB", "77.69", "93.75", "ผู้รับผิดชอบ", "ผู้เห็นชอบข้อมูล"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    EXPECT_GE(std::stoi(ita::test::output_of("pdfinfo " + pdf + " | sed -n 's/^Pages: *//p'")), 3);
    // Calc reads the indicators sheet (the second) back with the values as written; it names
    // the file after the sheet.
    libreoffice_convert(files, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2");
    const std::string csv = ita::test::output_of("cat " + files.path("converted") + "/*.csv");
    EXPECT_NE(csv.find("77.69"), std::string::npos) << csv.substr(0, 300);
}

TEST(ReportCli, HtmlHasTheSameContentWithPrintCssAndSvgTooltips) {
    ita::test::TempDir files;
    const std::string db = seed002_store(files);
    ASSERT_EQ(run_ita("measures draft --db " + db + " --year 2566 --agency A1").exit_code, 0);
    const std::string html_path = files.path("report.html");
    ASSERT_EQ(
        run_ita("report --db " + db + " --year 2565 --agency A1 --draft --format html --out " + html_path + " --thai-digits").exit_code, 0);
    const std::string html = ita::test::output_of("cat " + html_path);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"th\">"));
    EXPECT_NE(html.find("๘๓.๙๔"), std::string::npos);  // 83.94 in Thai digits
    EXPECT_NE(html.find("<thead><tr><th scope=\"col\">ตัวชี้วัด</th><th scope=\"col\">โครงการ/กิจกรรม</th>"), std::string::npos);
    EXPECT_NE(html.find("thead { display: table-header-group; }"), std::string::npos);  // headers repeat when printed
    EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
    EXPECT_NE(html.find("<rect"), std::string::npos);
    EXPECT_NE(html.find("<title>๕: ๗๗.๖๙</title>"), std::string::npos);  // a tooltip per bar, no JavaScript, in the page's digits
    EXPECT_EQ(html.find("class=\"value\">77.69"), std::string::npos);    // the chart follows --thai-digits too
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(ReportCli, EveryAgencyOfTheSeasonOnEveryCore) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db");
    ASSERT_TRUE(ita::test::import_synthetic_season(db, files.path("data"), 12, 4));
    // Before the year is published no rank is printed, and the report says why.
    const auto early = run_ita("report --db " + db + " --year 2565 --agency A00001 --out " + files.path("early.pdf"));
    ASSERT_EQ(early.exit_code, 0) << early.output;
    const std::string early_text = squeezed(ita::test::output_of("pdftotext -raw " + files.path("early.pdf") + " - 2>&1"));
    EXPECT_EQ(early_text.find(squeezed("อยู่ในลำดับที่")), std::string::npos);
    EXPECT_NE(early_text.find(squeezed("ลำดับจะแสดงเมื่อประกาศผลแล้ว")), std::string::npos) << early_text.substr(0, 600);

    ASSERT_EQ(run_ita("publish --db " + db + " --year 2565").exit_code, 0);
    const auto made = run_ita("report --db " + db + " --year 2565 --all --jobs 2 --out " + files.path("reports"));
    ASSERT_EQ(made.exit_code, 0) << made.output;
    EXPECT_NE(made.output.find("12 reports in"), std::string::npos);
    int ranked = 0;
    for (int agency = 1; agency <= 12; ++agency) {
        char id[8];
        std::snprintf(id, sizeof id, "A%05d", agency);
        const std::string text =
            squeezed(ita::test::output_of("pdftotext -raw " + files.path("reports/" + std::string(id) + ".pdf") + " - 2>&1"));
        // each report carries its rank within its type, or says its type has one agency here
        const bool rank = text.find(squeezed("อยู่ในลำดับที่")) != std::string::npos;
        ranked += rank ? 1 : 0;
        EXPECT_TRUE(rank || text.find(squeezed("เพียงหน่วยงานเดียว จึงไม่แสดงลำดับ")) != std::string::npos) << id;
    }
    EXPECT_GT(ranked, 0);
    EXPECT_EQ(run_ita("report --db " + db + " --year 2565 --out x.pdf").exit_code, 2);  // neither --agency nor --all
}
