// `ita methodology new / import / export` as the NACC's methodology officer uses them: a new
// year from the last, its OIT list imported from a CSV file, bad lists refused whole.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using ita::test::run_ita;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Two indicators, as the NACC publishes a list: the first row without keywords keeps the
// evidence rule of 2569's item of the same title.
constexpr const char* list_2570 =
    "code,title,indicator,keywords,period,source\n"
    "O1,โครงสร้างองค์กรและอำนาจหน้าที่,9.1 ข้อมูลพื้นฐาน,,,คู่มือ ITA 2570 ของ ป.ป.ช.\n"
    "O2,ข้อมูลผู้บริหาร,9.1 ข้อมูลพื้นฐาน,ผู้บริหาร|นายก,standing,คู่มือ ITA 2570 ของ ป.ป.ช.\n"
    "O3,แผนปฏิบัติการป้องกันการทุจริต,10.1 การป้องกันการทุจริต,ป้องกันการทุจริต,fiscal_year,คู่มือ ITA 2570 ของ ป.ป.ช.\n";

}  // namespace

TEST(MethodologyAuthoring, ANewYearFromTheLastThenItsOfficialList) {
    const ita::test::TempDir dir;
    const std::string folder = "--methodology " + dir.path("");
    const auto created = run_ita(folder + " methodology new --year 2570 --from 2569");
    ASSERT_EQ(created.exit_code, 0) << created.output;
    EXPECT_EQ(run_ita(folder + " methodology new --year 2570 --from 2569").exit_code, 2);  // never overwritten

    // Derived: provisional, and nothing verified for 2569 is claimed verified for 2570.
    const auto derived = nlohmann::json::parse(read(dir.path("ita-2570.json")));
    EXPECT_EQ(derived["status"], "provisional");
    EXPECT_EQ(derived["version"], "2570.1");
    const auto shown = run_ita(folder + " methodology show --year 2570");
    EXPECT_NE(shown.output.find("ITA 2570 (2570.1, provisional)"), std::string::npos) << shown.output;
    EXPECT_EQ(shown.output.find("   I1   "), std::string::npos) << shown.output;

    const auto imported = run_ita(folder + " methodology import --year 2570 items " + dir.write("list.csv", list_2570));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("3 items of the common list imported; 22 items of MOIT kept for fiscal year 2570"), std::string::npos)
        << imported.output;
    const auto year = nlohmann::json::parse(read(dir.path("ita-2570.json")));
    const auto& oit = year["instruments"][2];
    ASSERT_EQ(oit["indicators"].size(), 2u);
    EXPECT_EQ(oit["indicators"][0]["sub_indicators"].size(), 5u);  // 9.1, then MOIT's groups 1–4, kept
    const auto& o1 = oit["indicators"][0]["sub_indicators"][0]["items"][0];
    EXPECT_EQ(oit["indicators"][0]["sub_indicators"][0]["code"], "9.1");
    EXPECT_EQ(oit["indicators"][0]["sub_indicators"][0]["name"], "ข้อมูลพื้นฐาน");
    EXPECT_EQ(o1["provenance"]["confidence"], "verified");  // a named source and no confidence: the official list
    EXPECT_EQ(year["sources"][o1["provenance"]["source"].get<std::string>()], "คู่มือ ITA 2570 ของ ป.ป.ช.");
    EXPECT_EQ(o1["evidence"]["period"], "standing");  // kept from 2569's item of that title
    EXPECT_EQ(oit["indicators"][1]["sub_indicators"][0]["items"][0]["evidence"]["period"], "fiscal_year");

    const auto diff = run_ita(folder + " methodology diff --year 2569 --year 2570 --format json");
    EXPECT_NE(diff.output.find(R"("kind": "removed")"), std::string::npos) << diff.output;
    EXPECT_NE(diff.output.find(R"("code": "O26")"), std::string::npos) << diff.output;

    // Export gives the file as ita uses it; without a folder, the compiled-in copy.
    const auto exported = run_ita(folder + " methodology export --year 2570", false);
    EXPECT_EQ(exported.output, read(dir.path("ita-2570.json")));
    const auto builtin = run_ita("methodology export --year 2565", false);
    EXPECT_EQ(nlohmann::json::parse(builtin.output)["fiscal_year"], 2565);
}

