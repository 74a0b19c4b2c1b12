#include <ita/core/path_to_target.hpp>

#include <ita/core/verdict.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>
#include <cmath>

namespace ita::core {

namespace {

// A value shown as `target` or more at two decimals is at or above it.
constexpr double display_tolerance = 0.005;

template <typename Indices>
std::size_t present(const std::vector<Score>& scores, const Indices& indices) {
    return static_cast<std::size_t>(
        std::count_if(indices.begin(), indices.end(), [&](auto index) { return scores[static_cast<std::size_t>(index)].has_value(); }));
}

std::size_t present_indicators(const Methodology& methodology, const AgencyScores& scores, Instrument instrument) {
    std::size_t count = 0;
    for (const int number : methodology.instrument(instrument).indicators)
        if (const auto index = methodology.indicator_index(number); index && scores.indicators[*index]) ++count;
    return count;
}

PathToTarget path_to(const Methodology& methodology, const AgencyScores& scores, std::string label, double target) {
    PathToTarget path;
    path.label = std::move(label);
    path.target = target;
    path.current = *scores.overall;
    path.reached = util::round_half_away(path.current) >= target;
    path.after_items = path.current;
    if (path.reached) return path;
    const double needed = target - display_tolerance;

    std::vector<ItemGain> gains;
    std::vector<bool> oit_indicator_unknown(methodology.indicators.size(), false);
    for (std::size_t item = 0; item < methodology.items.size(); ++item) {
        if (!scores.items[item] || *scores.items[item] != 0.0) continue;
        if (const auto gain = item_gain(methodology, scores, item)) {
            gains.push_back({item, *gain});
            continue;
        }
        path.items_of_unknown_gain.push_back(item);
        if (const auto indicator = methodology.indicator_index(methodology.sub_indicators[methodology.items[item].sub_indicator].indicator))
            oit_indicator_unknown[*indicator] = true;
    }
    std::stable_sort(gains.begin(), gains.end(), [](const ItemGain& a, const ItemGain& b) { return a.overall_points > b.overall_points; });
    for (const auto& gain : gains) {
        if (path.after_items >= needed) break;
        path.items.push_back(gain);
        path.after_items += gain.overall_points;
    }
    path.items_suffice = path.after_items >= needed;
    const double remaining = std::max(0.0, needed - path.after_items);

    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        if ((indicator.instrument == Instrument::oit && !oit_indicator_unknown[index]) || !scores.indicators[index] ||
            passes(methodology, *scores.indicators[index]))
            continue;
        const auto& instrument = methodology.instrument(indicator.instrument);
        const std::size_t siblings = present_indicators(methodology, scores, indicator.instrument);
        if (siblings == 0 || !instrument.parts.empty()) continue;
        IndicatorRise rise;
        rise.indicator = index;
        rise.current = *scores.indicators[index];
        rise.overall_points_per_point = instrument.weight / static_cast<double>(siblings);
        rise.needed_score = rise.current + remaining / rise.overall_points_per_point;
        rise.feasible = rise.needed_score <= 100.0;
        path.rises.push_back(rise);
    }
    std::stable_sort(path.rises.begin(), path.rises.end(), [](const IndicatorRise& a, const IndicatorRise& b) {
        return a.needed_score - a.current < b.needed_score - b.current;
    });
    return path;
}

}  // namespace

std::optional<double> item_gain(const Methodology& methodology, const AgencyScores& scores, std::size_t item) {
    const auto& sub_indicator = methodology.sub_indicators[methodology.items[item].sub_indicator];
    const auto indicator = methodology.indicator_index(sub_indicator.indicator);
    if (!indicator || !scores.indicators[*indicator]) return std::nullopt;
    const auto& sub_indicator_indices = methodology.indicators[*indicator].sub_indicators;
    const std::size_t items = present(scores.items, sub_indicator.items);
    const std::size_t sub_indicators = present(scores.sub_indicators, sub_indicator_indices);
    const std::size_t indicators = present_indicators(methodology, scores, Instrument::oit);
    if (items != sub_indicator.items.size() || sub_indicators != sub_indicator_indices.size() || indicators == 0) return std::nullopt;
    // The indicator must be what its sub-indicators make, or the items do not describe it.
    double sum = 0;
    for (const auto index : sub_indicator_indices) sum += *scores.sub_indicators[static_cast<std::size_t>(index)];
    const double indicator_score = *scores.indicators[*indicator];
    if (std::abs(sum / static_cast<double>(sub_indicators) - indicator_score) > display_tolerance) return std::nullopt;
    const double per_indicator_point = methodology.instrument(Instrument::oit).weight / static_cast<double>(indicators);
    const double gain = per_indicator_point * 100.0 / static_cast<double>(items * sub_indicators);
    // Never more than lifting the whole indicator to 100 would give.
    return std::min(gain, per_indicator_point * (100.0 - indicator_score));
}

std::string unknown_gains_note(const Methodology& methodology, const PathToTarget& path) {
    if (path.items_of_unknown_gain.empty()) return {};
    std::string codes;
    for (const auto item : path.items_of_unknown_gain) codes += (codes.empty() ? "" : ", ") + methodology.items[item].code;
    return "ข้อ " + codes + " ได้ 0 คะแนน แต่ข้อมูล OIT รายข้อของตัวชี้วัดเดียวกันมีไม่ครบ จึงไม่คำนวณว่าการเผยแพร่จะเพิ่มคะแนนรวมเท่าใด";
}

std::vector<PathToTarget> paths_to_targets(const Methodology& methodology, const AgencyScores& scores) {
    std::vector<PathToTarget> paths;
    if (!scores.overall) return paths;
    paths.push_back(path_to(methodology, scores, std::string(pass_label(true)), methodology.pass_mark));
    // The next level up: the lowest level whose minimum is above the shown overall.
    const double shown = util::round_half_away(*scores.overall);
    const VerdictLevel* next = nullptr;
    for (const auto& level : methodology.verdict_levels)
        if (level.min_overall > shown) next = &level;
    if (next && next->min_overall != methodology.pass_mark) paths.push_back(path_to(methodology, scores, next->label, next->min_overall));
    // The nearer target first: for an agency below the next level, that level comes before the pass.
    std::stable_sort(paths.begin(), paths.end(), [](const PathToTarget& a, const PathToTarget& b) { return a.target < b.target; });
    return paths;
}

}  // namespace ita::core
