#include <ita/core/response_integrity.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <ita/util/calendar.hpp>
#include <string_view>

namespace ita::core {

namespace {

constexpr std::size_t minimum_respondents = 5;

std::string percent(double share) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", share * 100);
    return text;
}

std::string decimal(double value) {
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
}

// Whether every rated, answered position holds the same option (at least five of them).
bool straight_lined(std::span<const std::uint8_t> answers, const std::vector<bool>& rated) {
    std::uint8_t seen = 0;
    std::size_t count = 0;
    for (std::size_t position = 0; position < answers.size() && position < rated.size(); ++position) {
        if (!rated[position] || answers[position] == 0) continue;
        if (seen != 0 && answers[position] != seen) return false;
        seen = answers[position];
        ++count;
    }
    return count >= 5;
}

IntegritySignal identical_answers(const AnswerSet& answers) {
    // Vectors shared by two or more respondents, straight lines aside (they have their own signal).
    std::map<std::string_view, std::size_t> groups;  // keys view the answers' own bytes
    std::vector<std::array<double, 5>> marginals;    // by position: shares of unanswered and options 1–4
    std::size_t varied = 0;
    for (std::size_t index = 0; index < answers.size(); ++index) {
        const auto respondent = answers.respondent(index);
        if (straight_lined(respondent, answers.rated)) continue;
        ++groups[std::string_view(reinterpret_cast<const char*>(respondent.data()), respondent.size())];
        ++varied;
        if (marginals.size() < respondent.size()) marginals.resize(respondent.size(), std::array<double, 5>{});
        for (std::size_t position = 0; position < respondent.size(); ++position)
            marginals[position][std::min<std::uint8_t>(respondent[position], 4)] += 1;
    }
    std::size_t duplicated = 0, largest = 0;
    for (const auto& [vector, count] : groups)
        if (count >= 2) {
            duplicated += count;
            largest = std::max(largest, count);
        }
    // How many would share their answers by chance if each answered independently, as this
    // agency's respondents answer each item: people who all rate highly agree often.
    double same = 1;
    for (const auto& shares : marginals) {
        double sum = 0;
        for (const double count : shares) sum += (count / static_cast<double>(varied)) * (count / static_cast<double>(varied));
        same *= sum;
    }
    const double expected = varied < 2 ? 0 : static_cast<double>(varied) * (1 - std::pow(1 - same, static_cast<double>(varied - 1)));
    const double share = static_cast<double>(duplicated) / static_cast<double>(answers.size());
    const bool flagged = share >= 0.10 && largest >= 3 && static_cast<double>(duplicated) >= 3 + 3 * expected;
    IntegritySignal signal{"identical_answers", flagged, share, 30, ""};
    signal.explanation = duplicated == 0 ? "ไม่พบชุดคำตอบที่เหมือนกันทุกข้อ"
                                         : "ชุดคำตอบที่เหมือนกันทุกข้อ (ไม่นับการตอบตัวเลือกเดียวทั้งชุด) " + std::to_string(duplicated) + " ชุด จาก " +
                                               std::to_string(answers.size()) + " (" + percent(share) + ") กลุ่มใหญ่สุด " +
                                               std::to_string(largest) + " ชุด; โดยบังเอิญคาดได้ราว " + decimal(expected) + " ชุด";
    return signal;
}

IntegritySignal straight_lining(const AnswerSet& answers, const OptionCounts& others) {
    std::size_t lines = 0;
    for (std::size_t index = 0; index < answers.size(); ++index) lines += straight_lined(answers.respondent(index), answers.rated) ? 1 : 0;
    const double share = static_cast<double>(lines) / static_cast<double>(answers.size());
    const double type_share =
        others.respondents > 0 ? static_cast<double>(others.straight_lined) / static_cast<double>(others.respondents) : 0;
    // Many people honestly rate everything at the top; what stands out is far more than peers do.
    const bool flagged = share >= 0.5 && share >= 2 * type_share && lines >= 5;
    IntegritySignal signal{"straight_lining", flagged, share, 15, ""};
    signal.explanation =
        "ตอบตัวเลือกเดียวกันทุกข้อ " + std::to_string(lines) + " ชุด (" + percent(share) + ") หน่วยงานประเภทเดียวกัน " + percent(type_share);
    return signal;
}

IntegritySignal burst(const SubmissionTiming& timing, std::size_t respondents) {
    long long total = 0, busiest = 0;
    std::string hour;
    for (const auto& [when, count] : timing.per_hour) {
        total += count;
        if (count > busiest) {
            busiest = count;
            hour = when;
        }
    }
    IntegritySignal signal{"burst", false, 0, 20, "ไม่มีข้อมูลเวลาส่ง (คำตอบนำเข้าจากไฟล์)"};
    if (total == 0) return signal;
    signal.value = static_cast<double>(busiest) / static_cast<double>(total);
    signal.flagged = busiest >= 10 && signal.value >= 0.30 && total >= std::min<long long>(20, static_cast<long long>(respondents));
    // "2026-05-31T14" (UTC) is shown as the Thai hour it began, Buddhist era.
    const std::time_t thai = util::parse_utc_stamp(hour).value_or(0) + std::time_t{7} * 3600;
    std::tm local{};
    gmtime_r(&thai, &local);
    char when[48];
    std::snprintf(when, sizeof when, "%d/%d/%d %02d:00–%02d:59 น.", local.tm_mday, local.tm_mon + 1, local.tm_year + 1900 + 543,
                  local.tm_hour, local.tm_hour);
    signal.explanation = "ชั่วโมงที่ส่งมากที่สุด " + std::string(when) + ": " + std::to_string(busiest) + " ชุด จาก " + std::to_string(total) +
                         " (" + percent(signal.value) + ")";
    return signal;
}

IntegritySignal far_from_type(const AnswerSet& answers, const OptionCounts& type_counts) {
    // Mean total-variation distance, over rated positions, between this agency's answers and its
    // type's without it (0: the same distribution, 1: nothing in common).
    OptionCounts own;
    add_counts(own, answers);
    double distance = 0;
    std::size_t positions = 0;
    for (std::size_t position = 0; position < own.at.size() && position < type_counts.at.size(); ++position) {
        std::array<double, 4> mine{}, theirs{};
        double mine_total = 0, theirs_total = 0;
        for (std::size_t option = 0; option < 4; ++option) {
            mine[option] = static_cast<double>(own.at[position][option]);
            theirs[option] = static_cast<double>(type_counts.at[position][option] - own.at[position][option]);
            mine_total += mine[option];
            theirs_total += theirs[option];
        }
        if (mine_total == 0 || theirs_total < 20) continue;  // too few peers to compare with
        double sum = 0;
        for (std::size_t option = 0; option < 4; ++option) sum += std::abs(mine[option] / mine_total - theirs[option] / theirs_total);
        distance += sum / 2;
        ++positions;
    }
    IntegritySignal signal{"far_from_type", false, 0, 15, "มีหน่วยงานประเภทเดียวกันไม่พอจะเทียบ"};
    if (positions == 0) return signal;
    signal.value = distance / static_cast<double>(positions);
    signal.flagged = signal.value >= 0.40 && answers.size() >= 10;
    signal.explanation =
        "การกระจายคำตอบต่างจากหน่วยงานประเภทเดียวกัน " + decimal(signal.value) + " (0 = เหมือนกัน, 1 = ต่างกันทั้งหมด; ปกติไม่เกิน 0.40)";
    return signal;
}

IntegritySignal fast_completion(const SubmissionTiming& timing) {
    long long timed = 0;
    for (std::size_t bucket = 0; bucket + 1 < duration_bucket_count; ++bucket) timed += timing.per_duration[bucket];
    const long long fast = timing.per_duration[static_cast<std::size_t>(DurationBucket::under_1m)];
    IntegritySignal signal{"fast_completion", false, 0, 25, "ไม่มีข้อมูลเวลาที่ใช้ตอบ"};
    if (timed == 0) return signal;
    signal.value = static_cast<double>(fast) / static_cast<double>(timed);
    signal.flagged = fast >= 5 && signal.value >= 0.30;
    signal.explanation =
        "ตอบเสร็จภายใน 1 นาที " + std::to_string(fast) + " ชุด จาก " + std::to_string(timed) + " ที่ทราบเวลา (" + percent(signal.value) + ")";
    return signal;
}

}  // namespace

