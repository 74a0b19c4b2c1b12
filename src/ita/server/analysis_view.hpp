// How an urgent weakness reads on a page (the working group's results and the public page
// alike): the indicator, its score, its questions below the pass mark and its OIT items at 0;
// and the EIT's respondent parts, each with its channel, respondents and score.
// Included only by page files (it brings kainjow mustache through page_template.hpp).
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/analysis.hpp>
#include <ita/core/scoring.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/score_text.hpp>
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

// Sets `has_parts`, `parts_rule` and `parts` (name, channel, respondents, score) when the year's
// EIT is in respondent parts. A part scored from too few respondents shows no score.
inline void set_eit_parts(data& context, const core::Methodology& methodology, const core::AgencyScores& scores) {
    const auto& respondent_parts = methodology.eit_parts();
    context.set("has_parts", flag(!scores.eit_parts.empty() && !respondent_parts.empty()));
    context.set("parts_rule", core::eit_parts_note(methodology, scores));
    data parts{data::type::list};
    for (std::size_t index = 0; index < scores.eit_parts.size() && index < respondent_parts.parts.size(); ++index) {
        const auto& part = scores.eit_parts[index];
        data entry;
        entry.set("name", respondent_parts.parts[index].name);
        entry.set("channel", std::string(core::part_channel_label(respondent_parts.parts[index].channel)));
        entry.set("respondents", part.respondents == 0 && part.score ? std::string("—") : std::to_string(part.respondents));
        entry.set("score", core::part_score_shown(part) ? shown(part.score) : std::string("—"));
        parts.push_back(entry);
    }
    context.set("parts", parts);
}

}  // namespace ita::server
