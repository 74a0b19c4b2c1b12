// The only translation unit of report that includes nlohmann-json: every JSON output.
#include <ita/report/analysis_outputs.hpp>
#include <ita/report/effect_outputs.hpp>
#include <ita/report/evidence_outputs.hpp>
#include <ita/report/integrity_outputs.hpp>
#include <ita/report/measure_outputs.hpp>
#include <ita/report/methodology_outputs.hpp>
#include <ita/report/rank_outputs.hpp>
#include <ita/report/score_outputs.hpp>

#include <nlohmann/json.hpp>

// Every document is written with bytes that are not UTF-8 replaced by U+FFFD: text stored before
// input was checked at the boundary can never make an output fail.
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
    if (!scores.eit_parts.empty()) {
        const auto& eit = methodology.instrument(core::Instrument::eit);
        ordered_json parts = ordered_json::array();
        for (const auto& part : scores.eit_parts) {
            ordered_json by_indicator = ordered_json::object();
            for (std::size_t index = 0; index < part.indicators.size() && index < eit.indicators.size(); ++index)
                by_indicator[std::to_string(eit.indicators[index])] = score_value(part.indicators[index]);
            parts.push_back(
                {{"code", part.code}, {"score", score_value(part.score)}, {"respondents", part.respondents}, {"indicators", by_indicator}});
        }
        agency["eit_parts"] = std::move(parts);
    }
    if (!scores.withheld_reason.empty()) agency["withheld_reason"] = scores.withheld_reason;
    if (!scores.below_minimum_sample.empty()) agency["below_minimum_sample"] = scores.below_minimum_sample;
    if (!scores.warnings.empty()) agency["warnings"] = scores.warnings;
    return agency;
}

ordered_json figures_json(const core::GroupFigures& figures, const char* key) {
    ordered_json object;
    if (key) object[key] = figures.group;
    object["agencies"] = figures.agencies;
    object["scored"] = figures.scored;
    object["mean"] = figures.mean ? ordered_json(*figures.mean) : ordered_json(nullptr);
    object["passing"] = figures.passing;
    object["share_passing"] = figures.share_passing_percent ? ordered_json(*figures.share_passing_percent) : ordered_json(nullptr);
    object["meets_target"] = figures.meets_target;
    return object;
}

}  // namespace

