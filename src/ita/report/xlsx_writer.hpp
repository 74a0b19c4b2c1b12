// Writes the agency's data as an XLSX workbook (libxlsxwriter): every score down to sub-items
// and OIT items, the analysis and the measures, as values (never formulas, which some readers
// show as 0). Thread-safe (no shared state).
#pragma once

#include <ita/report/agency_report.hpp>
#include <ita/report/rank_outputs.hpp>
#include <ita/util/error.hpp>

#include <string>
#include <vector>

namespace ita::report {

Result<void> write_xlsx(const AgencyReportInput& input, const std::string& path);

// The agencies of a ranking, one row each with the columns of `ita rank --format csv`
// (agency_id, type, province, overall, verdict, rank, of), written row by row in
// libxlsxwriter's constant-memory mode so the nation never sits whole in memory.
Result<void> write_rank_xlsx(const RankReport& report, const std::string& path);

// A plain table: a header row, then the rows of the same page's CSV download; the columns marked
// `numeric` are written as numbers (an empty cell stays empty), the others as text.
Result<void> write_table_xlsx(const std::string& sheet_name, const std::vector<std::string>& header, const std::vector<bool>& numeric,
                              const std::vector<std::vector<std::string>>& rows, const std::string& path);

}  // namespace ita::report
