// `ita methodology`: the instrument of each year, for the NACC's methodology officer.
//   list                        the years this ita has (compiled in, or --methodology DIR)
//   show --year Y [--type T]    one year's instrument in brief (as agencies of type T see it)
//   validate FILE               a methodology file checked as ita would load it
//   diff --year A --year B      what changed from year A to year B (table, or --format json)
//   new --year Y --from X       a provisional year Y made from X, written to --methodology DIR
//   import --year Y items|questions FILE   year Y's OIT list or IIT/EIT questions replaced by FILE.csv, written to DIR
//   export --year Y [--out F]   the year's file as ita uses it (to standard output or F)
//   record --year Y [--reason R] the year's file (folder or compiled-in) recorded in --db as the
//                               version every process uses; a frozen year needs a reason
//   freeze --year Y             the year's recorded version frozen (a season opening does it)
// With --db, list, show, diff and export read each year as the deployment uses it (recorded
// version first), and list adds the versions recorded.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ita::app {

enum class MethodologyAction { list, show, validate, diff, create, import_items, export_year, record, freeze };

struct MethodologyCommand {
    MethodologyAction action = MethodologyAction::list;
    std::vector<int> years;             // show: one; diff: two (from, to)
    std::string file;                   // validate; import: the CSV file
    int from_year = 0;                  // new
    std::optional<std::string> output;  // export
    std::string agency_type;            // show: the items that agency type answers
    std::string import_what = "items";  // import: items or questions
    bool json = false;                  // diff
    std::string reason;                 // record
    std::optional<std::string> methodology_dir;
    std::optional<std::string> database;  // --db, or ITA_DB
};

// Returns the process exit code (0; 2 for an invalid file, an unknown year or wrong arguments).
int run_methodology_command(const MethodologyCommand& command);

}  // namespace ita::app
