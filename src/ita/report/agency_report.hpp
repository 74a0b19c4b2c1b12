// The agency's ITA report as a Document, in the order the seeds' reports use: the result and
// verdict with instrument scores, rank (only from a published year) and the year's national
// context, history per instrument and indicator, the ten indicators with their status and a
// chart, every indicator below the pass mark with its analysis, low questions and OIT items at 0
// and advice (the most urgent marked), strengths and how to keep them, the path to the pass
// mark, the integrity measures with their progress, the 4M constraints and the three signatures.
// Pure; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/analysis.hpp>
#include <ita/core/guidance.hpp>
#include <ita/core/measure.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/path_to_target.hpp>
#include <ita/core/ranking.hpp>
#include <ita/report/document.hpp>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace ita::report {

// One stored year of the agency, for the history sections (seeds 003 and 004 give the overall,
// each instrument and each indicator, year by year).
struct PastResult {
    int fiscal_year = 0;
    core::Score overall;
    std::optional<bool> pass;  // none: no verdict (withheld, or no overall)
    std::string rating;
    std::array<core::Score, 3> instruments{};  // by core::Instrument
    std::map<int, core::Score> indicators;     // by indicator number (numbers keep their meaning across years)
};

[[nodiscard]] PastResult past_result(const core::Methodology& methodology, const core::AgencyScores& scores);

// A history bar's tone: grey when the year's verdict was withheld, never the colour of a pass.
[[nodiscard]] BarTone tone_of_verdict(const core::AgencyScores& scores);

struct AgencyReportInput {
    const core::Methodology* methodology = nullptr;
    const core::Agency* agency = nullptr;  // may be null
    const core::AgencyScores* scores = nullptr;
    const core::Analysis* analysis = nullptr;
    const std::vector<core::PathToTarget>* paths = nullptr;
    std::vector<core::Measure> measures;  // of the year after the result
    std::optional<core::Constraints> constraints;
    std::vector<Signer> signers;               // reporter, certifier, approver (names may be blank)
    std::vector<PastResult> history;           // every stored year up to this one, ascending
    const core::Guidance* guidance = nullptr;  // advice per indicator, question and item (may be null)
    // The published year's figures (only when the year is published): all agencies and the agency's type.
    std::optional<core::GroupFigures> nation;
    std::optional<core::GroupFigures> agency_type;
    bool draft = false;  // a working draft: draft measures shown too, marked as such
};

Document agency_report(const AgencyReportInput& input);

}  // namespace ita::report