TEST(MethodologyAuthoring, ABadListChangesNothingAndSaysWhere) {
    const ita::test::TempDir dir;
    const std::string folder = "--methodology " + dir.path("");
    ASSERT_EQ(run_ita(folder + " methodology new --year 2570 --from 2569").exit_code, 0);
    const std::string before = read(dir.path("ita-2570.json"));

    const auto unknown =
        run_ita(folder + " methodology import --year 2570 items " + dir.write("bad.csv", std::string(list_2570) + "O4,ข้อใหม่,11 ไม่มี,,,\n"));
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.output.find("bad.csv:5:indicator: must start with an OIT indicator number (9 or 10)"), std::string::npos)
        << unknown.output;
    const auto twice =
        run_ita(folder + " methodology import --year 2570 items " + dir.write("twice.csv", std::string(list_2570) + "O2,ซ้ำ,9.1,,,\n"));
    EXPECT_NE(twice.output.find("twice.csv:5:code: O2 is listed twice"), std::string::npos) << twice.output;
    const auto period = run_ita(folder + " methodology import --year 2570 items " +
                                dir.write("period.csv", "code,title,indicator,period\nO1,ก,9,yearly\nO2,ข,10,standing\n"));
    EXPECT_NE(period.output.find("period.csv:2:period: must be standing"), std::string::npos) << period.output;
    const auto one_indicator =
        run_ita(folder + " methodology import --year 2570 items " + dir.write("nine.csv", "code,title,indicator\nO1,ก,9\n"));
    EXPECT_EQ(one_indicator.exit_code, 2);
    EXPECT_NE(one_indicator.output.find("lists no item for OIT indicator 10"), std::string::npos) << one_indicator.output;
    const auto other_year = run_ita(folder + " methodology import --year 2570 items " +
                                    dir.write("2569.csv", "year,code,title,indicator\n2569,O1,ก,9\n2569,O2,ข,10\n"));
    EXPECT_NE(other_year.output.find("has no item for fiscal year 2570 (2 rows of other years)"), std::string::npos) << other_year.output;
    EXPECT_EQ(read(dir.path("ita-2570.json")), before);

    // Authoring writes only into a folder: the compiled-in years are the release's.
    const auto no_folder = run_ita("methodology import --year 2570 items " + dir.path("bad.csv"));
    EXPECT_EQ(no_folder.exit_code, 2);
    EXPECT_NE(no_folder.output.find("ita --methodology DIR methodology"), std::string::npos) << no_folder.output;
}

// The public sources' own multi-year list imports as it is: its 2569 rows, with their confidence.
TEST(MethodologyAuthoring, TheSourcesListImportsWithItsConfidence) {
    const ita::test::TempDir dir;
    const std::string csv = dir.write("oit.csv",
                                      "year,code,title,indicator,source\n"
                                      "2568,O1,ก,9 การเปิดเผยข้อมูล,inferred: one agency\n"
                                      "2569,O1,โครงสร้างองค์กรและอำนาจหน้าที่,9 การเปิดเผยข้อมูล (split inferred),inferred: one agency\n"
                                      "2569,O20,การประเมินความเสี่ยงการทุจริตในหน่วยงานภาครัฐ,10 การป้องกันการทุจริต,inferred: one agency\n");
    const auto imported = run_ita("--methodology " + dir.path("") + " methodology import --year 2569 items " + csv);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    const auto year = nlohmann::json::parse(read(dir.path("ita-2569.json")));
    const auto& o1 = year["instruments"][2]["indicators"][0]["sub_indicators"][0]["items"][0];
    EXPECT_EQ(o1["provenance"]["confidence"], "inferred");
    EXPECT_EQ(o1["provenance"]["note"], "split inferred");
    EXPECT_EQ(year["instruments"][2]["indicators"][0]["sub_indicators"][0]["code"], "9");
}

// A variant's own list replaces only that list: the ministry's MOIT for 2570, the common list kept.
TEST(MethodologyAuthoring, AVariantListReplacesOnlyItsOwn) {
    const ita::test::TempDir dir;
    const std::string folder = "--methodology " + dir.path("");
    ASSERT_EQ(run_ita(folder + " methodology new --year 2570 --from 2569").exit_code, 0);
    const auto imported = run_ita(folder + " methodology import --year 2570 items " +
                                  dir.write("moit.csv",
                                            "code,title,indicator,sub_indicator,variant,source\n"
                                            "MOIT1,หน่วยงานเปิดเผยข้อมูลข่าวสารที่เป็นปัจจุบัน,9,M1 การเปิดเผยข้อมูล,MOIT,รายการ MOIT 2570\n"
                                            "MOIT2,หน่วยงานมีแผนปฏิบัติการป้องกันการทุจริต,10,M7 การป้องกันการทุจริต,MOIT,รายการ MOIT 2570\n"));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("26 items of the common list kept; 2 items of MOIT imported"), std::string::npos) << imported.output;
    const auto shown = run_ita(folder + " methodology show --year 2570 --type โรงพยาบาลชุมชน");
    EXPECT_NE(shown.output.find("MOIT2 "), std::string::npos) << shown.output;
    EXPECT_EQ(shown.output.find("MOIT13"), std::string::npos) << shown.output;
    const auto unknown =
        run_ita(folder + " methodology import --year 2570 items " + dir.write("moph.csv", "code,title,indicator,variant\nX1,ก,9,MOPH\n"));
    EXPECT_NE(unknown.output.find("moph.csv:2:variant: names variant 'MOPH'"), std::string::npos) << unknown.output;
}

