// Margins of error of published scores, and whether two agencies' scores can be told apart.
//
// A survey score is the mean over n respondents of answers between 0 and 100. Only the mean p
// is published, so the variance is bounded by p·(100 − p) (Bhatia–Davis): the margin given
// here is the conservative 95 % one, 1.96·sqrt(p(100 − p)/n), times the finite-population
// correction sqrt((N − n)/(N − 1)) when the population N is known (the IIT headcount). The EIT
// population is unknown (no correction); OIT is the auditor's census (margin 0). The overall
// margin combines the instruments' margins by their weights. Pure; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>

#include <array>
#include <optional>
#include <vector>

namespace ita::core {

struct ScoreMargins {
    std::vector<std::optional<double>> indicators;  // per indicator position
    std::array<std::optional<double>, instrument_count> instruments{};
    std::optional<double> overall;
};

// nullopt without respondents or score; 0 when the whole population answered.
[[nodiscard]] std::optional<double> sample_margin(double score, std::size_t respondents, std::optional<long long> population);

[[nodiscard]] ScoreMargins score_margins(const Methodology& methodology, const AgencyScores& scores,
                                         std::optional<long long> iit_headcount);

// True when the difference of two scores exceeds the margin of the difference,
// sqrt(margin_a² + margin_b²). Unknown margins count as 0.
[[nodiscard]] bool distinguishable(double score_a, std::optional<double> margin_a, double score_b, std::optional<double> margin_b);

}  // namespace ita::core
