#include <ita/core/margin.hpp>

#include <algorithm>
#include <cmath>

namespace ita::core {

namespace {
constexpr double z_95 = 1.96;
}

std::optional<double> sample_margin(double score, std::size_t respondents, std::optional<long long> population) {
    if (respondents == 0) return std::nullopt;
    const double n = static_cast<double>(respondents);
    const double p = std::clamp(score, 0.0, 100.0);
    double margin = z_95 * std::sqrt(p * (100.0 - p) / n);
    if (population && *population > 1) {
        const double big_n = static_cast<double>(*population);
        margin *= n >= big_n ? 0.0 : std::sqrt((big_n - n) / (big_n - 1.0));
    }
    return margin;
}

ScoreMargins score_margins(const Methodology& methodology, const AgencyScores& scores, std::optional<long long> iit_headcount) {
    ScoreMargins margins;
    const auto margin_of = [&](Instrument instrument, const Score& score) -> std::optional<double> {
        if (!score) return std::nullopt;
        switch (instrument) {
            case Instrument::iit: return sample_margin(*score, scores.respondents[0], iit_headcount);
            case Instrument::eit: return sample_margin(*score, scores.respondents[1], std::nullopt);
            case Instrument::oit: return 0.0;
        }
        return std::nullopt;
    };
    margins.indicators.resize(methodology.indicators.size());
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index)
        if (index < scores.indicators.size())
            margins.indicators[index] = margin_of(methodology.indicators[index].instrument, scores.indicators[index]);
    for (const auto instrument : all_instruments)
        margins.instruments[static_cast<std::size_t>(instrument)] =
            margin_of(instrument, scores.instruments[static_cast<std::size_t>(instrument)]);

    double weight_total = 0;
    for (const auto& spec : methodology.instruments) weight_total += spec.weight;
    if (!scores.overall || weight_total <= 0) return margins;
    double variance = 0;
    for (const auto& spec : methodology.instruments) {
        const auto& margin = margins.instruments[static_cast<std::size_t>(spec.code)];
        if (!margin) return margins;
        const double weighted = spec.weight / weight_total * *margin;
        variance += weighted * weighted;
    }
    margins.overall = std::sqrt(variance);
    return margins;
}

bool distinguishable(double score_a, std::optional<double> margin_a, double score_b, std::optional<double> margin_b) {
    const double a = margin_a.value_or(0), b = margin_b.value_or(0);
    return std::abs(score_a - score_b) > std::sqrt(a * a + b * b);
}

}  // namespace ita::core