const char* duration_bucket_code(DurationBucket bucket) {
    switch (bucket) {
        case DurationBucket::under_1m: return "under_1m";
        case DurationBucket::from_1m_to_3m: return "1m_to_3m";
        case DurationBucket::from_3m_to_10m: return "3m_to_10m";
        case DurationBucket::over_10m: return "over_10m";
        case DurationBucket::unknown: return "unknown";
    }
    return "unknown";
}

DurationBucket duration_bucket_of(long long seconds) {
    if (seconds < 0) return DurationBucket::unknown;
    if (seconds < 60) return DurationBucket::under_1m;
    if (seconds < 180) return DurationBucket::from_1m_to_3m;
    if (seconds < 600) return DurationBucket::from_3m_to_10m;
    return DurationBucket::over_10m;
}

void AnswerSet::add(std::span<const std::uint8_t> packed) {
    if (width == 0) width = packed.size();
    if (width == 0) return;
    const std::size_t kept = std::min(width, packed.size());
    bytes.insert(bytes.end(), packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(kept));
    bytes.resize(bytes.size() + (width - kept), 0);
}

void add_counts(OptionCounts& counts, const AnswerSet& answers) {
    if (counts.at.size() < answers.rated.size()) counts.at.resize(answers.rated.size(), std::array<long long, 4>{});
    for (std::size_t index = 0; index < answers.size(); ++index) {
        const auto respondent = answers.respondent(index);
        ++counts.respondents;
        counts.straight_lined += straight_lined(respondent, answers.rated) ? 1 : 0;
        for (std::size_t position = 0; position < respondent.size() && position < answers.rated.size(); ++position)
            if (answers.rated[position] && respondent[position] >= 1 && respondent[position] <= 4)
                ++counts.at[position][respondent[position] - 1];
    }
}

IntegrityAssessment assess_integrity(const AnswerSet& answers, const SubmissionTiming& timing, const OptionCounts& type_counts) {
    IntegrityAssessment assessment;
    assessment.respondents = answers.size();
    if (assessment.respondents < minimum_respondents) {
        assessment.enough = false;
        assessment.level = "ข้อมูลไม่พอ";
        return assessment;
    }
    OptionCounts others = type_counts;  // the type without this agency, for straight-lining
    OptionCounts own;
    add_counts(own, answers);
    others.respondents -= std::min(others.respondents, own.respondents);
    others.straight_lined -= std::min(others.straight_lined, own.straight_lined);
    assessment.signals = {identical_answers(answers), straight_lining(answers, others), burst(timing, assessment.respondents),
                          far_from_type(answers, type_counts), fast_completion(timing)};
    for (const auto& signal : assessment.signals)
        if (signal.flagged) assessment.confidence -= signal.weight;
    assessment.confidence = std::max(0, assessment.confidence);
    assessment.level = assessment.confidence >= 80 ? "สูง" : assessment.confidence >= 50 ? "ปานกลาง" : "ต่ำ";
    return assessment;
}

}  // namespace ita::core
