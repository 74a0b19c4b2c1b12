// `ita gen`: write a synthetic national dataset (agencies.csv, responses, oit.csv) to a folder.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ita::app {

struct GenCommand {
    std::size_t agencies = 8317;
    std::uint64_t seed = 1;
    int fiscal_year = 2565;
    std::string out_dir;
    std::string form = "wide";  // wide: responses_iit.csv + responses_eit.csv; long: responses.csv
    bool shuffle = false;       // long form: rows in a random order (seeded), as a database export gives them
    std::optional<std::string> methodology_dir;
};

// Returns the process exit code (0, or 2 with the reason on stderr).
int run_gen_command(const GenCommand& command);

}  // namespace ita::app
