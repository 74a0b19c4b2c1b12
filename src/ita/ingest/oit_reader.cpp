#include <ita/ingest/answer_option.hpp>
#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <algorithm>

namespace ita::ingest {

namespace {
enum Column : std::size_t { agency_id, item, present, url, note };
}

Result<void> read_oit(const std::string& path, ScoringInputs& inputs, std::vector<core::OitVerdict>* rows) {
    const auto& methodology = inputs.methodology();
    return read_csv_file(path, "OIT", [&](CsvTable& table, const util::MappedFile&) {
        if (!table.read_header({{"agency_id"}, {"item"}, {"present"}, {"url", false}, {"note", false}})) return;
        while (table.next_row()) {
            const auto agency = inputs.agency(table.field(agency_id));
            if (!agency) {
                table.problem(agency_id, "unknown agency " + util::quoted(table.field(agency_id)) + " (not in the agencies file)");
                continue;
            }
            const auto item_index = methodology.item_index(table.field(item));
            if (!item_index) {
                table.problem(item, "unknown OIT item " + util::quoted(table.field(item)) + " for fiscal year " +
                                        std::to_string(methodology.fiscal_year));
                continue;
            }
            auto& input = inputs.input(*agency);
            if (!methodology.item_applies(methodology.items[*item_index], input.agency_type)) {
                table.problem(item, "item " + methodology.items[*item_index].code + " does not apply to agency type " + input.agency_type);
                continue;
            }
            const auto verdict = parse_yes_no(table.field(present));
            if (!verdict) {
                table.problem(present, "must be yes or no (มี/ไม่มี), not " + util::quoted(table.field(present)));
                continue;
            }
            // The one rule for addresses (util/web_url.hpp): a `javascript:` URL is refused here,
            // not only when shown.
            // Several addresses of one item are separated by spaces or line breaks (an address
            // has neither); each must pass. They are kept one space apart (when rows are kept).
            std::string addresses;
            bool addresses_valid = true;
            {
                std::size_t count = 0;
                for (std::string_view rest = table.field(url), word; !(word = util::next_word(rest)).empty();) {
                    ++count;
                    if (!util::is_web_url(word)) {
                        table.problem(url, "must be an http:// or https:// address, not " + util::quoted(word));
                        addresses_valid = false;
                        break;
                    }
                    if (rows == nullptr) continue;
                    if (!addresses.empty()) addresses += ' ';
                    addresses += word;
                }
                if (addresses_valid && count > 21) {
                    table.problem(url, "at most 21 addresses an item, not " + std::to_string(count));
                    addresses_valid = false;
                }
            }
            if (!addresses_valid) continue;
            if (*item_index < input.oit_accepted.size() && input.oit_accepted[*item_index]) {
                table.problem(item, "item " + methodology.items[*item_index].code + " of agency " + input.agency_id + " is given twice");
                continue;
            }
            core::set_at(input.oit_accepted, *item_index, *verdict, methodology.items.size());
            if (rows)
                rows->push_back({input.agency_id, methodology.items[*item_index].code, *verdict, addresses, std::string(table.field(note)),
                                 table.line()});
        }
    });
}

}  // namespace ita::ingest
