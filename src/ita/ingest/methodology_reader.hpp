// Reading a methodology file (methodology/ita-YYYY.json) into a validated core::Methodology.
// The JSON schema is described in methodology/README.md. Thread-safe (no shared state).
#pragma once

#include <ita/core/guidance.hpp>
#include <ita/core/methodology.hpp>
#include <ita/util/error.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ita::ingest {

// Parses and validates one methodology file. `source` names it in messages. Fails with every
// problem found, each naming the file and the JSON pointer of the element.
Result<core::Methodology> parse_methodology(std::string_view json_text, const std::string& source);

// The methodology of a fiscal year: `override_dir`/ita-YYYY.json when a directory is given and
// holds that file, else the copy compiled into the binary. Fails when neither has the year.
Result<core::Methodology> load_methodology(int fiscal_year, const std::optional<std::string>& override_dir);

// The text of a year's methodology file as load_methodology finds it (the folder's copy, else
// the compiled-in one), for `ita methodology export` and for deriving a new year from it.
Result<std::string> methodology_text(int fiscal_year, const std::optional<std::string>& override_dir);

// The guidance library: `override_dir`/guidance-th.json when present, else the built-in copy.
// Fails naming the JSON pointer of a malformed entry.
Result<core::Guidance> load_guidance(const std::optional<std::string>& override_dir);
// The same, parsed once per file text and shared (reports read it for every agency).
Result<std::shared_ptr<const core::Guidance>> shared_guidance(const std::optional<std::string>& override_dir);

// The fiscal years whose methodology is compiled into the binary, ascending.
std::vector<int> embedded_methodology_years();

}  // namespace ita::ingest
