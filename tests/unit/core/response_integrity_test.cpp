// Each integrity signal on hand-built answers, with the cases that must not be flagged.
#include <ita/core/response_integrity.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace ita::core;

namespace {

constexpr std::size_t width = 12;  // twelve rated positions

AnswerSet honest(std::size_t respondents, unsigned seed) {
    // Varied answers leaning to the top, as most agencies' are.
    std::mt19937 random(seed);
    std::discrete_distribution<int> option({5, 15, 40, 40});
    AnswerSet set;
    set.rated.assign(width, true);
    for (std::size_t respondent = 0; respondent < respondents; ++respondent) {
        std::vector<std::uint8_t> answers(width);
        for (auto& answer : answers) answer = static_cast<std::uint8_t>(option(random) + 1);
        set.add(answers);
    }
    return set;
}

OptionCounts type_of(std::initializer_list<const AnswerSet*> agencies) {
    OptionCounts counts;
    for (const auto* agency : agencies) add_counts(counts, *agency);
    return counts;
}

const IntegritySignal& signal(const IntegrityAssessment& assessment, const std::string& code) {
    for (const auto& each : assessment.signals)
        if (each.code == code) return each;
    throw std::runtime_error("no signal " + code);
}

}  // namespace

TEST(ResponseIntegrity, HonestAnswersRaiseNothing) {
    const auto agency = honest(40, 1), peer = honest(200, 2);
    SubmissionTiming timing;
    for (int day = 1; day <= 20; ++day) timing.per_hour["2026-05-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T03"] = 2;
    timing.per_duration = {2, 10, 20, 5, 3};
    const auto assessment = assess_integrity(agency, timing, type_of({&agency, &peer}));
    EXPECT_TRUE(assessment.enough);
    EXPECT_EQ(assessment.confidence, 100);
    EXPECT_EQ(assessment.level, "สูง");
    for (const auto& each : assessment.signals) EXPECT_FALSE(each.flagged) << each.code << ": " << each.explanation;
}

TEST(ResponseIntegrity, CopiedAnswerSetsAreFlaggedButTwoAlikeAreNot) {
    auto agency = honest(30, 3);
    const auto peer = honest(200, 4);
    std::ranges::copy(agency.respondent(0), agency.respondent(1).begin());  // two alike happen
    EXPECT_FALSE(signal(assess_integrity(agency, {}, type_of({&agency, &peer})), "identical_answers").flagged);
    for (std::size_t copy = 2; copy < 8; ++copy)
        std::ranges::copy(agency.respondent(0), agency.respondent(copy).begin());  // eight copies do not
    const auto assessment = assess_integrity(agency, {}, type_of({&agency, &peer}));
    const auto& copied = signal(assessment, "identical_answers");
    EXPECT_TRUE(copied.flagged);
    EXPECT_NEAR(copied.value, 8.0 / 30.0, 1e-9);
    EXPECT_NE(copied.explanation.find("8 ชุด จาก 30"), std::string::npos) << copied.explanation;
    EXPECT_EQ(assessment.confidence, 70);
    EXPECT_EQ(assessment.level, "ปานกลาง");
}

TEST(ResponseIntegrity, StraightLiningCountsOnlyWhenFarAbovePeers) {
    auto agency = honest(20, 5);
    for (std::size_t line = 0; line < 12; ++line) std::ranges::fill(agency.respondent(line), 4);  // 60% all top marks
    auto peers_who_also_do = honest(100, 6);
    for (std::size_t line = 0; line < 50; ++line) std::ranges::fill(peers_who_also_do.respondent(line), 4);  // 50% in the type
    EXPECT_FALSE(signal(assess_integrity(agency, {}, type_of({&agency, &peers_who_also_do})), "straight_lining").flagged);
    const auto peers = honest(100, 7);  // peers with none
    const auto& lines = signal(assess_integrity(agency, {}, type_of({&agency, &peers})), "straight_lining");
    EXPECT_TRUE(lines.flagged);
    EXPECT_NEAR(lines.value, 0.6, 1e-9);
}

