#include <ita/core/methodology_validation.hpp>

#include <ita/util/calendar.hpp>
#include <ita/util/diagnostics.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

namespace ita::core {

namespace {

constexpr double weight_tolerance = 1e-9;

char code_prefix(Instrument instrument) {
    switch (instrument) {
        case Instrument::iit: return 'I';
        case Instrument::eit: return 'E';
        case Instrument::oit: return 'O';
    }
    return '?';
}

class Validator {
public:
    explicit Validator(const Methodology& methodology) : m_methodology(methodology), m_problems(methodology.source) {}

    Result<void> run() {
        check_header();
        check_points();
        check_verdicts();
        check_instruments();
        check_indicators();
        check_codes();
        check_minimum_sample();
        check_provenance();
        check_variants();
        if (m_problems.empty()) return {};
        return std::unexpected(m_problems.into_error("methodology " + m_methodology.source + " is invalid (" +
                                                     std::to_string(m_problems.count()) + " problems)"));
    }

private:
    void problem(const std::string& path, std::string message) { m_problems.add(0, path.empty() ? "/" : path, std::move(message)); }

    void check_header() {
        if (m_methodology.fiscal_year < util::first_fiscal_year || m_methodology.fiscal_year > util::last_fiscal_year)
            problem("/fiscal_year", "must be a Buddhist-era year such as 2565");
        if (m_methodology.version.empty()) problem("/version", "must not be empty");
        if (!(m_methodology.pass_mark > 0 && m_methodology.pass_mark <= 100)) problem("/pass_mark", "must be above 0 and at most 100");
        if (!(m_methodology.national_target_percent > 0 && m_methodology.national_target_percent <= 100))
            problem("/national_target_percent", "must be above 0 and at most 100");
    }

    void check_points() {
        const auto check = [&](std::string_view name, const auto& values) {
            for (std::size_t index = 0; index < values.size(); ++index)
                if (!(values[index] >= 0 && values[index] <= 100))
                    problem("/points/" + std::string(name) + "/" + std::to_string(index), "points must be within 0–100");
        };
        const auto& points = m_methodology.points;
        check("S", points.scale);
        check("S-", points.scale_reverse);
        check("YN-", points.yes_no_absent_scores);
        check("YN+", points.yes_no_present_scores);
    }

    void check_verdicts() {
        const auto& levels = m_methodology.verdict_levels;
        if (levels.empty()) {
            problem("/verdict/levels", "must list at least one level");
            return;
        }
        for (std::size_t index = 0; index < levels.size(); ++index) {
            const std::string path = "/verdict/levels/" + std::to_string(index);
            if (levels[index].label.empty()) problem(path + "/label", "must not be empty");
            if (index > 0 && levels[index].min_overall > levels[index - 1].min_overall)
                problem(path + "/min_overall", "levels must be listed from the highest minimum to the lowest");
        }
        if (levels.back().min_overall != 0 || levels.back().min_each_instrument)
            problem("/verdict/levels/" + std::to_string(levels.size() - 1),
                    "the last level must take every score (min_overall 0, no other condition)");
    }

    void check_instruments() {
        std::set<Instrument> seen;
        double weight_sum = 0;
        for (const auto& instrument : m_methodology.instruments) {
            if (!seen.insert(instrument.code).second) problem(instrument.path + "/code", "instrument listed twice");
            if (!(instrument.weight > 0 && instrument.weight <= 1)) problem(instrument.path + "/weight", "must be above 0 and at most 1");
            weight_sum += instrument.weight;
            if (instrument.indicators.empty()) problem(instrument.path + "/indicators", "an instrument needs at least one indicator");
            check_parts(instrument);
            check_respondent_parts(instrument);
        }
        for (const auto code : all_instruments)
            if (!seen.contains(code)) problem("/instruments", "instrument " + std::string(instrument_code(code)) + " is missing");
        if (std::abs(weight_sum - 1.0) > weight_tolerance)
            problem("/instruments", "instrument weights sum to " + std::to_string(weight_sum) + ", not 1");
    }

    void check_parts(const InstrumentSpec& instrument) {
        if (instrument.parts.empty()) return;
        double weight_sum = 0;
        std::multiset<int> covered;
        for (const auto& part : instrument.parts) {
            weight_sum += part.weight;
            if (!(part.weight > 0 && part.weight <= 1)) problem(part.path + "/weight", "must be above 0 and at most 1");
            if (part.indicators.empty()) problem(part.path + "/indicators", "a part needs at least one indicator");
            for (const int number : part.indicators) {
                covered.insert(number);
                if (std::find(instrument.indicators.begin(), instrument.indicators.end(), number) == instrument.indicators.end())
                    problem(part.path + "/indicators", "indicator " + std::to_string(number) + " is not an indicator of this instrument");
            }
        }
        if (std::abs(weight_sum - 1.0) > weight_tolerance)
            problem(instrument.path + "/parts", "part weights sum to " + std::to_string(weight_sum) + ", not 1");
        for (const int number : instrument.indicators)
            if (covered.count(number) != 1)
                problem(instrument.path + "/parts", "indicator " + std::to_string(number) + " must be in exactly one part");
    }

