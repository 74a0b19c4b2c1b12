// Writers of scoring results: JSON (DESIGN.md contract, unrounded numbers), CSV (one row per
// agency, unrounded) and a table for people (two decimals, Thai names, verdicts).
// Pure functions of their inputs; thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>

#include <ostream>
#include <span>
#include <string>

namespace ita::report {

struct ScoredAgency {
    const core::Agency* agency = nullptr;  // null when no agencies file was given
    core::AgencyScores scores;
};

void write_scores_json(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies);
// One agency's object of the JSON output, as text (kept in score snapshots).
std::string agency_scores_json(const core::Methodology& methodology, const ScoredAgency& agency);
void write_scores_csv(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies);
// One agency: its indicators and questions in detail. Several: a row each, with a legend.
void write_scores_table(std::ostream& out, const core::Methodology& methodology, std::span<const ScoredAgency> agencies);

}  // namespace ita::report
