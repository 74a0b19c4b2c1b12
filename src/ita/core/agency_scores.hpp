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

struct AgencyScores {
    std::string agency_id;
    std::vector<Score> sub_items;       // per sub-item of the methodology
    std::vector<Score> questions;       // per question
    std::vector<Score> items;           // per OIT item
    std::vector<Score> sub_indicators;  // per OIT sub-indicator
    std::vector<Score> indicators;      // per indicator position
    std::array<Score, instrument_count> instruments{};
    Score overall;

    std::string rating;                             // verdict label; empty when withheld
    std::optional<bool> pass;                       // nullopt when there is no overall score
    std::string withheld_reason;                    // why the rating is withheld, in Thai; empty otherwise
    std::array<std::uint32_t, 2> respondents{};     // IIT, EIT
    std::vector<std::string> below_minimum_sample;  // instrument codes, when known to be short
    std::vector<std::string> warnings;              // published values that disagree with their parts
};

}  // namespace ita::core
