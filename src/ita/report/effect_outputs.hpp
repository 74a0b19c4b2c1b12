// Writers of measure effectiveness: each measure with its targets before and after, and the
// library of what worked by agency type and indicator; JSON (`ita measures effect --format
// json`) and text. Pure; thread-safe.
#pragma once

#include <ita/core/measure_effect.hpp>

#include <ostream>
#include <span>
#include <string>

namespace ita::report {

struct EffectivenessView {
    int fiscal_year = 0, baseline_year = 0;
    bool outcome_published = false;
    std::span<const core::MeasureEffect> all;
    std::span<const std::string> names;   // per `all`: the agency's name
    std::span<const std::size_t> listed;  // which of `all` to list
    std::span<const core::LibraryEntry> library;
};

void write_effectiveness_text(std::ostream& out, const EffectivenessView& view);
void write_effectiveness_json(std::ostream& out, const EffectivenessView& view);

}  // namespace ita::report
