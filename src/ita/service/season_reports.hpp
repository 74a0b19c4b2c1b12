// Everything the agency reports of one fiscal year need, gathered once: the season's scores
// (for ranks), each agency's analysis and paths, the measures and 4M constraints of the
// following year, and each agency's result in every stored year. One agency's report
// and the whole nation's come from the same preparation. Read-only once made: safe to share
// between the threads that write the reports.
#pragma once

#include <ita/core/analysis.hpp>
#include <ita/core/path_to_target.hpp>
#include <ita/report/agency_report.hpp>
#include <ita/service/score_files.hpp>
#include <ita/storage/store.hpp>

#include <map>
#include <memory>

namespace ita::service {

struct SeasonReports {
    ScoreRun run;
    std::vector<std::size_t> chosen;  // positions in run.scored that get a report
    std::map<std::size_t, core::Analysis> analyses;
    std::map<std::size_t, std::vector<core::PathToTarget>> paths;
    std::map<std::string, std::vector<core::Measure>> measures;      // by agency
    std::map<std::string, core::Constraints> constraints;            // by agency
    std::map<std::string, std::vector<report::PastResult>> history;  // by agency
    std::shared_ptr<const core::Guidance> guidance;                  // advice for the findings (parsed once)
    // The published year's figures (empty when the year is not published): all agencies, each type.
    std::optional<core::GroupFigures> nation;
    std::map<std::string, core::GroupFigures> type_figures;

    // The input of one chosen agency's report (pointers into this object).
    [[nodiscard]] report::AgencyReportInput input_for(std::size_t position, std::vector<report::Signer> signers) const;
};

// For one agency (`agency_id`) or every agency of the year (nullopt). For one agency of a
// published year whose stored data still give its published overall, only that agency is
// scored and the ranks are the publication's (the official figures); otherwise the season is
// scored for the ranks. Fails when the year has nothing stored or the agency has no result.
// Whether the year has been published (`ita publish`).
Result<bool> is_published(storage::Store& store, int fiscal_year);

Result<std::unique_ptr<SeasonReports>> prepare_reports(storage::Store& store, int fiscal_year, const std::optional<std::string>& agency_id,
                                                       const std::optional<std::string>& methodology_dir);

// From files, as `ita score` and `ita analyse` read them (an agency's published figures, say):
// no measures, history or rank (files say nothing of a complete year), the reason given instead.
Result<std::unique_ptr<SeasonReports>> prepare_reports_from_files(const ScoreRequest& request, const std::optional<std::string>& agency_id);

}  // namespace ita::service
