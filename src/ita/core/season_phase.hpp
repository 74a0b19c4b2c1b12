// The phases of a season, in the order they happen: staff answer the IIT, citizens the EIT,
// agencies enter their OIT evidence, auditors review it, agencies clarify rejected items once.
// Pure values, thread-safe.
#pragma once

#include <ita/core/instrument.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ita::core {

enum class SeasonPhase : std::uint8_t { iit, eit, oit_entry, review, clarification };
inline constexpr std::array<SeasonPhase, 5> season_phases{SeasonPhase::iit, SeasonPhase::eit, SeasonPhase::oit_entry, SeasonPhase::review,
                                                          SeasonPhase::clarification};

// "iit", "eit", "oit_entry", "review", "clarification": stored, in forms and in the API.
[[nodiscard]] std::string_view season_phase_code(SeasonPhase phase);
[[nodiscard]] std::optional<SeasonPhase> parse_season_phase(std::string_view code);
// Thai, for pages and messages: การตอบแบบวัด IIT, …
[[nodiscard]] std::string_view season_phase_label(SeasonPhase phase);
// The phase in which an instrument is answered (IIT or EIT).
[[nodiscard]] inline SeasonPhase survey_phase(Instrument instrument) {
    return instrument == Instrument::iit ? SeasonPhase::iit : SeasonPhase::eit;
}

}  // namespace ita::core
