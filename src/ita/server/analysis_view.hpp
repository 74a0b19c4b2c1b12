// How an urgent weakness reads on a page (the working group's results and the public page
// alike): the indicator, its score, its questions below the pass mark and its OIT items at 0.
// Included only by page files (it brings kainjow mustache through page_template.hpp).
#pragma once

#include <ita/core/analysis.hpp>
#include <ita/server/page_template.hpp>
#include <ita/util/decimal.hpp>

namespace ita::server {

inline data weakness_view(const core::Methodology& methodology, const core::IndicatorFinding& finding) {
    const auto& indicator = methodology.indicators[finding.indicator];
    data weakness;
    weakness.set("name", std::to_string(indicator.number) + ". " + indicator.name);
    weakness.set("score", util::format_fixed(finding.score));
    data questions{data::type::list};
    for (const auto& question : finding.questions) {
        if (question.passes) continue;
        data entry;
        entry.set("code", methodology.questions[question.question].code);
        entry.set("text", methodology.questions[question.question].text);
        entry.set("score", util::format_fixed(question.score));
        questions.push_back(entry);
    }
    weakness.set("has_questions", flag(!questions.is_empty_list()));
    weakness.set("questions", questions);
    data items{data::type::list};
    for (const auto item : finding.items_scored_zero) {
        data entry;
        entry.set("code", methodology.items[item].code);
        entry.set("name", methodology.items[item].name);
        items.push_back(entry);
    }
    weakness.set("has_items", flag(!items.is_empty_list()));
    weakness.set("items", items);
    return weakness;
}

}  // namespace ita::server
