// What changed between two years' methodologies, as the NACC's methodology officer reads it:
// OIT items and questions added, removed, renamed (other title or wording), renumbered (an OIT
// item under another code: the NACC renumbers its list most years), moved
// between indicators, or with other evidence rules or sub-items; indicators renamed or moved to
// another instrument; instrument weights, verdict rules, pass mark, national target and minimum
// samples changed. Pure; thread-safe.
#pragma once

#include <ita/core/methodology.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ita::core {

enum class ChangeKind : std::uint8_t { added, removed, renamed, renumbered, moved, changed };
// "added", "removed", "renamed", "renumbered", "moved", "changed".
[[nodiscard]] std::string_view change_kind_code(ChangeKind kind);
// In Thai, for people: "เพิ่ม", "ตัดออก", "เปลี่ยนชื่อ", "เปลี่ยนเลขข้อ", "ย้ายตัวชี้วัด", "เปลี่ยนเกณฑ์".
[[nodiscard]] std::string_view change_kind_label(ChangeKind kind);

struct MethodologyChange {
    ChangeKind kind = ChangeKind::changed;
    std::string element;  // "item", "question", "indicator", "instrument", "verdict", "pass_mark", "national_target", "minimum_sample"
    std::string code;     // O4, I7, 5, IIT (the later year's code); empty for the year-wide rules
    std::string before;   // empty when added
    std::string after;    // empty when removed
};

// The changes from `from` to `to`: year-wide rules, instruments, indicators, questions, then OIT
// items; within each, in `to`'s order, then what `from` had and `to` has not.
[[nodiscard]] std::vector<MethodologyChange> diff_methodologies(const Methodology& from, const Methodology& to);

}  // namespace ita::core