// A hospital is scored on the ministry's list, a local government on the common one; an item of
// the other list is refused with its line. Expectations by hand: MOIT items alternate yes/no, so
// M1 = 50, M2 = 2/3, M3 = 1/3, M4 = 2/3 → indicator 9 = (50 + 66.67 + 33.33 + 66.67) / 4 = 54.17.
TEST(MethodologyAuthoring, EachAgencyIsScoredOnItsOwnList) {
    const ita::test::TempDir dir;
    const std::string agencies = dir.write("agencies.csv",
                                           "agency_id,name,type,province,headcount\n"
                                           "H1,โรงพยาบาลก,โรงพยาบาลชุมชน,ลำพูน,100\nL1,เทศบาลตำบลข,เทศบาลตำบล,ขอนแก่น,50\n");
    std::string rows = "agency_id,item,present\n";
    for (int item = 1; item <= 22; ++item) rows += "H1,MOIT" + std::to_string(item) + (item % 2 ? ",yes\n" : ",no\n");
    for (int item = 1; item <= 26; ++item) rows += "L1,O" + std::to_string(item) + ",yes\n";
    const auto scored =
        run_ita("score --year 2569 --agencies " + agencies + " --oit " + dir.write("oit.csv", rows) + " --format json", false);
    const auto result = nlohmann::json::parse(scored.output);
    const auto& hospital = result["agencies"][0];
    EXPECT_NEAR(hospital["indicators"]["9"].get<double>(), (50 + 200.0 / 3 + 100.0 / 3 + 200.0 / 3) / 4, 1e-9);
    EXPECT_NEAR(hospital["sub_indicators"]["M7"].get<double>(), 60, 1e-9);  // MOIT15–19: 15, 17, 19 yes
    EXPECT_TRUE(hospital["sub_indicators"]["9"].is_null());
    EXPECT_EQ(result["agencies"][1]["indicators"]["9"], 100.0);
    EXPECT_TRUE(result["agencies"][1]["sub_indicators"]["M1"].is_null());

    const auto refused = run_ita("score --year 2569 --agencies " + agencies + " --oit " +
                                 dir.write("wrong.csv", "agency_id,item,present\nH1,O1,yes\nL1,MOIT1,yes\n"));
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.output.find("wrong.csv:2:item: item O1 does not apply to agency type โรงพยาบาลชุมชน"), std::string::npos);
    EXPECT_NE(refused.output.find("wrong.csv:3:item: item MOIT1 does not apply to agency type เทศบาลตำบล"), std::string::npos);
}

// The NACC's question wording for a year, imported whole per instrument: a sub-item keeps its own
// kind; an indicator left without a question refuses the file; the other instrument is kept.
TEST(MethodologyAuthoring, QuestionsImportPerInstrument) {
    const ita::test::TempDir dir;
    const std::string folder = "--methodology " + dir.path("");
    ASSERT_EQ(run_ita(folder + " methodology new --year 2570 --from 2569").exit_code, 0);
    std::string rows = "code,text,kind,indicator,sub_items,sub_kinds,source\n";
    for (int number = 1; number <= 5; ++number)
        rows += "I" + std::to_string(number) + ",ข้อคำถาม " + std::to_string(number) + ",S," + std::to_string(number) + ",,,แบบ IIT 2570\n";
    rows += "I6,การจัดซื้อจัดจ้าง,S,2,โปร่งใส|เอื้อประโยชน์ผู้ประกอบการ,S|S-,แบบ IIT 2570\n";
    const auto imported = run_ita(folder + " methodology import --year 2570 questions " + dir.write("iit.csv", rows));
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("6 IIT questions imported"), std::string::npos) << imported.output;
    const auto year = nlohmann::json::parse(read(dir.path("ita-2570.json")));
    const auto& procurement = year["instruments"][0]["indicators"][1]["questions"][1];
    EXPECT_EQ(procurement["code"], "I6");
    EXPECT_EQ(procurement["sub_items"][1]["kind"], "S-");
    EXPECT_FALSE(procurement["sub_items"][0].contains("kind"));
    EXPECT_EQ(procurement["provenance"]["confidence"], "verified");
    EXPECT_EQ(year["instruments"][1]["indicators"][0]["questions"].size(), 5u);  // EIT kept

    const auto gap = run_ita(folder + " methodology import --year 2570 questions " +
                             dir.write("gap.csv", "code,text,kind,indicator\nI1,ก,S,1\nE1,ข,S,6\n"));
    EXPECT_EQ(gap.exit_code, 2);
    EXPECT_NE(gap.output.find("lists no EIT question for indicator 7, 8"), std::string::npos) << gap.output;
    const auto bad =
        run_ita(folder + " methodology import --year 2570 questions " +
                dir.write("bad.csv", "code,text,kind,indicator,sub_items,sub_kinds\nI1,ก,S,9,,\nI2,ข,SX,1,,\nI3,ค,S,1,a|b,S\n"));
    EXPECT_NE(bad.output.find("bad.csv:2:indicator: must be one of the indicators of IIT (1, 2, 3, 4, 5)"), std::string::npos)
        << bad.output;
    EXPECT_NE(bad.output.find("bad.csv:3:kind: must be S, S-, YN- or YN+"), std::string::npos);
    EXPECT_NE(bad.output.find("bad.csv:4:sub_kinds: must give one kind for each sub-item (2)"), std::string::npos);
}
