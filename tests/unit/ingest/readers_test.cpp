#include <ita/ingest/readers.hpp>
#include <ita/service/score_files.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace ita;

namespace {

// A temporary folder of CSV files, removed at the end of the test.
class Files {
public:
    Files() :
            m_dir(std::filesystem::temp_directory_path() /
                  ("ita_readers_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++))) {
        std::filesystem::create_directories(m_dir);
    }
    ~Files() { std::filesystem::remove_all(m_dir); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir / name, std::ios::binary) << text;
        return (m_dir / name).string();
    }

private:
    static int& counter() {
        static int value = 0;
        return value;
    }
    std::filesystem::path m_dir;
};

std::string question_score(const service::ScoreRun& run, const std::string& agency, const std::string& code) {
    for (const auto& scored : run.scored)
        if (scored.scores.agency_id == agency) {
            const auto& score = scored.scores.questions[*run.methodology.question_index(code)];
            return score ? std::to_string(*score) : "absent";
        }
    return "no agency";
}

}  // namespace

TEST(Readers, BomCrlfQuotesAndThaiYesNo) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("r.csv",
                                     "\xEF\xBB\xBF"
                                     "agency_id,instrument,respondent,question,answer\r\n"
                                     "\"A1\",IIT,\"r, 1\",I4.1,ไม่มี\r\n"
                                     "A1,iit,r2,I4.1,มี\r\n"
                                     "A1,IIT,r3,I7,๔\r\n")};
    const auto run = service::score_files(request);
    ASSERT_TRUE(run) << run.error().to_string();
    EXPECT_EQ(question_score(*run, "A1", "I4"), std::to_string(50.0));
    EXPECT_EQ(question_score(*run, "A1", "I7"), std::to_string(100.0));
    EXPECT_EQ(run->scored[0].scores.respondents[0], 3u);
}

TEST(Readers, ListsEveryProblemOfAFileAndScoresNothing) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("r.csv",
                                     "agency_id,instrument,respondent,question,answer\n"
                                     "A1,IIT,1,I7,9\nA1,IIT,2,I99,1\nA1,IIT,3,I7,4\nA1,XIT,4,I7,1\n")};
    const auto run = service::score_files(request);
    ASSERT_FALSE(run);
    ASSERT_EQ(run.error().diagnostics.size(), 3u);
    EXPECT_EQ(run.error().diagnostics[0].line, 2u);
    EXPECT_EQ(run.error().diagnostics[1].line, 3u);
    EXPECT_EQ(run.error().diagnostics[2].line, 5u);
    EXPECT_NE(run.error().to_string().find("r.csv:5:instrument: must be IIT or EIT"), std::string::npos) << run.error().to_string();
}

TEST(Readers, CapsTheListingAndCountsTheRest) {
    Files files;
    std::string text = "agency_id,instrument,respondent,question,answer\n";
    for (int row = 0; row < 150; ++row) text += "A1,IIT," + std::to_string(row) + ",I7,7\n";
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("r.csv", text)};
    const auto run = service::score_files(request);
    ASSERT_FALSE(run);
    EXPECT_EQ(run.error().diagnostics.size(), 100u);
    EXPECT_EQ(run.error().diagnostics_dropped, 50u);
    EXPECT_NE(run.error().to_string().find("... and 50 more problems"), std::string::npos);
}

TEST(Readers, ProblemsOfSeveralFilesAreAllListed) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("a.csv", "agency_id,instrument,respondent,question,answer\nA1,IIT,1,I7,9\n"),
                         files.write("b.csv", "agency_id,instrument,respondent,question,answer\nA1,IIT,1,I7,0\n")};
    request.oit = files.write("oit.csv", "agency_id,item,present\nA1,O1,perhaps\n");
    const auto run = service::score_files(request);
    ASSERT_FALSE(run);
    ASSERT_EQ(run.error().diagnostics.size(), 3u);
    EXPECT_NE(run.error().diagnostics[0].file.find("a.csv"), std::string::npos);
    EXPECT_NE(run.error().diagnostics[1].file.find("b.csv"), std::string::npos);
    EXPECT_NE(run.error().diagnostics[2].file.find("oit.csv"), std::string::npos);
}

TEST(Readers, DuplicateAnswerAcrossFilesAndForms) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("long.csv", "agency_id,instrument,respondent,question,answer\nA1,IIT,7,I7,4\n"),
                         files.write("wide.csv", "agency_id,instrument,respondent,I7,I8.1\nA1,IIT,7,3,4\nA1,IIT,8,3,4\n")};
    const auto run = service::score_files(request);
    ASSERT_FALSE(run);
    ASSERT_EQ(run.error().diagnostics.size(), 1u);
    // Files are read in parallel: a repeat across files is found when they are merged.
    EXPECT_EQ(run.error().diagnostics[0].to_string().substr(run.error().diagnostics[0].file.size()),
              ":respondent: respondent '7' of agency A1 answered I7 in this file and in an earlier one");
    EXPECT_TRUE(run.error().diagnostics[0].file.ends_with("wide.csv"));
}

TEST(Readers, DuplicateAnswerWithinAFileNamesItsLine) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("wide.csv", "agency_id,instrument,respondent,I7,I8.1\nA1,IIT,7,3,4\nA1,IIT,8,3,4\nA1,IIT,7,,4\n")};
    const auto run = service::score_files(request);
    ASSERT_FALSE(run);
    ASSERT_EQ(run.error().diagnostics.size(), 1u);
    EXPECT_EQ(run.error().diagnostics[0].to_string().substr(run.error().diagnostics[0].file.size()),
              ":4:I8.1: respondent '7' of agency A1 answered I8.1 twice");
}

TEST(Readers, SameRespondentSplitAcrossFilesIsOneRespondent) {
    Files files;
    service::ScoreRequest request;
    request.fiscal_year = 2565;
    request.responses = {files.write("a.csv", "agency_id,instrument,respondent,I7\nA1,IIT,7,4\nA1,IIT,8,2\n"),
                         files.write("b.csv", "agency_id,instrument,respondent,I8.1\nA1,IIT,7,4\nA1,IIT,9,1\n")};
    const auto run = service::score_files(request);
    ASSERT_TRUE(run) << run.error().to_string();
    EXPECT_EQ(run->scored[0].scores.respondents[0], 3u);
    EXPECT_EQ(question_score(*run, "A1", "I8"), std::to_string(50.0));
}

TEST(Readers, AgenciesFileSetsOrderTypesAndHeadcount) {
    Files files;
    const auto agencies = ingest::read_agencies(files.write("agencies.csv",
                                                            "province,type,name,agency_id,headcount\n"
                                                            "ขอนแก่น,เทศบาลตำบล,\"เทศบาลตำบล หนองเส้า, ชุมแพ\",B2,40\n"
                                                            "อุบลราชธานี,เทศบาลเมือง,เทศบาลเมืองแจระแม,A1,\n"));
    ASSERT_TRUE(agencies) << agencies.error().to_string();
    ASSERT_EQ(agencies->size(), 2u);
    EXPECT_EQ((*agencies)[0].name, "เทศบาลตำบล หนองเส้า, ชุมแพ");
    EXPECT_EQ((*agencies)[0].headcount, 40);
    EXPECT_FALSE((*agencies)[1].headcount);
}
