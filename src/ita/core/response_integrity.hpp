// Response-integrity signals for one agency's answers to one instrument, for auditors: sets
// of identical answers, straight-lining (the same option for every rated item), bursts of
// submissions within one hour, answers distributed far from the agency type's, and forms
// completed implausibly fast. Each signal is explained in Thai and lowers an "integrity
// confidence" (0–100). Nothing here changes a score: it tells a reviewer where to look.
// Timing comes only as counts per hour and per coarse duration bucket, never per response,
// so no answer can be tied to when it was given. Pure; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/instrument.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace ita::core {

// The duration buckets a form's completion is counted in.
enum class DurationBucket { under_1m, from_1m_to_3m, from_3m_to_10m, over_10m, unknown };
inline constexpr std::size_t duration_bucket_count = 5;
[[nodiscard]] const char* duration_bucket_code(DurationBucket bucket);  // "under_1m", …
[[nodiscard]] DurationBucket duration_bucket_of(long long seconds);     // negative: unknown

// Submissions counted per UTC hour ("2026-05-31T14") and per duration bucket.
struct SubmissionTiming {
    std::map<std::string, long long> per_hour;
    std::array<long long, duration_bucket_count> per_duration{};
};

// One instrument's answers of one agency: one packed vector per respondent (0 unanswered,
// 1–4 an option), and which positions are four-level ratings (straight-lining and
// distributions count those).
struct AnswerSet {
    std::vector<bool> rated;
    std::size_t width = 0;            // bytes a respondent (the first one added sets it)
    std::vector<std::uint8_t> bytes;  // respondents one after another: one block for a nation's answers

    [[nodiscard]] std::size_t size() const { return width == 0 ? 0 : bytes.size() / width; }
    [[nodiscard]] std::span<const std::uint8_t> respondent(std::size_t index) const { return {bytes.data() + index * width, width}; }
    [[nodiscard]] std::span<std::uint8_t> respondent(std::size_t index) { return {bytes.data() + index * width, width}; }
    // Adds one respondent, padded with "unanswered" or cut to `width`.
    void add(std::span<const std::uint8_t> packed);
};

// Counts of options 1–4 at each rated position, summed over the agencies of a type.
struct OptionCounts {
    std::vector<std::array<long long, 4>> at;  // by position
    long long straight_lined = 0, respondents = 0;
};
void add_counts(OptionCounts& counts, const AnswerSet& answers);

struct IntegritySignal {
    std::string code;  // identical_answers, straight_lining, burst, far_from_type, fast_completion
    bool flagged = false;
    double value = 0;         // the measured share (0–1) or distance
    int weight = 0;           // points taken from the confidence when flagged
    std::string explanation;  // Thai, whether flagged or not
};

struct IntegrityAssessment {
    std::size_t respondents = 0;
    bool enough = true;  // too few answers to judge (< 5): no signals, confidence not given
    int confidence = 100;
    std::string level;  // สูง, ปานกลาง, ต่ำ, or ข้อมูลไม่พอ
    std::vector<IntegritySignal> signals;
};

// `type_counts` includes this agency's own answers; they are taken out before comparing.
IntegrityAssessment assess_integrity(const AnswerSet& answers, const SubmissionTiming& timing, const OptionCounts& type_counts);

// One agency's assessment for one instrument, as listed for auditors.
struct AgencyIntegrity {
    Agency agency;
    Instrument instrument = Instrument::iit;
    IntegrityAssessment assessment;
};

}  // namespace ita::core