    // Parts of the EIT's respondents: codes a responses file can carry, one part the public
    // link answers, and weights that sum to 1 when the rule weighs them.
    void check_respondent_parts(const InstrumentSpec& instrument) {
        const auto& respondent_parts = instrument.respondent_parts;
        if (respondent_parts.path.empty()) return;
        if (instrument.code != Instrument::eit) {
            problem(respondent_parts.path, "only the EIT has respondent parts (staff answer the IIT as one group, anonymously)");
            return;
        }
        if (!instrument.parts.empty()) problem(respondent_parts.path, "an instrument has either parts of indicators or respondent parts");
        if (respondent_parts.parts.size() < 2) problem(respondent_parts.path + "/parts", "needs at least two parts");
        std::set<std::string> codes;
        std::size_t self_answered = 0;
        double weight_sum = 0;
        const bool weighted = respondent_parts.rule == PartRule::weighted;
        for (const auto& part : respondent_parts.parts) {
            if (!is_part_code(part.code))
                problem(part.path + "/code", "must be 1 to 8 letters or digits (it is a column value in responses files)");
            else if (!codes.insert(part.code).second)
                problem(part.path + "/code", "part " + part.code + " is listed twice");
            if (part.channel == PartChannel::self) ++self_answered;
            if (weighted) {
                weight_sum += part.weight;
                if (!(part.weight > 0 && part.weight <= 1)) problem(part.path + "/weight", "must be above 0 and at most 1 (rule weighted)");
            } else if (part.weight != 0) {
                problem(part.path + "/weight", "is used only by the rule weighted; pooled counts every respondent once");
            }
        }
        if (self_answered != 1)
            problem(respondent_parts.path + "/parts",
                    "exactly one part must have channel \"self\": the one the public link and QR code answer");
        if (weighted && std::abs(weight_sum - 1.0) > weight_tolerance)
            problem(respondent_parts.path + "/parts", "part weights sum to " + std::to_string(weight_sum) + ", not 1");
    }

