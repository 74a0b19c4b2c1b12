// The EIT in respondent parts (2566 on): a responses file names each respondent's part, the
// parts are scored on their own, and the year's rule makes the EIT from them — pooled (every
// respondent once) or weighted as the file says.
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/score_files.hpp>
#include <ita/util/decimal.hpp>
#include "../../support/temp_files.hpp"

#include <gtest/gtest.h>

using namespace ita;

namespace {

const core::AgencyScores& agency(const service::ScoreRun& run, const std::string& id) {
    for (const auto& scored : run.scored)
        if (scored.scores.agency_id == id) return scored.scores;
    throw std::runtime_error("no agency " + id);
}

std::string shown(const core::Score& score) { return score ? util::format_fixed(*score) : "absent"; }

// 2568 with its two parts combined by weights instead of pooled.
std::string weighted_2568(double first, double second) {
    auto text = ingest::methodology_text(2568, std::nullopt);
    EXPECT_TRUE(text);
    std::string document = *text;
    const auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = document.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        document.replace(at, from.size(), to);
    };
    replace(R"("rule": "pooled")", R"("rule": "weighted")");
    replace(R"("channel": "self")", R"("channel": "self", "weight": )" + util::format_shortest(first));
    replace(R"("channel": "collected")", R"("channel": "collected", "weight": )" + util::format_shortest(second));
    return document;
}

// Two part-1 respondents answer E1.1 with 4 (100 points), one part-2 respondent with 1 (0).
constexpr const char* three_respondents =
    "agency_id,instrument,respondent,question,answer,part\n"
    "A1,EIT,c1,E1.1,4,1\n"
    "A1,EIT,c2,E1.1,4,1\n"
    "A1,EIT,c3,E1.1,1,2\n";

}  // namespace

TEST(EitParts, PooledCountsEveryRespondentOnceAndScoresEachPart) {
    test::TempDir files;
    service::ScoreRequest request;
    request.fiscal_year = 2568;
    request.responses = {files.write("r.csv", three_respondents)};
    const auto run = service::score_files(request);
    ASSERT_TRUE(run) << run.error().to_string();
    const auto& scores = agency(*run, "A1");
    EXPECT_EQ(shown(scores.instruments[1]), "66.67");  // (100 + 100 + 0) / 3
    EXPECT_EQ(scores.respondents[1], 3u);
    ASSERT_EQ(scores.eit_parts.size(), 2u);
    EXPECT_EQ(scores.eit_parts[0].code, "1");
    EXPECT_EQ(scores.eit_parts[0].respondents, 2u);
    EXPECT_EQ(shown(scores.eit_parts[0].score), "100.00");
    EXPECT_EQ(scores.eit_parts[1].respondents, 1u);
    EXPECT_EQ(shown(scores.eit_parts[1].score), "0.00");
    ASSERT_EQ(scores.eit_parts[1].indicators.size(), 3u);  // indicators 6, 7, 8
    EXPECT_EQ(shown(scores.eit_parts[1].indicators[0]), "0.00");
    EXPECT_EQ(shown(scores.eit_parts[1].indicators[1]), "absent");
    EXPECT_TRUE(scores.warnings.empty());
}

TEST(EitParts, WeightedRuleWeighsThePartsNotTheRespondents) {
    test::TempDir files;
    files.write("ita-2568.json", weighted_2568(0.5, 0.5));
    service::ScoreRequest request;
    request.fiscal_year = 2568;
    request.methodology_dir = files.path("");
    request.responses = {files.write("r.csv", three_respondents)};
    const auto run = service::score_files(request);
    ASSERT_TRUE(run) << run.error().to_string();
    const auto& scores = agency(*run, "A1");
    EXPECT_EQ(shown(scores.instruments[1]), "50.00");  // 0.5 × 100 + 0.5 × 0
    EXPECT_EQ(shown(scores.sub_items[*run->methodology.sub_item_index("E1.1")]), "50.00");
}

