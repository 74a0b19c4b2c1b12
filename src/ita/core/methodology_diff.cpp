#include <ita/core/methodology_diff.hpp>

#include <ita/util/decimal.hpp>

#include <array>
#include <functional>
#include <unordered_map>

namespace ita::core {

namespace {

std::string number(double value) { return util::format_shortest(value); }

std::string joined(const std::vector<std::string>& parts, std::string_view separator = ", ") {
    std::string text;
    for (const auto& part : parts) text += (text.empty() ? "" : std::string(separator)) + part;
    return text;
}

std::string verdict_rules(const Methodology& methodology) {
    std::vector<std::string> levels;
    levels.reserve(methodology.verdict_levels.size());
    for (const auto& level : methodology.verdict_levels) {
        std::string text = level.label + " ≥ " + number(level.min_overall);
        if (level.min_each_instrument) text += " (each instrument ≥ " + number(*level.min_each_instrument) + ")";
        levels.push_back(text);
    }
    return methodology.verdict_scheme + ": " + joined(levels, "; ");
}

std::string minimum_samples(const Methodology& methodology) {
    std::vector<std::string> rows;
    rows.reserve(methodology.minimum_sample.iit.size() + 1 + methodology.minimum_sample.eit_by_type.size());
    for (const auto& row : methodology.minimum_sample.iit)
        rows.push_back("IIT " + (row.headcount_max ? "≤ " + std::to_string(*row.headcount_max) : std::string("more")) + ": " +
                       std::to_string(row.minimum));
    rows.push_back("EIT " + std::to_string(methodology.minimum_sample.eit_default));
    for (const auto& [type, minimum] : methodology.minimum_sample.eit_by_type)
        rows.push_back("EIT " + type + ": " + std::to_string(minimum));
    return joined(rows, "; ");
}

std::string instrument_rule(const InstrumentSpec& spec) {
    std::string text = "weight " + number(spec.weight);
    std::vector<std::string> parts;
    parts.reserve(spec.parts.size());
    for (const auto& part : spec.parts) parts.push_back(part.code + " " + number(part.weight));
    if (!parts.empty()) text += ", parts " + joined(parts);
    return text;
}

std::string indicator_label(int number) { return "indicator " + std::to_string(number); }

std::string sub_items_of(const Methodology& methodology, const Question& question) {
    std::vector<std::string> codes;
    codes.reserve(question.sub_items.size());
    for (const auto index : question.sub_items)
        codes.push_back(methodology.sub_items[index].code + " " + std::string(answer_kind_code(methodology.sub_items[index].kind)));
    return joined(codes);
}

std::string evidence_rule(const OitItem& item) {
    static constexpr std::array<std::string_view, 6> periods{"standing", "fiscal_year", "previous_year", "six_month", "monthly", "span"};
    return "types: " + (item.agency_types.empty() ? std::string("all") : joined(item.agency_types)) +
           "; keywords: " + joined(item.keywords) + "; period: " + std::string(periods[static_cast<std::size_t>(item.period)]);
}

// Compares two lists of elements by code: `to`'s in its order, then those only `from` has.
template <typename Element, typename Code, typename Compare>
void compare_by_code(const std::vector<Element>& from, const std::vector<Element>& to, Code code_of, Compare compare,
                     const std::string& element, const std::function<std::string(const Element&)>& title,
                     std::vector<MethodologyChange>& changes) {
    std::unordered_map<std::string, const Element*> before;
    for (const auto& entry : from) before.emplace(code_of(entry), &entry);
    std::unordered_map<std::string, bool> seen;
    for (const auto& entry : to) {
        const std::string code = code_of(entry);
        seen.emplace(code, true);
        const auto found = before.find(code);
        if (found == before.end())
            changes.push_back({ChangeKind::added, element, code, "", title(entry)});
        else
            compare(*found->second, entry, code);
    }
    for (const auto& entry : from)
        if (!seen.contains(code_of(entry))) changes.push_back({ChangeKind::removed, element, code_of(entry), title(entry), ""});
}

}  // namespace

std::string_view change_kind_code(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::added: return "added";
        case ChangeKind::removed: return "removed";
        case ChangeKind::renamed: return "renamed";
        case ChangeKind::moved: return "moved";
        case ChangeKind::changed: return "changed";
    }
    return "";
}

