// One of the three translation units of ingest with nlohmann-json (slow to compile; the others are
// methodology_authoring.cpp and score_json_reader.cpp).
#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/calendar.hpp>

#include <ita/core/methodology_validation.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/embedded_file.hpp>
#include <ita/util/mapped_file.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

namespace ita::util {
std::span<const EmbeddedFile> embedded_methodology_files();
}

namespace ita::ingest {

namespace {

using core::Methodology;
using nlohmann::json;

// Walks the JSON document, filling the methodology and noting every structural problem with
// its JSON pointer. Semantic checks are left to core::validate_methodology.
class MethodologyBuilder {
public:
    explicit MethodologyBuilder(const std::string& source) : m_problems(source) { m_result.source = source; }

    Result<Methodology> build(const json& document) {
        if (!document.is_object()) {
            m_problems.add(0, "/", "the file must hold one JSON object");
        } else {
            read_header(document);
            read_points(document);
            read_verdict(document);
            read_minimum_sample(document);
            read_analysis(document);
            read_instruments(document);
            read_variants(document);
        }
        if (!m_problems.empty()) return std::unexpected(m_problems.into_error("methodology " + m_result.source + " cannot be read"));
        if (auto valid = core::validate_methodology(m_result); !valid) return std::unexpected(std::move(valid).error());
        m_result.finalize();
        return std::move(m_result);
    }

private:
    void problem(const std::string& path, std::string message) { m_problems.add(0, path, std::move(message)); }

    const json* member(const json& object, const std::string& path, const char* key, bool required) {
        if (object.is_object()) {
            if (const auto found = object.find(key); found != object.end()) return &*found;
        }
        if (required) problem(path + "/" + key, "is missing");
        return nullptr;
    }

    std::string text(const json& object, const std::string& path, const char* key, bool required = true) {
        const json* value = member(object, path, key, required);
        if (!value) return {};
        if (!value->is_string()) {
            problem(path + "/" + key, "must be a string");
            return {};
        }
        return value->get<std::string>();
    }

    std::optional<double> number(const json& object, const std::string& path, const char* key, bool required = true) {
        const json* value = member(object, path, key, required);
        if (!value) return std::nullopt;
        if (!value->is_number()) {
            problem(path + "/" + key, "must be a number");
            return std::nullopt;
        }
        return value->get<double>();
    }

