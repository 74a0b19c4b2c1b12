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

void write_methodology_summary(std::ostream& out, const core::Methodology& methodology) {
    out << "ITA " << methodology.fiscal_year << " (" << methodology.version << ", " << core::status_code(methodology.status) << ")\n";
    if (methodology.status == core::Status::provisional)
        out << "provisional: ita's best reading of this year, not the NACC's published lists\n";
    out << "(~ inferred from indirect or agency-specific sources, * assumed by ita: neither is the NACC's official text)\n";
    for (const auto& instrument : methodology.instruments)
        out << core::instrument_code(instrument.code) << "  weight " << util::format_shortest(instrument.weight) << "  " << instrument.name
            << '\n';
    for (const auto& indicator : methodology.indicators) {
        out << "\n" << indicator.number << ". " << indicator.name << " [" << core::instrument_code(indicator.instrument) << "]\n";
        for (const auto index : indicator.questions)
            out << "   " << methodology.questions[index].code << marker(methodology.questions[index].provenance)
                << methodology.questions[index].text << '\n';
        for (const auto sub : indicator.sub_indicators)
            for (const auto item : methodology.sub_indicators[sub].items)
                out << "   " << methodology.items[item].code << marker(methodology.items[item].provenance) << methodology.items[item].name
                    << '\n';
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
