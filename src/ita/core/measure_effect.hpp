// Whether a measure worked: the scores of the indicators, questions and OIT items it targeted
// in the result that led to it (the year before its fiscal year) and in the result of its own
// year, and what the agencies of a type found to work for an indicator. Pure; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/measure.hpp>
#include <ita/core/methodology.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::core {

// A change of at least this many points is read as a real rise or fall; smaller ones as no
// change (sampling alone moves survey scores by about that much).
inline constexpr double effect_threshold = 2.0;

enum class EffectVerdict { improved, unchanged, declined, pending };  // pending: no result of its year yet
[[nodiscard]] const char* effect_code(EffectVerdict verdict);         // improved, unchanged, declined, pending
[[nodiscard]] const char* effect_label(EffectVerdict verdict);  // ดีขึ้น, คงเดิม, ลดลง, รอผลปีถัดไป

struct TargetChange {
    std::string target;  // "indicator:5", "question:I27", "item:O38"
    std::string name;    // the indicator's, question's or item's name
    Score before, after;
    [[nodiscard]] Score change() const { return before && after ? Score(*after - *before) : std::nullopt; }
};

struct MeasureEffect {
    Measure measure;
    std::vector<TargetChange> targets;
    Score mean_change;  // over targets with both scores
    EffectVerdict verdict = EffectVerdict::pending;
};

// `before`/`after` are the agency's scores under their own year's methodology; `after` is null
// when its year has no result yet. A target the methodology does not know keeps no scores.
MeasureEffect measure_effect(const Measure& measure, const Methodology& before_methodology, const AgencyScores* before,
                             const Methodology* after_methodology, const AgencyScores* after);

// The library: per agency type and indicator, how many measures targeted it, how many
// improved it, the mean change, and the measures that worked best first.
struct LibraryEntry {
    std::string agency_type;
    int indicator = 0;
    std::string indicator_name;
    std::size_t measures = 0, judged = 0, improved = 0;
    Score mean_change;
    std::vector<const MeasureEffect*> worked;  // improved, largest change first
};
// `types` gives each effect's agency type (parallel to `effects`).
std::vector<LibraryEntry> measure_library(const std::vector<MeasureEffect>& effects, const std::vector<std::string>& types,
                                          const Methodology& methodology);

}  // namespace ita::core
