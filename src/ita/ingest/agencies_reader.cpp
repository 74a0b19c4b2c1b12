#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/util/text.hpp>

#include <unordered_set>

namespace ita::ingest {

namespace {
enum Column : std::size_t { agency_id, name, type, province, headcount };
}

Result<std::vector<core::Agency>> read_agencies(const std::string& path) {
    std::vector<core::Agency> agencies;
    auto outcome = read_csv_file(path, "agencies", [&](CsvTable& table, const util::MappedFile&) {
        if (!table.read_header({{"agency_id"}, {"name"}, {"type"}, {"province"}, {"headcount", false}})) return;
        std::unordered_set<std::string> seen;
        while (table.next_row()) {
            core::Agency info;
            info.agency_id = std::string(table.field(agency_id));
            info.name = std::string(table.field(name));
            info.type = std::string(table.field(type));
            info.province = std::string(table.field(province));
            info.line = table.line();
            bool valid = true;
            if (info.agency_id.empty() || info.agency_id.find_first_of(" \t") != std::string::npos) {
                table.problem(agency_id, "must be a non-empty id without spaces, not " + util::quoted(info.agency_id));
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
                if (const auto value = util::parse_integer(text)) info.headcount = *value;
                else {
                    table.problem(headcount, "must be a whole number of staff, not " + util::quoted(text));
                    valid = false;
                }
            }
            if (valid) agencies.push_back(std::move(info));
        }
    });
    if (!outcome) return std::unexpected(std::move(outcome).error());
    return agencies;
}

}  // namespace ita::ingest