    static bool is_part_code(const std::string& code) {
        return !code.empty() && code.size() <= 8 &&
               std::all_of(code.begin(), code.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    }

    void check_indicators() {
        std::set<int> numbers;
        for (const auto& indicator : m_methodology.indicators) {
            if (!numbers.insert(indicator.number).second) problem(indicator.path + "/number", "indicator number used twice");
            if (indicator.name.empty()) problem(indicator.path + "/name", "must not be empty");
            if (indicator.instrument == Instrument::oit) {
                if (!indicator.questions.empty())
                    problem(indicator.path + "/questions", "an OIT indicator has sub-indicators, not questions");
                if (indicator.sub_indicators.empty())
                    problem(indicator.path + "/sub_indicators", "an OIT indicator needs at least one sub-indicator");
            } else {
                if (!indicator.sub_indicators.empty())
                    problem(indicator.path + "/sub_indicators", "only OIT indicators have sub-indicators");
                if (indicator.questions.empty()) problem(indicator.path + "/questions", "an indicator needs at least one question");
            }
        }
        for (const auto& sub_indicator : m_methodology.sub_indicators)
            if (sub_indicator.items.empty()) problem(sub_indicator.path + "/items", "a sub-indicator needs at least one item");
        for (const auto& question : m_methodology.questions) {
            if (question.sub_items.empty()) problem(question.path, "a question needs at least one sub-item");
            if (question.text.empty()) problem(question.path + "/text", "must not be empty");
        }
    }

    template <typename Element>
    void check_unique_codes(const std::vector<Element>& elements, std::string_view what, char prefix) {
        std::set<std::string> codes;
        for (const auto& element : elements) {
            if (element.code.empty()) {
                problem(element.path + "/code", "must not be empty");
                continue;
            }
            if (!codes.insert(element.code).second)
                problem(element.path + "/code", std::string(what) + " code " + element.code + " is used twice");
            if (prefix != 0 && element.code.front() != prefix)
                problem(element.path + "/code", std::string(what) + " code " + element.code + " must start with " + std::string(1, prefix));
        }
    }

    void check_codes() {
        check_unique_codes(m_methodology.sub_items, "sub-item", 0);
        check_unique_codes(m_methodology.sub_indicators, "sub-indicator", 0);
        check_unique_codes(m_methodology.items, "item", 0);
        for (const auto& item : m_methodology.items)  // a variant's list has its own codes (MOIT1)
            if (item.variant.empty() && !item.code.empty() && item.code.front() != 'O')
                problem(item.path + "/code", "item code " + item.code + " must start with O");
        std::set<std::string> codes;
        for (const auto& question : m_methodology.questions) {
            if (!codes.insert(question.code).second) problem(question.path + "/code", "question code " + question.code + " is used twice");
            if (question.code.empty() || question.code.front() != code_prefix(question.instrument))
                problem(question.path + "/code",
                        "question code " + question.code + " must start with " + std::string(1, code_prefix(question.instrument)));
        }
    }

    // Every source named must be listed; the national target used must be one a source gives.
    void check_provenance() {
        const auto check_source = [&](const std::string& key, const std::string& path) {
            if (!key.empty() && !m_methodology.sources.contains(key))
                problem(path, "names source \"" + key + "\", which /sources does not list");
        };
        for (const auto& question : m_methodology.questions) check_source(question.provenance.source, question.path + "/provenance/source");
        for (const auto& item : m_methodology.items) check_source(item.provenance.source, item.path + "/provenance/source");
        for (const auto& variant : m_methodology.oit_variants) check_source(variant.provenance.source, variant.path + "/provenance/source");
        for (const auto& instrument : m_methodology.instruments)
            if (!instrument.respondent_parts.empty())
                check_source(instrument.respondent_parts.provenance.source, instrument.respondent_parts.path + "/provenance/source");
        const auto& citations = m_methodology.national_target_citations;
        bool chosen_is_cited = citations.empty();
        for (std::size_t index = 0; index < citations.size(); ++index) {
            const std::string path = "/national_target_sources/" + std::to_string(index);
            if (!(citations[index].percent > 0 && citations[index].percent <= 100))
                problem(path + "/percent", "must be above 0 and at most 100");
            check_source(citations[index].source, path + "/source");
            chosen_is_cited = chosen_is_cited || citations[index].percent == m_methodology.national_target_percent;
        }
        if (!chosen_is_cited) problem("/national_target_percent", "must be one of the percentages /national_target_sources cites");
    }

    // A variant is answered by the agency types it names, each in one variant only, and has items.
    void check_variants() {
        std::set<std::string> codes;
        std::set<std::string> types;
        for (const auto& variant : m_methodology.oit_variants) {
            if (variant.code.empty() || !codes.insert(variant.code).second)
                problem(variant.path + "/code", "must be a code no other variant uses");
            for (const auto& type : variant.agency_types)
                if (!types.insert(type).second) problem(variant.path + "/agency_types", "agency type " + type + " is in two variants");
            const bool has_items = std::any_of(m_methodology.items.begin(), m_methodology.items.end(),
                                               [&](const OitItem& item) { return item.variant == variant.code; });
            if (!has_items) problem(variant.path, "no OIT item names variant " + variant.code);
        }
        for (const auto& item : m_methodology.items) {
            if (!item.variant.empty() && !codes.contains(item.variant))
                problem(item.path + "/variant", "names variant " + item.variant + ", which /oit_variants does not list");
            for (std::size_t index = 0; index < item.requirements.size(); ++index)
                if (item.requirements[index].text.empty())
                    problem(item.path + "/requirements/" + std::to_string(index) + "/text", "must not be empty");
        }
    }

    void check_minimum_sample() {
        const auto& rows = m_methodology.minimum_sample.iit;
        for (std::size_t index = 0; index < rows.size(); ++index) {
            const std::string path = "/minimum_sample/iit/" + std::to_string(index);
            if (rows[index].minimum < 0) problem(path + "/minimum", "must not be negative");
            if (index + 1 < rows.size() && !rows[index].headcount_max)
                problem(path + "/headcount_max", "only the last row may leave headcount_max out");
            if (index > 0 && rows[index].headcount_max && rows[index - 1].headcount_max &&
                *rows[index].headcount_max <= *rows[index - 1].headcount_max)
                problem(path + "/headcount_max", "rows must be in increasing order of headcount");
        }
        if (m_methodology.minimum_sample.eit_default < 0) problem("/minimum_sample/eit/default", "must not be negative");
    }

    const Methodology& m_methodology;
    util::DiagnosticList m_problems;
};

}  // namespace

Result<void> validate_methodology(const Methodology& methodology) { return Validator(methodology).run(); }

}  // namespace ita::core