    // A whole number from `low` to `high`; anything else is a problem at its JSON pointer (a
    // double cast to an integer out of its range is undefined behaviour: found by fuzzing).
    std::optional<long long> whole(const json& object, const std::string& path, const char* key, long long low, long long high,
                                   bool required = true) {
        const auto value = number(object, path, key, required);
        if (!value) return std::nullopt;
        if (!(*value >= static_cast<double>(low) && *value <= static_cast<double>(high)) ||
            *value != static_cast<double>(static_cast<long long>(*value))) {
            problem(path + "/" + key, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
            return std::nullopt;
        }
        return static_cast<long long>(*value);
    }

    const json* array(const json& object, const std::string& path, const char* key, bool required = true) {
        const json* value = member(object, path, key, required);
        if (value && !value->is_array()) {
            problem(path + "/" + key, "must be an array");
            return nullptr;
        }
        return value;
    }

    core::Status status(const json& object, const std::string& path, core::Status fallback) {
        const std::string value = text(object, path, "status", false);
        if (value.empty()) return fallback;
        if (const auto parsed = core::parse_status(value)) return *parsed;
        problem(path + "/status", "must be \"verified\" or \"provisional\"");
        return fallback;
    }

    void read_header(const json& document) {
        m_result.fiscal_year =
            static_cast<int>(whole(document, "", "fiscal_year", util::first_fiscal_year, util::last_fiscal_year).value_or(0));
        m_result.version = text(document, "", "version");
        m_result.status = status(document, "", core::Status::provisional);
        if (!member(document, "", "status", false)) problem("/status", "is missing");
        m_result.notes = text(document, "", "notes", false);
        m_result.pass_mark = number(document, "", "pass_mark").value_or(0);
        m_result.national_target_percent = number(document, "", "national_target_percent").value_or(0);
        read_sources(document);
        if (const json* citations = array(document, "", "national_target_sources", false)) {
            for (std::size_t index = 0; index < citations->size(); ++index) {
                const std::string path = "/national_target_sources/" + std::to_string(index);
                const json& value = (*citations)[index];
                m_result.national_target_citations.push_back(
                    {number(value, path, "percent").value_or(0), text(value, path, "source"), text(value, path, "quote", false)});
            }
        }
    }

    // "sources": {"key": "citation", …}; elements name a key in their provenance.
    void read_sources(const json& document) {
        const json* sources = member(document, "", "sources", false);
        if (!sources) return;
        if (!sources->is_object()) {
            problem("/sources", "must be an object of source keys and citations");
            return;
        }
        for (const auto& [key, citation] : sources->items()) {
            if (!citation.is_string() || citation.get<std::string>().empty())
                problem("/sources/" + key, "must be a non-empty citation");
            else
                m_result.sources.emplace(key, citation.get<std::string>());
        }
    }

    // "provenance": {"confidence": "verified|inferred|assumed", "source": key}; absent: `fallback`.
    core::Provenance provenance(const json& object, const std::string& path, core::Confidence fallback) {
        const json* value = member(object, path, "provenance", false);
        if (!value) return {fallback, {}, {}};
        const std::string at = path + "/provenance";
        core::Provenance result{fallback, text(*value, at, "source", false), text(*value, at, "note", false)};
        const std::string confidence = text(*value, at, "confidence");
        if (const auto parsed = core::parse_confidence(confidence))
            result.confidence = *parsed;
        else if (!confidence.empty())
            problem(at + "/confidence", "must be \"verified\", \"inferred\" or \"assumed\"");
        return result;
    }

    template <std::size_t N>
    void read_point_list(const json& points, const char* key, std::array<double, N>& target, bool yes_no) {
        const std::string path = std::string("/points/") + key;
        const json* value = member(points, "/points", key, true);
        if (!value) return;
        if (yes_no) {
            if (!value->is_object()) {
                problem(path, "must be an object {\"yes\": points, \"no\": points}");
                return;
            }
            target[0] = number(*value, path, "yes").value_or(-1);
            target[1] = number(*value, path, "no").value_or(-1);
            return;
        }
        if (!value->is_array() || value->size() != N) {
            problem(path, "must be an array of " + std::to_string(N) + " numbers, for options 1 to " + std::to_string(N));
            return;
        }
        for (std::size_t index = 0; index < N; ++index) {
            if (!(*value)[index].is_number())
                problem(path + "/" + std::to_string(index), "must be a number");
            else
                target[index] = (*value)[index].get<double>();
        }
    }

    void read_points(const json& document) {
        const json* points = member(document, "", "points", true);
        if (!points) return;
        read_point_list(*points, "S", m_result.points.scale, false);
        read_point_list(*points, "S-", m_result.points.scale_reverse, false);
        read_point_list(*points, "YN-", m_result.points.yes_no_absent_scores, true);
        read_point_list(*points, "YN+", m_result.points.yes_no_present_scores, true);
    }

    void read_verdict(const json& document) {
        const json* verdict = member(document, "", "verdict", true);
        if (!verdict) return;
        m_result.verdict_scheme = text(*verdict, "/verdict", "scheme");
        const json* levels = array(*verdict, "/verdict", "levels");
        if (!levels) return;
        for (std::size_t index = 0; index < levels->size(); ++index) {
            const std::string path = "/verdict/levels/" + std::to_string(index);
            const json& level = (*levels)[index];
            core::VerdictLevel parsed;
            parsed.label = text(level, path, "label");
            parsed.min_overall = number(level, path, "min_overall").value_or(0);
            parsed.min_each_instrument = number(level, path, "min_each_instrument", false);
            m_result.verdict_levels.push_back(std::move(parsed));
        }
    }

    void read_minimum_sample(const json& document) {
        const json* sample = member(document, "", "minimum_sample", true);
        if (!sample) return;
        auto& rule = m_result.minimum_sample;
        rule.status = status(*sample, "/minimum_sample", core::Status::provisional);
        if (const json* rows = array(*sample, "/minimum_sample", "iit")) {
            for (std::size_t index = 0; index < rows->size(); ++index) {
                const std::string path = "/minimum_sample/iit/" + std::to_string(index);
                core::MinimumSampleRow row;
                if (const auto max = whole((*rows)[index], path, "headcount_max", 1, 10'000'000, false)) row.headcount_max = *max;
                row.minimum = whole((*rows)[index], path, "minimum", 1, 10'000'000).value_or(0);
                rule.iit.push_back(row);
            }
        }
        if (const json* eit = member(*sample, "/minimum_sample", "eit", true)) {
            rule.eit_default = whole(*eit, "/minimum_sample/eit", "default", 1, 10'000'000).value_or(0);
            if (const json* by_type = member(*eit, "/minimum_sample/eit", "by_type", false); by_type && by_type->is_object()) {
                for (const auto& [type, minimum] : by_type->items())
                    if (const auto value = whole(*by_type, "/minimum_sample/eit/by_type", type.c_str(), 1, 10'000'000))
                        rule.eit_by_type[type] = *value;
            }
        }
    }

    // Optional: the defaults of core::AnalysisRules apply when the file has no "analysis".
    void read_analysis(const json& document) {
        const json* analysis = member(document, "", "analysis", false);
        if (!analysis) return;
        auto& rules = m_result.analysis;
        if (const auto value = whole(*analysis, "/analysis", "weakest_count", 0, 100, false))
            rules.weakest_count = static_cast<std::size_t>(*value);
        if (const auto value = whole(*analysis, "/analysis", "strongest_count", 0, 100, false))
            rules.strongest_count = static_cast<std::size_t>(*value);
        if (const auto value = number(*analysis, "/analysis", "very_strong_min", false)) rules.very_strong_min = *value;
    }

    std::vector<std::string> strings(const json& object, const std::string& path, const char* key) {
        std::vector<std::string> values;
        if (const json* list = array(object, path, key, false))
            for (const auto& value : *list) {
                if (value.is_string() && !value.get<std::string>().empty())
                    values.push_back(value.get<std::string>());
                else
                    problem(path + "/" + key, "must list non-empty strings");
            }
        return values;
    }

    // "oit_variants": [{"code": "MOIT", "name": …, "agency_types": […], "provenance": …}].
    void read_variants(const json& document) {
        const json* variants = array(document, "", "oit_variants", false);
        if (!variants) return;
        for (std::size_t index = 0; index < variants->size(); ++index) {
            const std::string path = "/oit_variants/" + std::to_string(index);
            const json& value = (*variants)[index];
            core::OitVariant variant;
            variant.path = path;
            variant.code = text(value, path, "code");
            variant.name = text(value, path, "name");
            variant.agency_types = strings(value, path, "agency_types");
            if (variant.agency_types.empty()) problem(path + "/agency_types", "must name the agency types that answer this list");
            variant.provenance = provenance(value, path, core::Confidence::assumed);
            m_result.oit_variants.push_back(std::move(variant));
        }
    }

    void read_instruments(const json& document) {
        const json* instruments = array(document, "", "instruments");
        if (!instruments) return;
        for (std::size_t index = 0; index < instruments->size(); ++index)
            read_instrument((*instruments)[index], "/instruments/" + std::to_string(index));
    }

    void read_instrument(const json& value, const std::string& path) {
        core::InstrumentSpec instrument;
        instrument.path = path;
        const std::string code = text(value, path, "code");
        const auto parsed = core::parse_instrument(code);
        if (!parsed && !code.empty()) problem(path + "/code", "must be IIT, EIT or OIT");
        instrument.code = parsed.value_or(core::Instrument::iit);
        instrument.name = text(value, path, "name");
        instrument.weight = number(value, path, "weight").value_or(0);
        if (const json* indicators = array(value, path, "indicators")) {
            for (std::size_t index = 0; index < indicators->size(); ++index) {
                const int number = read_indicator((*indicators)[index], path + "/indicators/" + std::to_string(index), instrument.code);
                instrument.indicators.push_back(number);
            }
        }
        if (const json* parts = array(value, path, "parts", false)) {
            for (std::size_t index = 0; index < parts->size(); ++index) {
                const std::string part_path = path + "/parts/" + std::to_string(index);
                const json& part_value = (*parts)[index];
                core::InstrumentPart part;
                part.path = part_path;
                part.code = text(part_value, part_path, "code");
                part.name = text(part_value, part_path, "name");
                part.weight = number(part_value, part_path, "weight").value_or(0);
                if (const json* numbers = array(part_value, part_path, "indicators")) {
                    for (const auto& number : *numbers) {
                        if (number.is_number_integer() && number.get<long long>() >= 1 && number.get<long long>() <= 1000)
                            part.indicators.push_back(static_cast<int>(number.get<long long>()));
                        else
                            problem(part_path + "/indicators", "must list indicator numbers");
                    }
                }
                instrument.parts.push_back(std::move(part));
            }
        }
        if (const json* parts = member(value, path, "respondent_parts", false))
            instrument.respondent_parts = read_respondent_parts(*parts, path + "/respondent_parts");
        m_result.instruments.push_back(std::move(instrument));
    }

    // "respondent_parts": {"rule": "pooled|weighted", "provenance": …, "parts": [{"code": "1",
    // "name": …, "channel": "self|collected", "weight": 0.5}, …]}.
    core::RespondentParts read_respondent_parts(const json& value, const std::string& path) {
        core::RespondentParts result;
        result.path = path;
        if (!value.is_object()) {
            problem(path, "must be an object with rule and parts");
            return result;
        }
        const std::string rule = text(value, path, "rule");
        if (const auto parsed = core::parse_part_rule(rule))
            result.rule = *parsed;
        else if (!rule.empty())
            problem(path + "/rule", "must be \"pooled\" or \"weighted\"");
        result.provenance = provenance(value, path, core::Confidence::assumed);
        const json* parts = array(value, path, "parts");
        if (!parts) return result;
        for (std::size_t index = 0; index < parts->size(); ++index) {
            const std::string part_path = path + "/parts/" + std::to_string(index);
            const json& part_value = (*parts)[index];
            core::RespondentPart part;
            part.path = part_path;
            part.code = text(part_value, part_path, "code");
            part.name = text(part_value, part_path, "name");
            const std::string channel = text(part_value, part_path, "channel");
            if (const auto parsed = core::parse_part_channel(channel))
                part.channel = *parsed;
            else if (!channel.empty())
                problem(part_path + "/channel", "must be \"self\" (the public link or QR code) or \"collected\" (imported)");
            part.weight = number(part_value, part_path, "weight", false).value_or(0);
            result.parts.push_back(std::move(part));
        }
        return result;
    }

    int read_indicator(const json& value, const std::string& path, core::Instrument instrument) {
        core::Indicator indicator;
        indicator.path = path;
        indicator.instrument = instrument;
        indicator.number = static_cast<int>(whole(value, path, "number", 1, 1000).value_or(0));
        indicator.name = text(value, path, "name");
        const bool is_oit = instrument == core::Instrument::oit;
        if (const json* questions = array(value, path, "questions", !is_oit))
            for (std::size_t index = 0; index < questions->size(); ++index)
                indicator.questions.push_back(read_question((*questions)[index], path + "/questions/" + std::to_string(index), indicator));
        if (const json* sub_indicators = array(value, path, "sub_indicators", is_oit))
            for (std::size_t index = 0; index < sub_indicators->size(); ++index)
                indicator.sub_indicators.push_back(
                    read_sub_indicator((*sub_indicators)[index], path + "/sub_indicators/" + std::to_string(index), indicator.number));
        m_result.indicators.push_back(std::move(indicator));
        return m_result.indicators.back().number;
    }

    std::size_t read_question(const json& value, const std::string& path, const core::Indicator& indicator) {
        core::Question question;
        question.path = path;
        question.code = text(value, path, "code");
        question.text = text(value, path, "text");
        question.instrument = indicator.instrument;
        question.indicator = indicator.number;
        // Older files mark unsourced wording "status": "provisional"; newer ones say where it comes from.
        const core::Status wording = status(value, path, core::Status::verified);
        question.provenance =
            provenance(value, path, wording == core::Status::verified ? core::Confidence::verified : core::Confidence::assumed);
        if (member(value, path, "status", false) && member(value, path, "provenance", false) &&
            (wording == core::Status::verified) != question.provenance.is_official())
            problem(path + "/status", "contradicts /provenance/confidence: give one of them");
        const std::string kind_text = text(value, path, "kind");
        const auto kind = core::parse_answer_kind(kind_text);
        if (!kind && !kind_text.empty()) problem(path + "/kind", "must be S, S-, YN- or YN+");
        const std::size_t question_index = m_result.questions.size();
        if (const json* sub_items = array(value, path, "sub_items", false); sub_items && !sub_items->empty()) {
            for (std::size_t index = 0; index < sub_items->size(); ++index) {
                const std::string sub_path = path + "/sub_items/" + std::to_string(index);
                const json& sub_value = (*sub_items)[index];
                core::SubItem sub_item;
                sub_item.path = sub_path;
                sub_item.code = question.code + "." + std::to_string(index + 1);
                sub_item.text = text(sub_value, sub_path, "text");
                sub_item.question = question_index;
                sub_item.kind = kind.value_or(core::AnswerKind::scale);
                if (const std::string own_kind = text(sub_value, sub_path, "kind", false); !own_kind.empty()) {
                    if (const auto parsed = core::parse_answer_kind(own_kind))
                        sub_item.kind = *parsed;
                    else
                        problem(sub_path + "/kind", "must be S, S-, YN- or YN+");
                }
                question.sub_items.push_back(m_result.sub_items.size());
                m_result.sub_items.push_back(std::move(sub_item));
            }
        } else {
            question.sub_items.push_back(m_result.sub_items.size());
            m_result.sub_items.push_back(core::SubItem{question.code, {}, kind.value_or(core::AnswerKind::scale), question_index, path});
        }
        m_result.questions.push_back(std::move(question));
        return question_index;
    }

    std::size_t read_sub_indicator(const json& value, const std::string& path, int indicator_number) {
        core::SubIndicator sub_indicator;
        sub_indicator.path = path;
        sub_indicator.code = text(value, path, "code");
        sub_indicator.name = text(value, path, "name");
        sub_indicator.indicator = indicator_number;
        const std::size_t sub_indicator_index = m_result.sub_indicators.size();
        if (const json* items = array(value, path, "items")) {
            for (std::size_t index = 0; index < items->size(); ++index) {
                const std::string item_path = path + "/items/" + std::to_string(index);
                const json& item_value = (*items)[index];
                core::OitItem item;
                item.path = item_path;
                item.code = text(item_value, item_path, "code");
                item.name = text(item_value, item_path, "name");
                item.sub_indicator = sub_indicator_index;
                // Without a provenance an item is as sure as its year.
                item.provenance =
                    provenance(item_value, item_path,
                               m_result.status == core::Status::verified ? core::Confidence::verified : core::Confidence::assumed);
                item.variant = text(item_value, item_path, "variant", false);
                item.agency_types = strings(item_value, item_path, "agency_types");
                if (const json* requirements = array(item_value, item_path, "requirements", false))
                    for (std::size_t at = 0; at < requirements->size(); ++at) {
                        const std::string requirement_path = item_path + "/requirements/" + std::to_string(at);
                        core::ItemRequirement requirement{strings((*requirements)[at], requirement_path, "agency_types"),
                                                          text((*requirements)[at], requirement_path, "text")};
                        if (requirement.agency_types.empty())
                            problem(requirement_path + "/agency_types", "must name at least one agency type");
                        item.requirements.push_back(std::move(requirement));
                    }
                if (const auto found = item_value.find("evidence"); found != item_value.end())
                    read_evidence(*found, item_path + "/evidence", item);
                sub_indicator.items.push_back(m_result.items.size());
                m_result.items.push_back(std::move(item));
            }
        }
        m_result.sub_indicators.push_back(std::move(sub_indicator));
        return sub_indicator_index;
    }

    // What the evidence checker looks for: {"keywords": [...], "period": "fiscal_year"}.
    void read_evidence(const json& value, const std::string& path, core::OitItem& item) {
        if (!value.is_object()) {
            problem(path, "must be an object with keywords and period");
            return;
        }
        if (const json* keywords = array(value, path, "keywords", false)) {
            for (const auto& keyword : *keywords) {
                if (keyword.is_string() && !keyword.get<std::string>().empty())
                    item.keywords.push_back(keyword.get<std::string>());
                else
                    problem(path + "/keywords", "must list words as non-empty strings");
            }
        }
        if (const auto found = value.find("signs"); found != value.end()) read_signs(*found, path + "/signs", item.signs);
        if (const auto found = value.find("online_service"); found != value.end()) {
            if (found->is_boolean())
                item.online_service = found->get<bool>();
            else
                problem(path + "/online_service", "must be true or false");
        }
        static constexpr std::pair<std::string_view, core::EvidencePeriod> periods[] = {
            {"standing", core::EvidencePeriod::standing},
            {"fiscal_year", core::EvidencePeriod::fiscal_year},
            {"previous_year", core::EvidencePeriod::previous_year},
            {"six_month", core::EvidencePeriod::six_month},
            {"monthly", core::EvidencePeriod::monthly},
            {"span", core::EvidencePeriod::span}};
        const std::string period = text(value, path, "period", false);
        if (period.empty()) return;
        const auto* found = std::find_if(std::begin(periods), std::end(periods), [&](const auto& entry) { return entry.first == period; });
        if (found == std::end(periods))
            problem(path + "/period", "must be standing, fiscal_year, previous_year, six_month, monthly or span");
        else
            item.period = found->second;
    }

    // {"words": [...], "at_least": 3}: a test for evidence that keywords do not fit.
    void read_signs(const json& value, const std::string& path, core::EvidenceSigns& signs) {
        if (!value.is_object()) {
            problem(path, "must be an object with words and at_least");
            return;
        }
        if (const json* words = array(value, path, "words", true))
            for (const auto& word : *words) {
                if (word.is_string() && !word.get<std::string>().empty())
                    signs.words.push_back(word.get<std::string>());
                else
                    problem(path + "/words", "must list words as non-empty strings");
            }
        const auto least = value.find("at_least");
        if (least == value.end() || !least->is_number_integer() || least->get<int>() < 1 || least->get<std::size_t>() > signs.words.size())
            problem(path + "/at_least", "must be a whole number from 1 to the number of words");
        else
            signs.at_least = least->get<int>();
    }

    Methodology m_result;
    util::DiagnosticList m_problems;
};

std::string file_name_for(int fiscal_year) { return "ita-" + std::to_string(fiscal_year) + ".json"; }

}  // namespace

Result<Methodology> parse_methodology(std::string_view json_text, const std::string& source) {
    json document;
    try {
        document = json::parse(json_text);
    } catch (const json::parse_error& error) {
        return fail(ErrorCode::invalid_input, source + ": not valid JSON (byte " + std::to_string(error.byte) + "): " + error.what());
    } catch (const json::exception& error) {  // a number out of range (found by fuzz_methodology)
        return fail(ErrorCode::invalid_input, source + ": not valid JSON: " + error.what());
    }
    return MethodologyBuilder(source).build(document);
}

namespace {

// The compiled-in methodology of a year, parsed once per process: it cannot change, and a
// server reads it on every survey submission.
Result<Methodology> embedded_methodology(int fiscal_year, const std::string& name) {
    static std::mutex mutex;
    static std::map<int, Methodology> parsed;
    {
        const std::scoped_lock lock(mutex);
        if (const auto found = parsed.find(fiscal_year); found != parsed.end()) return found->second;
    }
    for (const auto& file : util::embedded_methodology_files())
        if (file.name == name) {
            ITA_TRY(methodology, parse_methodology(file.content, "embedded:" + name));
            const std::scoped_lock lock(mutex);
            return parsed.emplace(fiscal_year, std::move(methodology)).first->second;
        }
    return fail(ErrorCode::not_found, "");
}

}  // namespace

Result<Methodology> load_methodology(int fiscal_year, const std::optional<std::string>& override_dir) {
    const std::string name = file_name_for(fiscal_year);
    Result<Methodology> loaded = fail(ErrorCode::not_found, "");
    if (override_dir) {
        const auto path = std::filesystem::path(*override_dir) / name;
        if (std::filesystem::exists(path)) {
            ITA_TRY(text, util::read_file(path.string()));
            loaded = parse_methodology(text, path.string());
        }
    }
    if (!loaded && loaded.error().code == ErrorCode::not_found) loaded = embedded_methodology(fiscal_year, name);
    if (!loaded && loaded.error().code == ErrorCode::not_found) {
        std::string known;
        for (const int year : embedded_methodology_years()) known += (known.empty() ? "" : ", ") + std::to_string(year);
        return fail(ErrorCode::not_found, "no methodology for fiscal year " + std::to_string(fiscal_year) + " (known: " + known + ")");
    }
    if (loaded && loaded->fiscal_year != fiscal_year)
        return fail(ErrorCode::invalid_input, loaded->source + ": /fiscal_year: is " + std::to_string(loaded->fiscal_year) +
                                                  " but the file is for " + std::to_string(fiscal_year));
    return loaded;
}

Result<std::string> methodology_text(int fiscal_year, const std::optional<std::string>& override_dir) {
    const std::string name = file_name_for(fiscal_year);
    if (override_dir) {
        const auto path = std::filesystem::path(*override_dir) / name;
        if (std::filesystem::exists(path)) return util::read_file(path.string());
    }
    for (const auto& file : util::embedded_methodology_files())
        if (file.name == name) return std::string(file.content);
    return fail(ErrorCode::not_found, "no methodology for fiscal year " + std::to_string(fiscal_year));
}

namespace {

constexpr std::string_view guidance_name = "guidance-th.json";

// The guidance file's text and where it came from.
Result<std::pair<std::string, std::string>> guidance_text(const std::optional<std::string>& override_dir) {
    if (override_dir && std::filesystem::exists(std::filesystem::path(*override_dir) / guidance_name)) {
        const std::string source = (std::filesystem::path(*override_dir) / guidance_name).string();
        ITA_TRY(read, util::read_file(source));
        return std::pair{std::move(read), source};
    }
    for (const auto& file : util::embedded_methodology_files())
        if (file.name == guidance_name) return std::pair{std::string(file.content), "embedded:" + std::string(guidance_name)};
    return std::pair{std::string(), "embedded:" + std::string(guidance_name)};
}

Result<core::Guidance> parse_guidance(const std::string& text, const std::string& source) {
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& error) {
        return fail(ErrorCode::invalid_input, source + ": not valid JSON (byte " + std::to_string(error.byte) + ")");
    } catch (const json::exception& error) {
        return fail(ErrorCode::invalid_input, source + ": not valid JSON: " + error.what());
    }
    core::Guidance guidance;
    util::DiagnosticList problems(source);
    const auto read_table = [&](const char* key, std::map<std::string, core::GuidanceText>& table) {
        const auto found = document.find(key);
        if (found == document.end() || !found->is_object()) {
            problems.add(0, std::string("/") + key, "must be an object of code → {improve, maintain}");
            return;
        }
        for (const auto& [code, entry] : found->items()) {
            const std::string path = std::string("/") + key + "/" + code;
            if (!entry.is_object() || !entry.contains("improve") || !entry["improve"].is_string() || !entry.contains("maintain") ||
                !entry["maintain"].is_string()) {
                problems.add(0, path, "must have the strings \"improve\" and \"maintain\"");
                continue;
            }
            table[code] = {entry["improve"].get<std::string>(), entry["maintain"].get<std::string>()};
        }
    };
    read_table("indicators", guidance.indicators);
    read_table("sub_indicators", guidance.sub_indicators);
    read_table("questions", guidance.questions);
    read_table("items", guidance.items);
    if (!problems.empty()) return std::unexpected(problems.into_error("guidance " + source + " is invalid"));
    return guidance;
}

}  // namespace

Result<core::Guidance> load_guidance(const std::optional<std::string>& override_dir) {
    ITA_TRY(text, guidance_text(override_dir));
    return parse_guidance(text.first, text.second);
}

Result<std::shared_ptr<const core::Guidance>> shared_guidance(const std::optional<std::string>& override_dir) {
    // Parsed once per text: a server writing reports all day reads the same file (an edited file
    // is new text, parsed again; the cache keeps the latest few).
    static std::mutex lock;
    static std::map<std::string, std::shared_ptr<const core::Guidance>> parsed;
    ITA_TRY(text, guidance_text(override_dir));
    std::string key = text.second + '\0' + text.first;
    {
        const std::lock_guard guard(lock);
        if (const auto found = parsed.find(key); found != parsed.end()) return found->second;
    }
    ITA_TRY(guidance, parse_guidance(text.first, text.second));
    auto shared = std::make_shared<const core::Guidance>(std::move(guidance));
    const std::lock_guard guard(lock);
    if (parsed.size() >= 4) parsed.clear();
    parsed.emplace(std::move(key), shared);
    return shared;
}

std::vector<int> embedded_methodology_years() {
    std::vector<int> years;
    for (const auto& file : util::embedded_methodology_files()) {
        std::string_view name = file.name;
        if (name.starts_with("ita-") && name.ends_with(".json")) years.push_back(std::stoi(std::string(name.substr(4, 4))));
    }
    std::sort(years.begin(), years.end());
    return years;
}

}  // namespace ita::ingest
