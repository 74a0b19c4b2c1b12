// Importing files into a store (`ita import`): reads them with the same readers, and the same
// file:line:column problems, as `ita score`, then writes them in one transaction. Nothing is
// written when any file has a problem or contradicts what is stored.
#pragma once

#include <ita/storage/store.hpp>
#include <ita/util/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ita::service {

enum class ImportKind { agencies, responses, oit, published };

struct ImportRequest {
    ImportKind kind = ImportKind::agencies;
    int fiscal_year = 0;  // not needed for agencies
    std::vector<std::string> files;
    bool replace = false;
    std::string actor = "cli";
    std::optional<std::string> methodology_dir;
};

// What was imported, in units of the kind (agencies, respondents, items, scores), and the
// number of answers for responses.
struct ImportOutcome {
    storage::ImportReport report;
    std::size_t answers = 0;
};

Result<ImportOutcome> import_files(storage::Store& store, const ImportRequest& request);

}  // namespace ita::service
