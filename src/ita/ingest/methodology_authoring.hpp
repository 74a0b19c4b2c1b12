// Authoring a year's methodology file, for the NACC's methodology officer: a new year made from
// an earlier one, and a year's OIT list replaced by one imported from a CSV file as the NACC
// publishes it. Each returns the new file's text, already checked as ita will load it (nothing
// is returned unless all of it is valid); writing it is the caller's. Thread-safe.
#pragma once

#include <ita/util/error.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ita::ingest {

struct AuthoredMethodology {
    std::string text;                   // the JSON file, indented
    std::vector<std::string> warnings;  // what was accepted but deserves a look ("line 7: O12 …")
    std::string summary;                // what changed, in a line ("3 items of the common list; MOIT's 22 kept")
};

// Year `fiscal_year` made from `from_text` (an earlier year's file): provisional, version
// "<year>.1", and every element that was verified for the earlier year is only inferred for the
// new one until the official lists are imported.
Result<AuthoredMethodology> derive_methodology(std::string_view from_text, int fiscal_year);

// `year_text` with OIT lists replaced by `csv_path`'s. Columns (header names, any order): code,
// title, indicator (9, 10, or a sub-indicator such as "9.1 ข้อมูลพื้นฐาน"), and optionally
// sub_indicator, agency_types and keywords (separated by "|"), period, confidence, source, note,
// variant (rows of a variant's own list, such as MOIT; empty: the common list) and year (rows of
// other years are skipped, so the sources' multi-year lists import as they are). Each list the
// file gives replaces the year's; lists it leaves out are kept. An item without keywords keeps
// the evidence rule of the item of the same title. Errors name the file, line and column.
Result<AuthoredMethodology> import_oit_items(std::string_view year_text, const std::string& csv_path);
// The same for a list already in memory (pasted into the admin page), named `csv_name` in
// messages; with `new_version`, the file's version becomes it.
Result<AuthoredMethodology> import_oit_items_text(std::string_view year_text, std::string_view csv_text, const std::string& csv_name,
                                                  const std::optional<std::string>& new_version);

// `year_text` with its IIT and/or EIT questions replaced by `csv_path`'s. Columns: code (I1, E3),
// text, kind (S, S-, YN-, YN+), indicator (its number), and optionally sub_items and sub_kinds
// (separated by "|"; a sub-item's own kind where it differs), confidence, source, note and year.
// An instrument the file gives is replaced whole, so each of its indicators needs a question;
// one it leaves out is kept. The answer layout follows; answers stored under another layout are
// not scored under this one (score_store refuses).
Result<AuthoredMethodology> import_questions(std::string_view year_text, const std::string& csv_path);
Result<AuthoredMethodology> import_questions_text(std::string_view year_text, std::string_view csv_text, const std::string& csv_name,
                                                  const std::optional<std::string>& new_version);

}  // namespace ita::ingest