std::vector<MethodologyChange> diff_methodologies(const Methodology& from, const Methodology& to) {
    std::vector<MethodologyChange> changes;
    const auto year_rule = [&](const std::string& element, const std::string& before, const std::string& after) {
        if (before != after) changes.push_back({ChangeKind::changed, element, "", before, after});
    };
    year_rule("verdict", verdict_rules(from), verdict_rules(to));
    year_rule("pass_mark", number(from.pass_mark), number(to.pass_mark));
    year_rule("national_target", number(from.national_target_percent) + " %", number(to.national_target_percent) + " %");
    year_rule("minimum_sample", minimum_samples(from), minimum_samples(to));

    compare_by_code(
        from.instruments, to.instruments, [](const InstrumentSpec& spec) { return std::string(instrument_code(spec.code)); },
        [&](const InstrumentSpec& before, const InstrumentSpec& after, const std::string& code) {
            if (instrument_rule(before) != instrument_rule(after))
                changes.push_back({ChangeKind::changed, "instrument", code, instrument_rule(before), instrument_rule(after)});
        },
        "instrument", std::function<std::string(const InstrumentSpec&)>([](const InstrumentSpec& spec) { return spec.name; }), changes);

    compare_by_code(
        from.indicators, to.indicators, [](const Indicator& indicator) { return std::to_string(indicator.number); },
        [&](const Indicator& before, const Indicator& after, const std::string& code) {
            if (before.name != after.name) changes.push_back({ChangeKind::renamed, "indicator", code, before.name, after.name});
            if (before.instrument != after.instrument)
                changes.push_back({ChangeKind::moved, "indicator", code, std::string(instrument_code(before.instrument)),
                                   std::string(instrument_code(after.instrument))});
        },
        "indicator", std::function<std::string(const Indicator&)>([](const Indicator& indicator) { return indicator.name; }), changes);

    compare_by_code(
        from.questions, to.questions, [](const Question& question) { return question.code; },
        [&](const Question& before, const Question& after, const std::string& code) {
            if (before.text != after.text) changes.push_back({ChangeKind::renamed, "question", code, before.text, after.text});
            if (before.indicator != after.indicator)
                changes.push_back(
                    {ChangeKind::moved, "question", code, indicator_label(before.indicator), indicator_label(after.indicator)});
            if (sub_items_of(from, before) != sub_items_of(to, after))
                changes.push_back({ChangeKind::changed, "question", code, sub_items_of(from, before), sub_items_of(to, after)});
        },
        "question", std::function<std::string(const Question&)>([](const Question& question) { return question.text; }), changes);

    compare_by_code(
        from.items, to.items, [](const OitItem& item) { return item.code; },
        [&](const OitItem& before, const OitItem& after, const std::string& code) {
            if (before.name != after.name) changes.push_back({ChangeKind::renamed, "item", code, before.name, after.name});
            const auto& old_place = from.sub_indicators[before.sub_indicator];
            const auto& new_place = to.sub_indicators[after.sub_indicator];
            if (old_place.code != new_place.code || old_place.indicator != new_place.indicator)
                changes.push_back({ChangeKind::moved, "item", code, old_place.code + " (" + indicator_label(old_place.indicator) + ")",
                                   new_place.code + " (" + indicator_label(new_place.indicator) + ")"});
            if (evidence_rule(before) != evidence_rule(after))
                changes.push_back({ChangeKind::changed, "item", code, evidence_rule(before), evidence_rule(after)});
        },
        "item", std::function<std::string(const OitItem&)>([](const OitItem& item) { return item.name; }), changes);
    return changes;
}

}  // namespace ita::core
