#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/util/identifier.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <algorithm>
#include <unordered_set>

namespace ita::ingest {

namespace {
enum Column : std::size_t { agency_id, name, type, province, headcount, website };
}

Result<std::vector<core::Agency>> read_agencies(const std::string& path) {
    std::vector<core::Agency> agencies;
    auto outcome = read_csv_file(path, "agencies", [&](CsvTable& table, const util::MappedFile&) {
        if (!table.read_header({{"agency_id"}, {"name"}, {"type"}, {"province"}, {"headcount", false}, {"website", false}})) return;
        const bool websites_given = table.has_column(website);
        std::unordered_set<std::string> seen;
        while (table.next_row()) {
            core::Agency info;
            info.agency_id = std::string(table.field(agency_id));
            info.name = std::string(table.field(name));
            info.type = std::string(table.field(type));
            info.province = std::string(table.field(province));
            info.line = table.line();
            bool valid = true;
            if (const auto problem = util::identifier_problem(info.agency_id); !problem.empty()) {
                table.problem(agency_id, problem);
                valid = false;
            } else if (!seen.insert(info.agency_id).second) {
                table.problem(agency_id, "agency " + info.agency_id + " is listed twice");
                valid = false;
            }
            for (const auto column : {name, type, province})
                if (table.field(column).empty()) {
                    table.problem(column, "must not be empty");
                    valid = false;
                }
            if (const auto text = table.field(headcount); !text.empty()) {
                // Staff with a year's service: at least one (0 would escape the minimum sample).
                if (const auto value = util::parse_integer(text); value && *value >= 1 && *value <= 1'000'000)
                    info.headcount = *value;
                else {
                    table.problem(headcount, "must be a whole number of staff from 1 to 1,000,000, not " + util::quoted(text));
                    valid = false;
                }
            }
            if (websites_given) {
                // Several websites in one field, separated by spaces, commas or semicolons.
                info.websites.emplace();
                for (std::string_view rest = table.field(website), word; !(word = util::next_word(rest, " \t\r\n,;")).empty();) {
                    const std::string domain = util::website_domain(word);
                    if (domain.empty()) {
                        table.problem(website, util::quoted(word) + " is not a website address or domain name (such as www.nongbua.go.th)");
                        valid = false;
                    } else if (std::find(info.websites->begin(), info.websites->end(), domain) == info.websites->end()) {
                        info.websites->push_back(domain);
                    }
                }
            }
            if (valid) agencies.push_back(std::move(info));
        }
    });
    if (!outcome) return std::unexpected(std::move(outcome).error());
    return agencies;
}

}  // namespace ita::ingest
