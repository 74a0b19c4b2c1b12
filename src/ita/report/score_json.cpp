// The only translation unit of report that includes nlohmann-json.
#include <ita/report/score_outputs.hpp>

#include <nlohmann/json.hpp>

namespace ita::report {

namespace {

using nlohmann::ordered_json;

ordered_json score_value(const core::Score& score) { return score ? ordered_json(*score) : ordered_json(nullptr); }

ordered_json agency_json(const core::Methodology& methodology, const ScoredAgency& scored) {
    const auto& scores = scored.scores;
    ordered_json agency;
    agency["agency_id"] = scores.agency_id;
    agency["overall"] = score_value(scores.overall);
    agency["rating"] = scores.rating.empty() ? ordered_json(nullptr) : ordered_json(scores.rating);
    agency["pass"] = scores.pass ? ordered_json(*scores.pass) : ordered_json(nullptr);
    ordered_json instruments = ordered_json::object();
    for (const auto code : core::all_instruments)
        instruments[std::string(core::instrument_code(code))] = score_value(scores.instruments[static_cast<std::size_t>(code)]);
    agency["instruments"] = std::move(instruments);
    ordered_json indicators = ordered_json::object();
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index)
        indicators[std::to_string(methodology.indicators[index].number)] = score_value(scores.indicators[index]);
    agency["indicators"] = std::move(indicators);
    ordered_json questions = ordered_json::object();
    for (std::size_t index = 0; index < methodology.questions.size(); ++index)
        questions[methodology.questions[index].code] = score_value(scores.questions[index]);
    agency["questions"] = std::move(questions);
    agency["respondents"] = {{"IIT", scores.respondents[0]}, {"EIT", scores.respondents[1]}};
    // Extensions of the contract: more detail, never a changed field.
    ordered_json sub_indicators = ordered_json::object();
    for (std::size_t index = 0; index < methodology.sub_indicators.size(); ++index)
        sub_indicators[methodology.sub_indicators[index].code] = score_value(scores.sub_indicators[index]);
    agency["sub_indicators"] = std::move(sub_indicators);
    if (!scores.withheld_reason.empty()) agency["withheld_reason"] = scores.withheld_reason;
    if (!scores.below_minimum_sample.empty()) agency["below_minimum_sample"] = scores.below_minimum_sample;
    if (!scores.warnings.empty()) agency["warnings"] = scores.warnings;
    return agency;
}

}  // namespace

void write_scores_json(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies) {
    // Written one agency at a time: the nation as one document tree would cost more memory
    // and time than the scoring. The bytes are those of dumping the whole document.
    ordered_json head;
    head["fiscal_year"] = methodology.fiscal_year;
    head["methodology"] = {{"version", methodology.version}, {"status", core::status_code(methodology.status)}};
    std::string text = head.dump();
    text.pop_back();  // the closing brace
    out << text << R"(,"agencies":[)";
    bool first = true;
    for (const auto& scored : agencies) {
        if (!first) out << ',';
        first = false;
        out << agency_json(methodology, scored).dump();
    }
    out << "]}\n";
}

}  // namespace ita::report
