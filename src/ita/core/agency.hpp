// Agency: a Thai public agency as listed in agencies.csv. Plain value.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ita::core {

struct Agency {
    std::string agency_id;
    std::string name;
    std::string type;                    // Thai, e.g. เทศบาลตำบล
    std::string province;                // Thai, e.g. ขอนแก่น
    std::optional<long long> headcount;  // staff with ≥ 1 year of service (optional column)
    std::size_t line = 0;                // the file line it was read from, for messages
    // Its websites' domains (optional column `website`), where its OIT evidence is published;
    // none when the file has no such column (the stored ones are kept).
    std::optional<std::vector<std::string>> websites;
};

}  // namespace ita::core
