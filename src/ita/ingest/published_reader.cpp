#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/util/text.hpp>

namespace ita::ingest {

namespace {

enum Column : std::size_t { agency_id, level, code, score };

}  // namespace

PublishedTarget locate_published(const core::Methodology& methodology, core::AgencyInput& input, std::string_view level,
                                 std::string_view code) {
    auto& published = input.published;
    const auto in_vector = [](std::vector<std::optional<double>>& values, std::size_t slot, std::size_t size) {
        if (values.size() < size) values.resize(size);
        return &values[slot];
    };
    const std::string year = " for fiscal year " + std::to_string(methodology.fiscal_year);
    if (level == "subitem") {
        if (const auto index = methodology.sub_item_index(code))
            return {in_vector(published.sub_items, *index, methodology.sub_items.size()), {}};
        return {nullptr, "unknown sub-item " + util::quoted(code) + year};
    }
    if (level == "question") {
        if (const auto index = methodology.question_index(code))
            return {in_vector(published.questions, *index, methodology.questions.size()), {}};
        return {nullptr, "unknown question " + util::quoted(code) + year};
    }
    if (level == "item") {
        if (const auto index = methodology.item_index(code)) return {in_vector(published.items, *index, methodology.items.size()), {}};
        return {nullptr, "unknown OIT item " + util::quoted(code) + year};
    }
    if (level == "indicator") {
        const auto number = util::parse_integer(util::arabic_digits(code));  // "๙" as seed 002 writes it
        if (const auto index = number ? methodology.indicator_index(static_cast<int>(*number)) : std::nullopt)
            return {in_vector(published.indicators, *index, methodology.indicators.size()), {}};
        return {nullptr, "unknown indicator " + util::quoted(code) + " (indicators are numbered 1 to " +
                             std::to_string(methodology.indicators.size()) + ")"};
    }
    if (level == "instrument") {
        if (const auto instrument = core::parse_instrument(code))
            return {&published.instruments[static_cast<std::size_t>(*instrument)], {}};
        return {nullptr, "unknown instrument " + util::quoted(code) + " (IIT, EIT or OIT)"};
    }
    if (level == "eit_part") {
        const auto& parts = methodology.eit_parts();
        if (const auto index = parts.index(code)) return {in_vector(published.eit_parts, *index, parts.parts.size()), {}};
        if (parts.empty()) return {nullptr, "fiscal year " + std::to_string(methodology.fiscal_year) + " has no EIT parts"};
        std::string codes;
        for (const auto& part : parts.parts) codes += (codes.empty() ? "" : ", ") + part.code;
        return {nullptr, "unknown EIT part " + util::quoted(code) + year + " (" + codes + ")"};
    }
    if (level == "overall") {
        if (code.empty() || code == "overall") return {&published.overall, {}};
        return {nullptr, "the overall score takes no code (leave it empty), not " + util::quoted(code)};
    }
    return {nullptr, "unknown level " + util::quoted(level) + " (subitem, question, item, indicator, instrument, eit_part or overall)"};
}

Result<void> read_published(const std::string& path, ScoringInputs& inputs, std::vector<core::PublishedScore>* rows) {
    return read_csv_file(path, "published scores", [&](CsvTable& table, const util::MappedFile&) {
        if (!table.read_header({{"agency_id"}, {"level"}, {"code"}, {"score"}})) return;
        while (table.next_row()) {
            const auto agency = inputs.agency(table.field(agency_id));
            if (!agency) {
                table.problem(agency_id, "unknown agency " + util::quoted(table.field(agency_id)) + " (not in the agencies file)");
                continue;
            }
            const auto target = locate_published(inputs.methodology(), inputs.input(*agency), table.field(level), table.field(code));
            if (!target.slot) {
                table.problem(target.problem.starts_with("unknown level") ? level : code, target.problem);
                continue;
            }
            const auto value = util::parse_double(table.field(score));
            if (!value || !(*value >= 0 && *value <= 100)) {
                table.problem(score, "must be a number from 0 to 100, not " + util::quoted(table.field(score)));
                continue;
            }
            if (target.slot->has_value()) {
                table.problem(code, std::string(table.field(level)) + " " + std::string(table.field(code)) + " of agency " +
                                        std::string(table.field(agency_id)) + " is given twice");
                continue;
            }
            *target.slot = *value;
            if (rows)
                rows->push_back({std::string(table.field(agency_id)), std::string(table.field(level)),
                                 table.field(level) == "overall" ? std::string() : std::string(table.field(code)), *value, table.line()});
        }
    });
}

}  // namespace ita::ingest
