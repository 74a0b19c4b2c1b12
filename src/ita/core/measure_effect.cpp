#include <ita/core/measure_effect.hpp>

#include <algorithm>
#include <map>

namespace ita::core {

namespace {

struct Found {
    std::string name;
    Score score;
};

Found look_up(const std::string& target, const Methodology& methodology, const AgencyScores* scores) {
    const auto colon = target.find(':');
    if (colon == std::string::npos) return {};
    const std::string kind = target.substr(0, colon), code = target.substr(colon + 1);
    const auto at = [&](const std::vector<Score>& values, std::optional<std::size_t> index) -> Score {
        return scores && index && *index < values.size() ? values[*index] : std::nullopt;
    };
    if (kind == "indicator") {
        int number = 0;
        try {
            number = std::stoi(code);
        } catch (...) {
            return {};
        }
        const auto index = methodology.indicator_index(number);
        return {index ? methodology.indicators[*index].name : "", scores ? at(scores->indicators, index) : std::nullopt};
    }
    if (kind == "question") {
        const auto index = methodology.question_index(code);
        return {index ? methodology.questions[*index].text : "", scores ? at(scores->questions, index) : std::nullopt};
    }
    if (kind == "item") {
        const auto index = methodology.item_index(code);
        return {index ? methodology.items[*index].name : "", scores ? at(scores->items, index) : std::nullopt};
    }
    return {};
}

EffectVerdict verdict_of(Score mean_change) {
    if (!mean_change) return EffectVerdict::pending;
    if (*mean_change >= effect_threshold) return EffectVerdict::improved;
    if (*mean_change <= -effect_threshold) return EffectVerdict::declined;
    return EffectVerdict::unchanged;
}

}  // namespace

const char* effect_code(EffectVerdict verdict) {
    switch (verdict) {
        case EffectVerdict::improved: return "improved";
        case EffectVerdict::unchanged: return "unchanged";
        case EffectVerdict::declined: return "declined";
        case EffectVerdict::pending: return "pending";
    }
    return "pending";
}

const char* effect_label(EffectVerdict verdict) {
    switch (verdict) {
        case EffectVerdict::improved: return "ดีขึ้น";
        case EffectVerdict::unchanged: return "คงเดิม";
        case EffectVerdict::declined: return "ลดลง";
        case EffectVerdict::pending: return "รอผลปีถัดไป";
    }
    return "รอผลปีถัดไป";
}

MeasureEffect measure_effect(const Measure& measure, const Methodology& before_methodology, const AgencyScores* before,
                             const Methodology* after_methodology, const AgencyScores* after) {
    MeasureEffect effect{measure, {}, std::nullopt, EffectVerdict::pending};
    double sum = 0;
    int counted = 0;
    for (const auto& target : measure.targets) {
        const auto then = look_up(target, before_methodology, before);
        const auto now = after_methodology ? look_up(target, *after_methodology, after) : Found{};
        TargetChange change{target, then.name.empty() ? now.name : then.name, then.score, now.score};
        if (const auto delta = change.change()) {
            sum += *delta;
            ++counted;
        }
        effect.targets.push_back(std::move(change));
    }
    if (counted > 0) effect.mean_change = sum / counted;
    effect.verdict = verdict_of(effect.mean_change);
    return effect;
}

std::vector<LibraryEntry> measure_library(const std::vector<MeasureEffect>& effects, const std::vector<std::string>& types,
                                          const Methodology& methodology) {
    std::map<std::pair<std::string, int>, LibraryEntry> entries;
    std::map<std::pair<std::string, int>, double> sums;
    for (std::size_t index = 0; index < effects.size(); ++index) {
        const auto& effect = effects[index];
        for (const auto& target : effect.targets) {
            if (!target.target.starts_with("indicator:")) continue;
            int number = 0;
            try {
                number = std::stoi(target.target.substr(10));
            } catch (...) {
                continue;
            }
            const std::pair key{types[index], number};
            auto& entry = entries[key];
            entry.agency_type = types[index];
            entry.indicator = number;
            if (const auto at = methodology.indicator_index(number)) entry.indicator_name = methodology.indicators[*at].name;
            ++entry.measures;
            if (const auto change = target.change()) {
                ++entry.judged;
                sums[key] += *change;
                if (*change >= effect_threshold) {
                    ++entry.improved;
                    entry.worked.push_back(&effect);
                }
            }
        }
    }
    std::vector<LibraryEntry> library;
    for (auto& [key, entry] : entries) {
        if (entry.judged > 0) entry.mean_change = sums[key] / static_cast<double>(entry.judged);
        const int number = entry.indicator;
        const auto change_of = [number](const MeasureEffect* effect) {
            for (const auto& target : effect->targets)
                if (target.target == "indicator:" + std::to_string(number)) return target.change().value_or(0);
            return 0.0;
        };
        std::stable_sort(entry.worked.begin(), entry.worked.end(),
                         [&](const MeasureEffect* a, const MeasureEffect* b) { return change_of(a) > change_of(b); });
        library.push_back(std::move(entry));
    }
    return library;
}

}  // namespace ita::core
