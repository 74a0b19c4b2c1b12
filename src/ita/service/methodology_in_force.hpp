// The methodology a deployment uses for a year, the same in every process: a --methodology
// folder's file first (kept for experiments), else the newest version recorded in the database,
// else the file compiled into ita. A year's season freezes it; a change after that is a new
// version recorded with a reason. Thread-safe.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/error.hpp>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ita::service {

// Parsed once per version per process and shared, never copied: survey submissions ask for it
// every time. At most one read of the database a second per connection (Store::methodology_stamp).
Result<std::shared_ptr<const core::Methodology>> shared_methodology_in_force(storage::Store& store, int fiscal_year,
                                                                             const std::optional<std::string>& methodology_dir);
// A copy, for use cases that keep or change it.
Result<core::Methodology> methodology_in_force(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir);

// The years a deployment has: compiled in, in a --methodology folder (ita-YYYY.json), and
// recorded in the database (`store` may be null: a command without --db).
Result<std::set<int>> methodology_years(storage::Store* store, const std::optional<std::string>& methodology_dir);

// The file's text of the methodology in force, and where it comes from ("database 2570.2",
// a folder's path, or "compiled into ita").
struct MethodologyText {
    std::string text;
    std::string origin;
};
Result<MethodologyText> methodology_text_in_force(storage::Store& store, int fiscal_year,
                                                  const std::optional<std::string>& methodology_dir);

// Records `text` (checked first, as ita loads it) as the newest version of its year. Fails with
// conflict when the year has that version already, or is frozen and `reason` is empty.
Result<core::Methodology> record_methodology(storage::Store& store, std::string_view text, const std::string& source,
                                             const std::string& reason, const std::string& actor);

// When a season opens: the methodology in force is recorded if the database has none for the
// year, and the year is frozen.
Result<void> freeze_methodology_in_force(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                         const std::string& actor);

}  // namespace ita::service
