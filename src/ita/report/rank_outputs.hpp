// Writers of `ita rank`: agencies ranked within their type, and national figures by type and
// province, as a table (Thai, two decimals), JSON or CSV (unrounded). Pure; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/ranking.hpp>

#include <ostream>
#include <vector>

namespace ita::report {

struct RankedAgency {
    const core::Agency* agency = nullptr;
    const core::AgencyScores* scores = nullptr;
    std::optional<core::RankPosition> position;
};

struct RankReport {
    core::GroupFigures national;
    std::vector<core::GroupFigures> by_type;      // Thai collation order
    std::vector<core::GroupFigures> by_province;  // Thai collation order
    std::vector<RankedAgency> agencies;           // by type (Thai order), then rank
};

void write_rank_table(std::ostream& out, const core::Methodology& methodology, const RankReport& report);
void write_rank_json(std::ostream& out, const core::Methodology& methodology, const RankReport& report);
void write_rank_csv(std::ostream& out, const core::Methodology& methodology, const RankReport& report);

}  // namespace ita::report
