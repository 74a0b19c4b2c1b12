#include <ita/report/score_outputs.hpp>

#include <ita/util/csv_writer.hpp>
#include <ita/util/decimal.hpp>

namespace ita::report {

namespace {
std::string cell(const core::Score& score) { return score ? util::format_shortest(*score) : std::string(); }
}  // namespace

void write_scores_csv(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies) {
    util::CsvWriter csv(out);
    csv.field("agency_id").field("name").field("type").field("province").field("overall").field("rating").field("pass");
    for (const auto code : core::all_instruments) csv.field(core::instrument_code(code));
    for (const auto& indicator : methodology.indicators) csv.field("indicator_" + std::to_string(indicator.number));
    csv.field("respondents_IIT").field("respondents_EIT").field("withheld_reason");
    // Years whose EIT is in respondent parts: a score and a count per part, after the columns
    // every year has (so that a script reading those by position keeps working).
    const auto& parts = methodology.eit_parts().parts;
    for (const auto& part : parts) csv.field("EIT_part_" + part.code).field("respondents_EIT_part_" + part.code);
    csv.end_row();
    for (const auto& scored : agencies) {
        const auto& scores = scored.scores;
        csv.field(scores.agency_id);
        csv.field(scored.agency ? scored.agency->name : "").field(scored.agency ? scored.agency->type : "");
        csv.field(scored.agency ? scored.agency->province : "");
        csv.field(cell(scores.overall)).field(scores.rating);
        csv.field(scores.pass ? (*scores.pass ? "true" : "false") : "");
        for (const auto& score : scores.instruments) csv.field(cell(score));
        for (const auto& score : scores.indicators) csv.field(cell(score));
        csv.field(std::to_string(scores.respondents[0])).field(std::to_string(scores.respondents[1]));
        csv.field(scores.withheld_reason);
        for (std::size_t index = 0; index < parts.size(); ++index) {
            const core::PartScores* part = index < scores.eit_parts.size() ? &scores.eit_parts[index] : nullptr;
            csv.field(part ? cell(part->score) : std::string()).field(part ? std::to_string(part->respondents) : std::string("0"));
        }
        csv.end_row();
    }
}

}  // namespace ita::report
