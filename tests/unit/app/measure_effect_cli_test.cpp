// `ita measures effect`: last year's adopted measures judged by the published scores of the
// indicators they targeted, and the library of what worked by agency type and indicator.
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace {

class MeasureEffectCli : public ::testing::Test {
protected:
    void SetUp() override {
        m_db = m_files.path("ita.db");
        run("import --db " + m_db + " agencies " +
            m_files.write("a.csv",
                          "agency_id,name,type,province\nT1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\nT2,เทศบาลตำบลสอง,เทศบาลตำบล,ขอนแก่น\n"));
        run("import --db " + m_db + " --year 2564 published " +
            m_files.write("p64.csv", "agency_id,level,code,score\nT1,indicator,5,70\nT1,indicator,8,60\nT2,indicator,5,70\n"));
        run("import --db " + m_db + " --year 2565 published " +
            m_files.write("p65.csv", "agency_id,level,code,score\nT1,indicator,5,80\nT1,indicator,8,61\nT2,indicator,5,70.5\n"));
        run("publish --db " + m_db + " --year 2564");
        const std::string period = " --start 2021-10-01 --end 2022-09-30";
        run("measures add --db " + m_db +
            " --year 2565 --agency T1 --title Briefing --target indicator:5 --target indicator:8 --responsible R --status active" + period);
        run("measures add --db " + m_db + " --year 2565 --agency T2 --title Manual --target indicator:5 --responsible R --status active" +
            period);
        run("measures add --db " + m_db + " --year 2565 --agency T1 --title Draft --target indicator:5 --responsible R" +
            period);  // a draft
    }
    void run(const std::string& arguments) {
        ASSERT_EQ(std::system((std::string(ITA_BINARY) + " " + arguments + " >/dev/null 2>&1").c_str()), 0) << arguments;
    }
    nlohmann::json effect(const std::string& extra = "") {
        return nlohmann::json::parse(ita::test::output_of(std::string(ITA_BINARY) + " measures effect --db " + m_db +
                                                          " --year 2565 --format json " + extra + " 2>&1"));
    }

    ita::test::TempDir m_files;
    std::string m_db;
};

}  // namespace

TEST_F(MeasureEffectCli, BeforeItsYearIsPublishedEveryMeasureWaits) {
    const auto report = effect();
    EXPECT_EQ(report["baseline_year"], 2564);
    EXPECT_EQ(report["outcome_published"], false);
    ASSERT_EQ(report["measures"].size(), 2u);  // the draft is not a measure anyone adopted
    EXPECT_EQ(report["measures"][0]["verdict"], "pending");
    EXPECT_EQ(report["measures"][0]["targets"][0]["before"], 70.0);
    EXPECT_TRUE(report["measures"][0]["targets"][0]["after"].is_null());
}

TEST_F(MeasureEffectCli, OnceItIsTheTargetedChangeDecidesAndTheLibraryKeepsWhatWorked) {
    run("publish --db " + m_db + " --year 2565 --reason \"นำเข้าข้อมูลของฤดูกาลอีกครั้ง\"");
    const auto report = effect();
    ASSERT_EQ(report["measures"].size(), 2u);
    const auto& briefing = report["measures"][0];
    EXPECT_EQ(briefing["title"], "Briefing");
    EXPECT_EQ(briefing["verdict"], "improved");
    EXPECT_EQ(briefing["mean_change"], 5.5);
    EXPECT_EQ(briefing["targets"][0]["change"], 10.0);
    EXPECT_EQ(report["measures"][1]["verdict"], "unchanged");  // +0.5 is within chance
    ASSERT_EQ(report["library"].size(), 2u);
    const auto& five = report["library"][0];
    EXPECT_EQ(five["agency_type"], "เทศบาลตำบล");
    EXPECT_EQ(five["indicator"], 5);
    EXPECT_EQ(five["measures"], 2);
    EXPECT_EQ(five["improved"], 1);
    EXPECT_EQ(five["mean_change"], 5.25);
    EXPECT_EQ(five["worked"][0]["title"], "Briefing");

    const auto one = effect("--agency T2");
    ASSERT_EQ(one["measures"].size(), 1u);
    EXPECT_EQ(one["measures"][0]["agency_id"], "T2");
    EXPECT_EQ(one["library"].size(), 2u);  // the library is always the nation's
    const auto text = ita::test::output_of(std::string(ITA_BINARY) + " measures effect --db " + m_db + " --year 2565 2>&1");
    EXPECT_NE(text.find("T1 เทศบาลตำบลหนึ่ง — Briefing: ดีขึ้น (เฉลี่ย +5.50)"), std::string::npos) << text;
    EXPECT_NE(text.find("indicator:5 การแก้ไขปัญหาการทุจริต: 70.00 → 80.00 (+10.00)"), std::string::npos);
}

TEST_F(MeasureEffectCli, WithoutAnEarlierPublicationThereIsNothingToCompare) {
    const auto outcome = ita::test::output_of(std::string(ITA_BINARY) + " measures effect --db " + m_db + " --year 2564 2>&1");
    EXPECT_NE(outcome.find("ยังไม่มีผลการประเมินที่เผยแพร่ก่อนปี 2564"), std::string::npos) << outcome;
}
