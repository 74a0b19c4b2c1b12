// `ita integrity` as an auditor runs it: an agency whose answers were copied stands out with
// its reasons; its honest peers do not; nothing about the scores changes.
#include "../../support/integrity_answers.hpp"
#include "../../support/shell.hpp"
#include "../../support/temp_files.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

TEST(IntegrityCli, CopiedAnswersStandOutWithTheirReasonAndScoresStayAsTheyWere) {
    ita::test::TempDir files;
    const std::string db = files.path("ita.db"), ita = ITA_BINARY;
    const auto agencies = files.write("agencies.csv", ita::test::copied_answers_agencies);
    ASSERT_EQ(std::system((ita + " import --db " + db + " agencies " + agencies + " >/dev/null 2>&1").c_str()), 0);
    ASSERT_EQ(std::system((ita + " import --db " + db + " --year 2565 responses " + files.write("r.csv", ita::test::copied_answers_csv()) +
                           " >/dev/null 2>&1")
                              .c_str()),
              0);
    const auto scores_before = ita::test::output_of(ita + " score --db " + db + " --year 2565 --format json 2>/dev/null");

    const auto report =
        nlohmann::json::parse(ita::test::output_of(ita + " integrity --db " + db + " --year 2565 --format json 2>/dev/null"));
    ASSERT_EQ(report["agencies"].size(), 4u) << report.dump(2);
    const auto& lowest = report["agencies"][0];  // lowest confidence first
    EXPECT_EQ(lowest["agency_id"], "T2");
    EXPECT_EQ(lowest["instrument"], "IIT");
    EXPECT_EQ(lowest["confidence"], 70);
    EXPECT_EQ(lowest["signals"][0]["code"], "identical_answers");
    EXPECT_EQ(lowest["signals"][0]["flagged"], true);
    EXPECT_NE(lowest["signals"][0]["explanation"].get<std::string>().find("12 ชุด จาก 30"), std::string::npos);
    for (std::size_t index = 1; index < 4; ++index) {
        EXPECT_EQ(report["agencies"][index]["confidence"], 100) << report["agencies"][index].dump(2);
        EXPECT_EQ(report["agencies"][index]["level"], "สูง");
    }
    // Imported answers carry no timing: said so, not guessed.
    EXPECT_EQ(lowest["signals"][2]["explanation"], "ไม่มีข้อมูลเวลาส่ง (คำตอบนำเข้าจากไฟล์)");

    const auto text = ita::test::output_of(ita + " integrity --db " + db + " --year 2565 --agency T2 2>/dev/null");
    EXPECT_NE(text.find("T2 เทศบาลตำบลสอง — IIT: ความน่าเชื่อถือของคำตอบ 70/100 (ปานกลาง), 30 ชุด"), std::string::npos) << text;
    EXPECT_NE(text.find("ไม่เปลี่ยนคะแนน"), std::string::npos);
    EXPECT_EQ(ita::test::output_of(ita + " score --db " + db + " --year 2565 --format json 2>/dev/null"), scores_before);
    EXPECT_NE(std::system((ita + " integrity --db " + db + " --year 2565 --agency NOPE >/dev/null 2>&1").c_str()), 0);
}
