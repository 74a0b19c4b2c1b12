// Verdicts: the rating level and pass/fail of a score under a year's rules (SPEC §3).
// Comparisons use the score as published, rounded to two decimals, so a score shown as
// 85.00 always passes. Pure functions, thread-safe.
#pragma once

#include <ita/core/methodology.hpp>

#include <array>
#include <optional>
#include <string>

namespace ita::core {

// "ผ่านเกณฑ์" when the score reaches the pass mark, "ไม่ผ่านเกณฑ์" otherwise.
[[nodiscard]] bool passes(const Methodology& methodology, double score);
[[nodiscard]] std::string_view pass_label(bool passed);

// The label of the first verdict level whose conditions hold. The instrument scores matter
// only for levels that set min_each_instrument (the five-level scheme of 2567 onward).
[[nodiscard]] std::string verdict_label(const Methodology& methodology, double overall,
                                        const std::array<std::optional<double>, instrument_count>& instruments);

}  // namespace ita::core
