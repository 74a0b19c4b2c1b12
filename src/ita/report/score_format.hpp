// How report writers print a score and a change: two decimals rounded half away from zero, a
// change with its sign, and a mark for an absent value. Pure; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/util/decimal.hpp>

#include <string>
#include <string_view>

namespace ita::report {

inline std::string shown(const core::Score& score, std::string_view absent = "–") {
    return score ? util::format_fixed(*score) : std::string(absent);
}

// "+1.50", "-2.00", "0.00"; `absent` when there is no change to show.
inline std::string signed_change(const core::Score& change, std::string_view absent = "–") {
    if (!change) return std::string(absent);
    const std::string text = util::format_fixed(*change);
    return (*change > 0 && text != "0.00" ? "+" : "") + text;
}

// "เพิ่มขึ้น 5.77 คะแนน", "ลดลง 2.10 คะแนน", "เท่าเดิม", as an official writes a change.
inline std::string change_in_words(double change) {
    const std::string size = util::format_fixed(change < 0 ? -change : change);
    if (size == "0.00") return "เท่าเดิม";
    return (change > 0 ? "เพิ่มขึ้น " : "ลดลง ") + size + " คะแนน";
}

}  // namespace ita::report
