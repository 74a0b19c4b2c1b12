// What reading and scoring an answer to a sub-item needs, gathered once per methodology for the
// responses readers: the sub-item's instrument, its kind and the points of each option.
// Internal to ingest. Pure, thread-safe.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/ingest/answer_option.hpp>

#include <array>
#include <vector>

namespace ita::ingest {

struct AnswerSpec {
    core::Instrument instrument;
    core::AnswerKind kind;
    std::array<double, 4> points;  // per option index; a yes/no item's third and fourth are unused
};

// One spec per sub-item, in the methodology's order.
[[nodiscard]] inline std::vector<AnswerSpec> answer_specs(const core::Methodology& methodology) {
    std::vector<AnswerSpec> specs;
    specs.reserve(methodology.sub_items.size());
    for (const auto& sub_item : methodology.sub_items) {
        AnswerSpec spec{methodology.questions[sub_item.question].instrument, sub_item.kind, {}};
        for (std::size_t option = 0; option < spec.points.size(); ++option)
            spec.points[option] = core::is_yes_no(sub_item.kind) && option > 1 ? 0 : methodology.option_points(sub_item.kind, option);
        specs.push_back(spec);
    }
    return specs;
}

// The option index of an answer cell; -1 when it is not an answer to that sub-item. (Not an
// std::optional: GCC 12 builds one in memory and reads it back, a stall on every answer.)
[[nodiscard]] inline int answer_option(const AnswerSpec& spec, std::string_view text) {
    // The common "1"–"4", "yes" and "no" without a call; everything else through the full parser.
    if (!core::is_yes_no(spec.kind)) {
        if (text.size() == 1 && text[0] >= '1' && text[0] <= '4') return text[0] - '1';
    } else if (text == "yes")
        return 0;
    else if (text == "no")
        return 1;
    const auto parsed = parse_answer_option(spec.kind, text);
    return parsed ? static_cast<int>(*parsed) : -1;
}

}  // namespace ita::ingest
