#include <ita/report/methodology_outputs.hpp>

#include <ita/util/decimal.hpp>

#include <map>

namespace ita::report {

namespace {
// "   " for an element a source states, " ~ " inferred from indirect sources, " * " assumed.
std::string_view marker(const core::Provenance& provenance) {
    switch (provenance.confidence) {
        case core::Confidence::verified: return "   ";
        case core::Confidence::inferred: return " ~ ";
        case core::Confidence::assumed: return " * ";
    }
    return " * ";
}

std::size_t count_of(const core::Methodology& methodology, core::Instrument instrument) {
    std::size_t count = 0;
    for (const auto& question : methodology.questions) count += question.instrument == instrument ? 1 : 0;
    return count;
}
}  // namespace

void write_methodology_list(std::ostream& out, std::span<const core::Methodology> years) {
    out << "year\tversion\tstatus\tIIT questions\tEIT questions\tOIT items\n";
    for (const auto& year : years)
        out << year.fiscal_year << '\t' << year.version << '\t' << core::status_code(year.status) << '\t'
            << count_of(year, core::Instrument::iit) << '\t' << count_of(year, core::Instrument::eit) << '\t' << year.items.size() << '\n';
}

void write_methodology_summary(std::ostream& out, const core::Methodology& methodology, const std::string& agency_type) {
    out << "ITA " << methodology.fiscal_year << " (" << methodology.version << ", " << core::status_code(methodology.status) << ")";
    if (!agency_type.empty()) {
        const auto* variant = methodology.variant_for(agency_type);
        out << " as " << agency_type << " answers it" << (variant ? " (OIT list: " + variant->code + ")" : "");
    }
    out << '\n';
    if (methodology.status == core::Status::provisional)
        out << "provisional: ita's best reading of this year, not the NACC's published lists\n";
    out << "(~ inferred from indirect or agency-specific sources, * assumed by ita: neither is the NACC's official text)\n";
    for (const auto& instrument : methodology.instruments) {
        out << core::instrument_code(instrument.code) << "  weight " << util::format_shortest(instrument.weight) << "  " << instrument.name
            << '\n';
        const auto& respondent_parts = instrument.respondent_parts;
        if (respondent_parts.empty()) continue;
        out << "     respondents in parts, " << core::part_rule_code(respondent_parts.rule) << marker(respondent_parts.provenance) << ":";
        for (const auto& part : respondent_parts.parts) {
            out << "  " << part.code << " " << part.name << " (" << core::part_channel_code(part.channel);
            if (respondent_parts.rule == core::PartRule::weighted) out << ", weight " << util::format_shortest(part.weight);
            out << ")";
        }
        out << '\n';
    }
    for (const auto& indicator : methodology.indicators) {
        out << "\n" << indicator.number << ". " << indicator.name << " [" << core::instrument_code(indicator.instrument) << "]\n";
        for (const auto index : indicator.questions)
            out << "   " << methodology.questions[index].code << marker(methodology.questions[index].provenance)
                << methodology.questions[index].text << '\n';
        for (const auto sub : indicator.sub_indicators)
            for (const auto index : methodology.sub_indicators[sub].items) {
                const auto& item = methodology.items[index];
                if (!agency_type.empty() && !methodology.item_applies(item, agency_type)) continue;
                out << "   " << item.code << marker(item.provenance) << item.name;
                if (agency_type.empty() && !item.variant.empty()) out << "  [" << item.variant << "]";
                out << '\n';
                if (const auto requirement = item.requirement_for(agency_type); !agency_type.empty() && !requirement.empty())
                    out << "        + " << requirement << '\n';
            }
    }
    out << "\npass mark " << util::format_shortest(methodology.pass_mark) << "; verdict (" << methodology.verdict_scheme << "):";
    for (const auto& level : methodology.verdict_levels) {
        out << "  " << level.label << " ≥ " << util::format_shortest(level.min_overall);
        if (level.min_each_instrument) out << " (each instrument ≥ " << util::format_shortest(*level.min_each_instrument) << ")";
    }
    out << "\nnational target: " << util::format_shortest(methodology.national_target_percent) << " % of agencies pass\n";
    for (const auto& citation : methodology.national_target_citations)
        out << "  " << util::format_shortest(citation.percent) << " % per [" << citation.source << "]"
            << (citation.quote.empty() ? "" : ": " + citation.quote) << '\n';
    for (const auto& variant : methodology.oit_variants) {
        out << "OIT variant " << variant.code << marker(variant.provenance) << variant.name << ": answered instead of the common list by";
        for (const auto& type : variant.agency_types) out << ' ' << type;
        out << '\n';
    }
    if (!methodology.sources.empty()) out << "\nsources:\n";
    for (const auto& [key, citation] : methodology.sources) out << "  [" << key << "] " << citation << '\n';
}

void write_methodology_diff_text(std::ostream& out, const core::Methodology& from, const core::Methodology& to,
                                 std::span<const core::MethodologyChange> changes) {
    out << "ITA " << from.fiscal_year << " (" << from.version << ") → " << to.fiscal_year << " (" << to.version << "): ";
    if (changes.empty()) {
        out << "no difference\n";
        return;
    }
    std::map<std::string, std::size_t> counts;
    for (const auto& change : changes) ++counts[std::string(core::change_kind_code(change.kind))];
    bool first = true;
    for (const auto& [kind, count] : counts) {
        out << (first ? "" : ", ") << count << ' ' << kind;
        first = false;
    }
    out << "\n";
    for (const auto& change : changes) {
        out << core::change_kind_code(change.kind) << '\t' << change.element << '\t' << change.code << '\t';
        if (change.kind == core::ChangeKind::added)
            out << change.after;
        else if (change.kind == core::ChangeKind::removed)
            out << change.before;
        else
            out << change.before << "  →  " << change.after;
        out << '\n';
    }
}

}  // namespace ita::report
