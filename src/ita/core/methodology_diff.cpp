#include <ita/core/methodology_diff.hpp>

#include <ita/util/decimal.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
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
    // Respondent parts: the diff shows them appear (2565 → 2568) and any change of rule or weight.
    const auto& respondent_parts = spec.respondent_parts;
    if (!respondent_parts.empty()) {
        std::vector<std::string> groups;
        groups.reserve(respondent_parts.parts.size());
        for (const auto& part : respondent_parts.parts)
            groups.push_back(part.code + " " + std::string(part_channel_code(part.channel)) +
                             (respondent_parts.rule == PartRule::weighted ? " " + number(part.weight) : std::string()));
        text += ", respondent parts " + std::string(part_rule_code(respondent_parts.rule)) + ": " + joined(groups);
    }
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

// The code points of a title without spaces, for comparing titles.
std::u32string letters(std::string_view text) {
    std::u32string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t point = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t next = 1; next < length && at + next < text.size(); ++next)
            point = (point << 6) | (static_cast<unsigned char>(text[at + next]) & 0x3F);
        if (point != U' ' && point != U'\t') out.push_back(point);
        at += length;
    }
    return out;
}

// Dice coefficient of the titles' letter pairs: 1 for the same letters, 0 for none in common.
double similarity(std::string_view first, std::string_view second) {
    const auto pairs = [](const std::u32string& text) {
        std::unordered_map<std::u32string, int> counts;
        for (std::size_t at = 0; at + 1 < text.size(); ++at) ++counts[text.substr(at, 2)];
        return counts;
    };
    const auto a = letters(first);
    const auto b = letters(second);
    if (a == b) return 1;
    if (a.size() < 2 || b.size() < 2) return 0;
    auto left = pairs(a);
    int shared = 0;
    for (const auto& [pair, count] : pairs(b)) {
        const auto found = left.find(pair);
        if (found == left.end()) continue;
        shared += std::min(found->second, count);
    }
    return 2.0 * shared / static_cast<double>(a.size() - 1 + b.size() - 1);
}

// Pairs each later item with the earlier item it continues: same code and title; then the same
// title under another code; then the closest title (at least half the letter pairs shared); then
// what is left under the same code, when its title is still somewhat alike. Returns, for each
// later item, the index of its earlier item or nothing (added).
std::vector<std::optional<std::size_t>> match_items(const std::vector<OitItem>& from, const std::vector<OitItem>& to) {
    std::vector<std::optional<std::size_t>> match(to.size());
    std::vector<bool> taken(from.size(), false);
    const auto pass = [&](const std::function<bool(const OitItem&, const OitItem&)>& pairs) {
        for (std::size_t later = 0; later < to.size(); ++later) {
            if (match[later]) continue;
            for (std::size_t earlier = 0; earlier < from.size(); ++earlier)
                if (!taken[earlier] && pairs(from[earlier], to[later])) {
                    match[later] = earlier;
                    taken[earlier] = true;
                    break;
                }
        }
    };
    pass([](const OitItem& a, const OitItem& b) { return a.code == b.code && letters(a.name) == letters(b.name); });
    pass([](const OitItem& a, const OitItem& b) { return letters(a.name) == letters(b.name); });
    for (std::size_t later = 0; later < to.size(); ++later) {  // the closest title, not the first close one
        if (match[later]) continue;
        std::optional<std::size_t> best;
        double best_score = 0.5;
        for (std::size_t earlier = 0; earlier < from.size(); ++earlier) {
            if (taken[earlier]) continue;
            if (const double score = similarity(from[earlier].name, to[later].name); score >= best_score) {
                best = earlier;
                best_score = score;
            }
        }
        if (best) {
            match[later] = best;
            taken[*best] = true;
        }
    }
    pass([](const OitItem& a, const OitItem& b) { return a.code == b.code && similarity(a.name, b.name) >= 0.2; });
    return match;
}

}  // namespace

std::string_view change_kind_code(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::added: return "added";
        case ChangeKind::removed: return "removed";
        case ChangeKind::renamed: return "renamed";
        case ChangeKind::renumbered: return "renumbered";
        case ChangeKind::moved: return "moved";
        case ChangeKind::changed: return "changed";
    }
    return "";
}

std::string_view change_kind_label(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::added: return "เพิ่ม";
        case ChangeKind::removed: return "ตัดออก";
        case ChangeKind::renamed: return "เปลี่ยนชื่อ";
        case ChangeKind::renumbered: return "เปลี่ยนเลขข้อ";
        case ChangeKind::moved: return "ย้ายตัวชี้วัด";
        case ChangeKind::changed: return "เปลี่ยนเกณฑ์";
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

    const auto matched = match_items(from.items, to.items);
    std::vector<bool> continued(from.items.size(), false);
    for (std::size_t later = 0; later < to.items.size(); ++later) {
        const OitItem& after = to.items[later];
        if (!matched[later]) {
            changes.push_back({ChangeKind::added, "item", after.code, "", after.name});
            continue;
        }
        const OitItem& before = from.items[*matched[later]];
        continued[*matched[later]] = true;
        if (before.code != after.code) changes.push_back({ChangeKind::renumbered, "item", after.code, before.code, after.code});
        if (letters(before.name) != letters(after.name))
            changes.push_back({ChangeKind::renamed, "item", after.code, before.name, after.name});
        const auto& old_place = from.sub_indicators[before.sub_indicator];
        const auto& new_place = to.sub_indicators[after.sub_indicator];
        if (old_place.code != new_place.code || old_place.indicator != new_place.indicator)
            changes.push_back({ChangeKind::moved, "item", after.code, old_place.code + " (" + indicator_label(old_place.indicator) + ")",
                               new_place.code + " (" + indicator_label(new_place.indicator) + ")"});
        if (evidence_rule(before) != evidence_rule(after))
            changes.push_back({ChangeKind::changed, "item", after.code, evidence_rule(before), evidence_rule(after)});
    }
    for (std::size_t earlier = 0; earlier < from.items.size(); ++earlier)
        if (!continued[earlier]) changes.push_back({ChangeKind::removed, "item", from.items[earlier].code, from.items[earlier].name, ""});
    return changes;
}

}  // namespace ita::core