TEST(ResponseIntegrity, ABurstInOneHourIsFlaggedASteadyFlowIsNot) {
    const auto agency = honest(40, 8), peer = honest(100, 9);
    SubmissionTiming steady;
    for (int hour = 0; hour < 20; ++hour) steady.per_hour["2026-05-10T" + std::string(hour < 10 ? "0" : "") + std::to_string(hour)] = 2;
    EXPECT_FALSE(signal(assess_integrity(agency, steady, type_of({&agency, &peer})), "burst").flagged);
    SubmissionTiming burst;
    burst.per_hour = {{"2026-05-31T17", 30}, {"2026-05-12T02", 10}};
    const auto& flagged = signal(assess_integrity(agency, burst, type_of({&agency, &peer})), "burst");
    EXPECT_TRUE(flagged.flagged);
    EXPECT_NEAR(flagged.value, 0.75, 1e-9);
    // 17:00 UTC on 31 May is midnight on 1 June in Thailand.
    EXPECT_NE(flagged.explanation.find("1/6/2569 00:00–00:59 น.: 30 ชุด จาก 40"), std::string::npos) << flagged.explanation;
}

TEST(ResponseIntegrity, AnswersUnlikeTheTypesAreFlagged) {
    const auto peer = honest(300, 10);
    AnswerSet unlike;
    unlike.rated.assign(width, true);
    std::mt19937 random(11);
    for (int respondent = 0; respondent < 30; ++respondent) {
        std::vector<std::uint8_t> answers(width);
        for (auto& answer : answers) answer = static_cast<std::uint8_t>(1 + random() % 2);  // options 1–2 only
        unlike.add(answers);
    }
    const auto& far = signal(assess_integrity(unlike, {}, type_of({&unlike, &peer})), "far_from_type");
    EXPECT_TRUE(far.flagged) << far.explanation;
    EXPECT_GT(far.value, 0.6);
    const auto similar = honest(30, 12);
    EXPECT_FALSE(signal(assess_integrity(similar, {}, type_of({&similar, &peer})), "far_from_type").flagged);
}

TEST(ResponseIntegrity, FormsDoneInUnderAMinuteAreFlagged) {
    const auto agency = honest(30, 13), peer = honest(100, 14);
    SubmissionTiming timing;
    timing.per_duration = {12, 8, 6, 4, 0};
    const auto assessment = assess_integrity(agency, timing, type_of({&agency, &peer}));
    EXPECT_TRUE(signal(assessment, "fast_completion").flagged);
    EXPECT_EQ(assessment.confidence, 75);
    timing.per_duration = {3, 10, 10, 7, 20};  // a few quick ones; unknown durations do not count
    EXPECT_FALSE(signal(assess_integrity(agency, timing, type_of({&agency, &peer})), "fast_completion").flagged);
}

TEST(ResponseIntegrity, FewAnswersAreNotJudged) {
    const auto agency = honest(4, 15);
    const auto assessment = assess_integrity(agency, {}, type_of({&agency}));
    EXPECT_FALSE(assessment.enough);
    EXPECT_EQ(assessment.level, "ข้อมูลไม่พอ");
    EXPECT_TRUE(assessment.signals.empty());
}

TEST(ResponseIntegrity, DurationBuckets) {
    EXPECT_EQ(duration_bucket_of(59), DurationBucket::under_1m);
    EXPECT_EQ(duration_bucket_of(60), DurationBucket::from_1m_to_3m);
    EXPECT_EQ(duration_bucket_of(599), DurationBucket::from_3m_to_10m);
    EXPECT_EQ(duration_bucket_of(600), DurationBucket::over_10m);
    EXPECT_EQ(duration_bucket_of(-1), DurationBucket::unknown);
}
