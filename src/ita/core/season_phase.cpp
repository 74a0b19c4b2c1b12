#include <ita/core/season_phase.hpp>

namespace ita::core {

std::string_view season_phase_code(SeasonPhase phase) {
    switch (phase) {
        case SeasonPhase::iit: return "iit";
        case SeasonPhase::eit: return "eit";
        case SeasonPhase::oit_entry: return "oit_entry";
        case SeasonPhase::review: return "review";
        case SeasonPhase::clarification: return "clarification";
    }
    return "";
}

std::optional<SeasonPhase> parse_season_phase(std::string_view code) {
    for (const auto phase : season_phases)
        if (season_phase_code(phase) == code) return phase;
    return std::nullopt;
}

std::string_view season_phase_label(SeasonPhase phase) {
    switch (phase) {
        case SeasonPhase::iit: return "การตอบแบบวัด IIT";
        case SeasonPhase::eit: return "การตอบแบบวัด EIT";
        case SeasonPhase::oit_entry: return "การบันทึกข้อมูล OIT";
        case SeasonPhase::review: return "การตรวจประเมิน OIT";
        case SeasonPhase::clarification: return "การชี้แจงผลการตรวจ OIT";
    }
    return "";
}

}  // namespace ita::core
