// One of the three translation units of ingest with nlohmann-json (with methodology_reader.cpp
// and methodology_authoring.cpp): reading back one agency's scores as `ita score --format json` wrote them.
#include <ita/ingest/score_json_reader.hpp>

#include <nlohmann/json.hpp>

namespace ita::ingest {

namespace {

using nlohmann::json;

Result<core::Score> score_at(const json& object, const std::string& key, std::string_view source, std::string_view field) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return core::Score{};
    if (!found->is_number())
        return fail(ErrorCode::invalid_input, std::string(source) + ": " + std::string(field) + "/" + key + " is not a number");
    return core::Score{found->get<double>()};
}

}  // namespace

Result<core::AgencyScores> read_agency_scores_json(const core::Methodology& methodology, std::string_view text, std::string_view source) {
    const json document = json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return fail(ErrorCode::invalid_input, std::string(source) + ": the scores are not a JSON object");
    core::AgencyScores scores;
    scores.agency_id = document.value("agency_id", "");
    scores.sub_items.resize(methodology.sub_items.size());
    scores.items.resize(methodology.items.size());
    scores.questions.resize(methodology.questions.size());
    scores.sub_indicators.resize(methodology.sub_indicators.size());
    scores.indicators.resize(methodology.indicators.size());

    ITA_TRY(overall, score_at(document, "overall", source, ""));
    scores.overall = overall;
    if (const auto rating = document.find("rating"); rating != document.end() && rating->is_string())
        scores.rating = rating->get<std::string>();
    if (const auto pass = document.find("pass"); pass != document.end() && pass->is_boolean()) scores.pass = pass->get<bool>();
    if (const auto reason = document.find("withheld_reason"); reason != document.end() && reason->is_string())
        scores.withheld_reason = reason->get<std::string>();

    static const json empty = json::object();
    const auto section = [&](const char* key) -> const json& {
        const auto found = document.find(key);
        return found != document.end() && found->is_object() ? *found : empty;
    };
    for (const auto code : core::all_instruments) {
        ITA_TRY(value, score_at(section("instruments"), std::string(core::instrument_code(code)), source, "instruments"));
        scores.instruments[static_cast<std::size_t>(code)] = value;
    }
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        ITA_TRY(value, score_at(section("indicators"), std::to_string(methodology.indicators[index].number), source, "indicators"));
        scores.indicators[index] = value;
    }
    for (std::size_t index = 0; index < methodology.questions.size(); ++index) {
        ITA_TRY(value, score_at(section("questions"), methodology.questions[index].code, source, "questions"));
        scores.questions[index] = value;
    }
    for (std::size_t index = 0; index < methodology.sub_indicators.size(); ++index) {
        ITA_TRY(value, score_at(section("sub_indicators"), methodology.sub_indicators[index].code, source, "sub_indicators"));
        scores.sub_indicators[index] = value;
    }
    const auto& respondents = section("respondents");
    scores.respondents[0] = respondents.value("IIT", 0u);
    scores.respondents[1] = respondents.value("EIT", 0u);
    if (const auto parts = document.find("eit_parts"); parts != document.end() && parts->is_array()) {
        const auto& eit = methodology.instrument(core::Instrument::eit);
        for (const auto& value : *parts) {
            if (!value.is_object() || !value.contains("code") || !value["code"].is_string()) continue;
            core::PartScores part;
            part.code = value["code"].get<std::string>();
            ITA_TRY(score, score_at(value, "score", source, "eit_parts"));
            part.score = score;
            if (const auto count = value.find("respondents"); count != value.end() && count->is_number_unsigned())
                part.respondents = count->get<std::uint32_t>();
            static const json no_indicators = json::object();
            const json& indicators = value.contains("indicators") && value["indicators"].is_object() ? value["indicators"] : no_indicators;
            for (const int number : eit.indicators) {
                ITA_TRY(indicator, score_at(indicators, std::to_string(number), source, "eit_parts"));
                part.indicators.push_back(indicator);
            }
            scores.eit_parts.push_back(std::move(part));
        }
    }
    if (const auto short_sample = document.find("below_minimum_sample"); short_sample != document.end() && short_sample->is_array())
        for (const auto& code : *short_sample)
            if (code.is_string()) scores.below_minimum_sample.push_back(code.get<std::string>());
    return scores;
}

}  // namespace ita::ingest