std::string agency_scores_json(const core::Methodology& methodology, const ScoredAgency& agency) {
    return agency_json(methodology, agency).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_scores_json(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies) {
    // Written one agency at a time: the nation as one document tree would cost more memory
    // and time than the scoring. The bytes are those of dumping the whole document.
    ordered_json head;
    head["fiscal_year"] = methodology.fiscal_year;
    head["methodology"] = {{"version", methodology.version}, {"status", core::status_code(methodology.status)}};
    std::string text = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text.pop_back();  // the closing brace
    out << text << R"(,"agencies":[)";
    bool first = true;
    for (const auto& scored : agencies) {
        if (!first) out << ',';
        first = false;
        out << agency_json(methodology, scored).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    out << "]}\n";
}

void write_rank_json(std::ostream& out, const core::Methodology& methodology, const RankReport& report) {
    ordered_json document;
    document["fiscal_year"] = methodology.fiscal_year;
    document["pass_mark"] = methodology.pass_mark;
    document["national_target_percent"] = methodology.national_target_percent;
    document["national"] = figures_json(report.national, nullptr);
    ordered_json by_type = ordered_json::array();
    for (const auto& figures : report.by_type) by_type.push_back(figures_json(figures, "type"));
    document["by_type"] = std::move(by_type);
    ordered_json by_province = ordered_json::array();
    for (const auto& figures : report.by_province) by_province.push_back(figures_json(figures, "province"));
    document["by_province"] = std::move(by_province);
    ordered_json agencies = ordered_json::array();
    for (const auto& ranked : report.agencies) {
        ordered_json agency;
        agency["agency_id"] = ranked.agency->agency_id;
        agency["type"] = ranked.agency->type;
        agency["province"] = ranked.agency->province;
        agency["overall"] = ranked.scores->overall ? ordered_json(*ranked.scores->overall) : ordered_json(nullptr);
        agency["verdict"] = ranked.scores->rating.empty() ? ordered_json(nullptr) : ordered_json(ranked.scores->rating);
        agency["rank"] = ranked.position ? ordered_json(ranked.position->rank) : ordered_json(nullptr);
        agency["of"] = ranked.position ? ordered_json(ranked.position->of) : ordered_json(nullptr);
        agencies.push_back(std::move(agency));
    }
    document["agencies"] = std::move(agencies);
    out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_analysis_json(std::ostream& out, const AnalysisView& view) {
    const auto& methodology = *view.methodology;
    const auto& scores = *view.scores;
    const auto& analysis = *view.analysis;
    const auto optional_number = [](const std::optional<double>& value) { return value ? ordered_json(*value) : ordered_json(nullptr); };
    ordered_json document;
    document["fiscal_year"] = methodology.fiscal_year;
    document["agency_id"] = scores.agency_id;
    document["overall"] = optional_number(scores.overall);
    document["rating"] = scores.rating.empty() ? ordered_json(nullptr) : ordered_json(scores.rating);
    document["pass"] = scores.pass ? ordered_json(*scores.pass) : ordered_json(nullptr);
    document["overall_change"] = optional_number(analysis.overall_change);
    if (analysis.rank)
        document["rank"] = {{"rank", analysis.rank->rank}, {"of", analysis.rank->of}, {"type", view.agency ? view.agency->type : ""}};
    else
        document["rank"] = nullptr;
    if (!analysis.rank_note.empty()) document["rank_note"] = analysis.rank_note;
    ordered_json indicators = ordered_json::array();
    const auto indicator_number = [&](std::size_t position) {
        return methodology.indicators[analysis.indicators[position].indicator].number;
    };
    for (const auto& finding : analysis.indicators) {
        const auto& indicator = methodology.indicators[finding.indicator];
        ordered_json entry;
        entry["number"] = indicator.number;
        entry["name"] = indicator.name;
        entry["instrument"] = core::instrument_code(indicator.instrument);
        entry["score"] = finding.score;
        entry["pass"] = finding.passes;
        entry["status"] = core::status_label(finding.status);
        entry["change"] = optional_number(finding.change);
        ordered_json below = ordered_json::array();
        for (const auto& question : finding.questions)
            if (!question.passes) below.push_back({{"code", methodology.questions[question.question].code}, {"score", question.score}});
        entry["questions_below_pass"] = std::move(below);
        ordered_json zero = ordered_json::array();
        for (const auto item : finding.items_scored_zero)
            zero.push_back({{"code", methodology.items[item].code}, {"name", methodology.items[item].name}});
        entry["items_scored_zero"] = std::move(zero);
        indicators.push_back(std::move(entry));
    }
    document["indicators"] = std::move(indicators);
    ordered_json weak = ordered_json::array(), strong = ordered_json::array();
    for (const auto position : analysis.urgent_weaknesses) weak.push_back(indicator_number(position));
    for (const auto position : analysis.strengths) strong.push_back(indicator_number(position));
    document["urgent_weaknesses"] = std::move(weak);
    document["strengths"] = std::move(strong);
    ordered_json below = ordered_json::array();  // every indicator below the pass mark, lowest first
    for (const auto position : analysis.weaknesses) below.push_back(indicator_number(position));
    document["below_pass_mark"] = std::move(below);
    ordered_json paths = ordered_json::array();
    for (const auto& path : *view.paths) {
        ordered_json entry{{"label", path.label}, {"target", path.target}, {"current", path.current}, {"reached", path.reached}};
        ordered_json items = ordered_json::array();
        for (const auto& gain : path.items)
            items.push_back({{"code", methodology.items[gain.item].code},
                             {"name", methodology.items[gain.item].name},
                             {"overall_points", gain.overall_points}});
        entry["items_to_publish"] = std::move(items);
        ordered_json unknown = ordered_json::array();
        for (const auto item : path.items_of_unknown_gain) unknown.push_back(methodology.items[item].code);
        entry["items_of_unknown_gain"] = std::move(unknown);
        entry["after_items"] = path.after_items;
        entry["items_suffice"] = path.items_suffice;
        ordered_json rises = ordered_json::array();
        for (const auto& rise : path.rises)
            rises.push_back({{"indicator", methodology.indicators[rise.indicator].number},
                             {"current", rise.current},
                             {"needed_score", rise.needed_score},
                             {"overall_points_per_point", rise.overall_points_per_point},
                             {"feasible", rise.feasible}});
        entry["indicator_rises"] = std::move(rises);
        paths.push_back(std::move(entry));
    }
    document["paths"] = std::move(paths);
    out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_measures_json(std::ostream& out, const std::vector<MeasureView>& measures) {
    ordered_json list = ordered_json::array();
    for (const auto& view : measures) {
        const auto& measure = *view.measure;
        ordered_json progress = ordered_json::array();
        for (const auto& report : measure.progress)
            progress.push_back({{"reported_on", report.reported_on},
                                {"percent", report.percent},
                                {"text", report.text},
                                {"evidence_url", report.evidence_url}});
        list.push_back({{"measure_id", measure.measure_id},
                        {"agency_id", measure.agency_id},
                        {"fiscal_year", measure.fiscal_year},
                        {"targets", measure.targets},
                        {"title", measure.title},
                        {"analysis", measure.analysis},
                        {"steps", measure.steps},
                        {"responsible", measure.responsible},
                        {"start_on", measure.start_on},
                        {"end_on", measure.end_on},
                        {"cadence", core::cadence_code(measure.cadence)},
                        {"status", core::measure_status_code(measure.status)},
                        {"progress", std::move(progress)},
                        {"next_report_due", view.state.next_due.empty() ? ordered_json(nullptr) : ordered_json(view.state.next_due)},
                        {"overdue", view.state.overdue},
                        {"due_soon", view.state.due_soon}});
    }
    out << ordered_json({{"measures", std::move(list)}}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void write_url_checks_json(std::ostream& out, std::span<const core::UrlCheck> checks) {
    ordered_json items = ordered_json::array();
    for (const auto& check : checks) {
        ordered_json item;
        item["agency_id"] = check.agency_id;
        const auto [code, position] = core::split_check_key(check.item);
        item["item"] = code;
        item["url"] = check.url;
        item["status"] = check.status;
        item["http_status"] = check.http_status > 0 ? ordered_json(check.http_status) : ordered_json(nullptr);
        item["final_url"] = check.final_url;
        item["reason"] = check.reason;
        // Extensions of the contract: more detail, never a changed field.
        ordered_json codes = ordered_json::array();
        for (std::size_t from = 0; from < check.reason_codes.size();) {
            const auto comma = std::min(check.reason_codes.find(',', from), check.reason_codes.size());
            codes.push_back(check.reason_codes.substr(from, comma - from));
            from = comma + 1;
        }
        item["reason_codes"] = std::move(codes);
        item["address"] = position;  // which of the item's addresses (1: its first)
        item["checked_at"] = check.checked_at;
        item["content_type"] = check.content_type;
        item["size"] = check.size;
        ordered_json redirects = ordered_json::array();
        for (std::size_t from = 0; from < check.redirects.size();) {
            const auto end = std::min(check.redirects.find('\n', from), check.redirects.size());
            const std::string line = check.redirects.substr(from, end - from);
            const auto space = line.find(' ');
            if (space != std::string::npos)
                redirects.push_back({{"http_status", std::stol(line.substr(0, space))}, {"url", line.substr(space + 1)}});
            from = end + 1;
        }
        item["redirects"] = std::move(redirects);
        item["snapshot_sha256"] = check.snapshot.empty() ? ordered_json(nullptr) : ordered_json(check.snapshot);
        items.push_back(std::move(item));
    }
    out << ordered_json{{"items", std::move(items)}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_integrity_json(std::ostream& out, int fiscal_year, std::span<const core::AgencyIntegrity> rows) {
    ordered_json agencies = ordered_json::array();
    for (const auto& row : rows) {
        ordered_json agency;
        agency["agency_id"] = row.agency.agency_id;
        agency["name"] = row.agency.name;
        agency["type"] = row.agency.type;
        agency["instrument"] = core::instrument_code(row.instrument);
        agency["respondents"] = row.assessment.respondents;
        agency["confidence"] = row.assessment.enough ? ordered_json(row.assessment.confidence) : ordered_json(nullptr);
        agency["level"] = row.assessment.level;
        ordered_json signals = ordered_json::array();
        for (const auto& signal : row.assessment.signals)
            signals.push_back({{"code", signal.code},
                               {"flagged", signal.flagged},
                               {"value", signal.value},
                               {"weight", signal.weight},
                               {"explanation", signal.explanation}});
        agency["signals"] = std::move(signals);
        agencies.push_back(std::move(agency));
    }
    out << ordered_json{{"fiscal_year", fiscal_year}, {"agencies", std::move(agencies)}}.dump(2, ' ', false,
                                                                                              nlohmann::json::error_handler_t::replace)
        << '\n';
}

void write_effectiveness_json(std::ostream& out, const EffectivenessView& view) {
    ordered_json measures = ordered_json::array();
    for (const auto index : view.listed) {
        const auto& effect = view.all[index];
        ordered_json measure;
        measure["measure_id"] = effect.measure.measure_id;
        measure["agency_id"] = effect.measure.agency_id;
        measure["agency_name"] = view.names[index];
        measure["title"] = effect.measure.title;
        measure["status"] = core::measure_status_code(effect.measure.status);
        measure["verdict"] = core::effect_code(effect.verdict);
        measure["mean_change"] = score_value(effect.mean_change);
        ordered_json targets = ordered_json::array();
        for (const auto& target : effect.targets)
            targets.push_back({{"target", target.target},
                               {"name", target.name},
                               {"before", score_value(target.before)},
                               {"after", score_value(target.after)},
                               {"change", score_value(target.change())}});
        measure["targets"] = std::move(targets);
        measures.push_back(std::move(measure));
    }
    ordered_json library = ordered_json::array();
    for (const auto& entry : view.library) {
        ordered_json worked = ordered_json::array();
        for (const auto* effect : entry.worked)
            worked.push_back(
                {{"measure_id", effect->measure.measure_id}, {"agency_id", effect->measure.agency_id}, {"title", effect->measure.title}});
        library.push_back({{"agency_type", entry.agency_type},
                           {"indicator", entry.indicator},
                           {"indicator_name", entry.indicator_name},
                           {"measures", entry.measures},
                           {"judged", entry.judged},
                           {"improved", entry.improved},
                           {"mean_change", score_value(entry.mean_change)},
                           {"worked", std::move(worked)}});
    }
    out << ordered_json{{"fiscal_year", view.fiscal_year},
                        {"baseline_year", view.baseline_year},
                        {"outcome_published", view.outcome_published},
                        {"threshold", core::effect_threshold},
                        {"measures", std::move(measures)},
                        {"library", std::move(library)}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
}

void write_due_json(std::ostream& out, const std::string& agency_id, int fiscal_year, const std::string& today,
                    std::span<const DueRow> rows) {
    ordered_json due = ordered_json::array();
    for (const auto& row : rows)
        due.push_back({{"item", row.item},
                       {"name", row.name},
                       {"covers", row.covers},
                       {"due_on", row.due_on},
                       {"days", row.days},
                       {"entered", row.entered},
                       {"status", row.status.empty() ? ordered_json(nullptr) : ordered_json(row.status)},
                       {"reason", row.reason}});
    out << ordered_json{{"agency_id", agency_id}, {"fiscal_year", fiscal_year}, {"today", today}, {"due", std::move(due)}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
}

void write_methodology_diff_json(std::ostream& out, const core::Methodology& from, const core::Methodology& to,
                                 std::span<const core::MethodologyChange> changes) {
    ordered_json list = ordered_json::array();
    for (const auto& change : changes)
        list.push_back(ordered_json{{"kind", core::change_kind_code(change.kind)},
                                    {"element", change.element},
                                    {"code", change.code},
                                    {"before", change.before.empty() ? ordered_json(nullptr) : ordered_json(change.before)},
                                    {"after", change.after.empty() ? ordered_json(nullptr) : ordered_json(change.after)}});
    out << ordered_json{{"from", {{"fiscal_year", from.fiscal_year}, {"version", from.version}}},
                        {"to", {{"fiscal_year", to.fiscal_year}, {"version", to.version}}},
                        {"changes", list}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
}

}  // namespace ita::report
