// Guidance: Thai text on how to improve and how to maintain each indicator, OIT sub-indicator,
// question and OIT item (methodology/guidance-th.json, editable). Used to pre-fill draft
// measures. Immutable after loading; thread-safe to read.
#pragma once

#include <map>
#include <string>

namespace ita::core {

struct GuidanceText {
    std::string improve;
    std::string maintain;
};

struct Guidance {
    std::map<std::string, GuidanceText> indicators;      // by number: "5"
    std::map<std::string, GuidanceText> sub_indicators;  // "9.3"
    std::map<std::string, GuidanceText> questions;       // "I27"
    std::map<std::string, GuidanceText> items;           // "O38"

    // The text for a code of a kind, or nullptr.
    [[nodiscard]] const GuidanceText* find(const std::map<std::string, GuidanceText>& table, const std::string& code) const {
        const auto found = table.find(code);
        return found == table.end() ? nullptr : &found->second;
    }
};

}  // namespace ita::core
