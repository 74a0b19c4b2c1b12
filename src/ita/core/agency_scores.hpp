// AgencyScores: the scores of one agency at every level, unrounded, with its verdict.
// A score is std::nullopt when it is absent (SPEC §2.8): nobody answered, nothing was reviewed.
// Plain value; thread-safe to read.
#pragma once

#include <ita/core/instrument.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ita::core {

using Score = std::optional<double>;

// One part of the EIT's respondents, scored on its own (Methodology::eit_parts()).
struct PartScores {
    std::string code;
    std::uint32_t respondents = 0;  // 0 when the score was published, not computed
    std::vector<Score> indicators;  // per indicator of the EIT, in its order
    Score score;
};

// Whether a part's score may be shown anywhere (pages, reports): it was published, or computed
// from at least `fewest_part_respondents_shown` respondents; fewer could be read back to what one
// or two people answered.
inline constexpr std::uint32_t fewest_part_respondents_shown = 5;
[[nodiscard]] inline bool part_score_shown(const PartScores& part) {
    return part.respondents == 0 || part.respondents >= fewest_part_respondents_shown;
}

struct AgencyScores {
    std::string agency_id;
    std::vector<Score> sub_items;       // per sub-item of the methodology
    std::vector<Score> questions;       // per question
    std::vector<Score> items;           // per OIT item
    std::vector<Score> sub_indicators;  // per OIT sub-indicator
    std::vector<Score> indicators;      // per indicator position
    std::array<Score, instrument_count> instruments{};
    Score overall;
    std::vector<PartScores> eit_parts;  // per EIT respondent part; empty for years with one group

    std::string rating;                             // verdict label; empty when withheld
    std::optional<bool> pass;                       // nullopt when there is no overall score
    std::string withheld_reason;                    // why the rating is withheld, in Thai; empty otherwise
    std::array<std::uint32_t, 2> respondents{};     // IIT, EIT
    std::vector<std::string> below_minimum_sample;  // instrument codes, when known to be short
    std::vector<std::string> warnings;              // published values that disagree with their parts
};

}  // namespace ita::core
