// EIT answers a working group collected itself (on paper, by interview: the year's "collected"
// respondent part), pasted into /admin/eit as CSV: a header `respondent,E1.1,E1.2,…` (wide form,
// as ita import takes it, without agency, instrument or part) and a row a person. They go in as
// `ita import responses` puts them (all rows or none, problems by line), into this agency, the
// EIT and the collected part only, whatever the text says.
#pragma once

#include <ita/storage/store.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ita::service {

struct CollectedImport {
    std::size_t respondents = 0;  // added
    std::string part_name;        // the collected part's name in the methodology
};

// invalid_input for an empty text, a year without a collected EIT part, or rows that do not
// read (the message says "ข้อมูลที่วาง:LINE:COLUMN: reason" per problem).
Result<CollectedImport> import_collected_eit(storage::Store& store, int fiscal_year, const std::string& agency_id, std::string_view pasted,
                                             const std::optional<std::string>& methodology_dir, const std::string& actor);

}  // namespace ita::service
