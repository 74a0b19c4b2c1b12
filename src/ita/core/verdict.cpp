#include <ita/core/verdict.hpp>

#include <ita/util/decimal.hpp>

namespace ita::core {

bool passes(const Methodology& methodology, double score) { return util::round_half_away(score) >= methodology.pass_mark; }

std::string_view pass_label(bool passed) { return passed ? "ผ่านเกณฑ์" : "ไม่ผ่านเกณฑ์"; }

std::string verdict_label(const Methodology& methodology, double overall,
                          const std::array<std::optional<double>, instrument_count>& instruments) {
    const double shown = util::round_half_away(overall);
    for (const auto& level : methodology.verdict_levels) {
        if (shown < level.min_overall) continue;
        if (level.min_each_instrument) {
            bool each_reaches = true;
            for (const auto& score : instruments)
                if (!score || util::round_half_away(*score) < *level.min_each_instrument) each_reaches = false;
            if (!each_reaches) continue;
        }
        return level.label;
    }
    return methodology.verdict_levels.empty() ? std::string() : methodology.verdict_levels.back().label;
}

}  // namespace ita::core