TEST(EitParts, PublishedPartsOfSeed000GiveTheirMeanUnderEqualWeightsAndNothingWhenPooled) {
    // SPEC §5: the mean of seed 000's parts (99.99, 91.92) is 95.96, which does not give its
    // overall 91.94; pooled, the parts' respondent counts (not stated) would be needed.
    test::TempDir files;
    const std::string published = files.write("p.csv",
                                              "agency_id,level,code,score\n"
                                              "A1,eit_part,1,99.99\n"
                                              "A1,eit_part,2,91.92\n");
    service::ScoreRequest pooled;
    pooled.fiscal_year = 2568;
    pooled.published = published;
    const auto pooled_run = service::score_files(pooled);
    ASSERT_TRUE(pooled_run) << pooled_run.error().to_string();
    EXPECT_EQ(shown(agency(*pooled_run, "A1").instruments[1]), "absent");
    EXPECT_EQ(shown(agency(*pooled_run, "A1").eit_parts[1].score), "91.92");

    files.write("ita-2568.json", weighted_2568(0.5, 0.5));
    service::ScoreRequest weighted = pooled;
    weighted.methodology_dir = files.path("");
    const auto weighted_run = service::score_files(weighted);
    ASSERT_TRUE(weighted_run) << weighted_run.error().to_string();
    EXPECT_EQ(shown(agency(*weighted_run, "A1").instruments[1]), "95.96");
}

TEST(EitParts, ARespondentStaysInOnePartAcrossRowsAndFiles) {
    test::TempDir files;
    service::ScoreRequest request;
    request.fiscal_year = 2568;
    request.responses = {files.write("r.csv",
                                     "agency_id,instrument,respondent,question,answer,part\n"
                                     "A1,EIT,c1,E1.1,4,1\n"
                                     "A1,EIT,c1,E1.2,4,2\n")};
    auto run = service::score_files(request);
    ASSERT_FALSE(run);
    EXPECT_NE(run.error().to_string().find("r.csv:3:part: "), std::string::npos) << run.error().to_string();
    EXPECT_NE(run.error().to_string().find("is in part 1 on an earlier row, part 2 here"), std::string::npos) << run.error().to_string();

    request.responses = {files.write("a.csv", "agency_id,instrument,respondent,E1.1,part\nA1,EIT,c1,4,1\n"),
                         files.write("b.csv", "agency_id,instrument,respondent,E1.2,part\nA1,EIT,c1,4,2\n")};
    run = service::score_files(request);
    ASSERT_FALSE(run);
    EXPECT_NE(run.error().to_string().find("is in another EIT part in this file than in an earlier one"), std::string::npos)
        << run.error().to_string();
}

TEST(EitParts, BadPartsAreNamedByLineAndColumn) {
    test::TempDir files;
    service::ScoreRequest request;
    request.fiscal_year = 2568;
    request.responses = {files.write("r.csv",
                                     "agency_id,instrument,respondent,question,answer,part\n"
                                     "A1,IIT,s1,I1.1,4,1\n"
                                     "A1,EIT,c1,E1.1,4,3\n"
                                     "A1,EIT,c2,E1.1,4,\n")};
    auto run = service::score_files(request);
    ASSERT_FALSE(run);
    const std::string message = run.error().to_string();
    EXPECT_NE(message.find("r.csv:2:part: only EIT responses belong to a part"), std::string::npos) << message;
    EXPECT_NE(message.find("r.csv:3:part: unknown EIT part '3' (the parts are 1, 2)"), std::string::npos) << message;
    EXPECT_EQ(message.find("r.csv:4"), std::string::npos) << message;  // no part named: allowed

    request.fiscal_year = 2565;
    request.responses = {files.write("old.csv", "agency_id,instrument,respondent,E1.1,part\nA1,EIT,c1,4,1\n")};
    run = service::score_files(request);
    ASSERT_FALSE(run);
    EXPECT_NE(run.error().to_string().find("old.csv:2:part: fiscal year 2565 has no EIT parts"), std::string::npos)
        << run.error().to_string();
}

TEST(EitParts, TheMethodologyFileIsChecked) {
    auto text = ingest::methodology_text(2568, std::nullopt);
    ASSERT_TRUE(text);
    std::string two_self = *text;
    two_self.replace(two_self.find(R"("channel": "collected")"), 22, R"("channel": "self")");
    auto parsed = ingest::parse_methodology(two_self, "two-self.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().to_string().find("/respondent_parts/parts: exactly one part must have channel \"self\""), std::string::npos)
        << parsed.error().to_string();

    std::string uneven = weighted_2568(0.5, 0.4);
    parsed = ingest::parse_methodology(uneven, "uneven.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().to_string().find("part weights sum to 0.9"), std::string::npos) << parsed.error().to_string();

    std::string pooled_with_weight = *text;
    pooled_with_weight.replace(pooled_with_weight.find(R"("channel": "self")"), 17, R"("channel": "self", "weight": 0.5)");
    parsed = ingest::parse_methodology(pooled_with_weight, "pooled.json");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().to_string().find("/weight: is used only by the rule weighted"), std::string::npos)
        << parsed.error().to_string();
}
