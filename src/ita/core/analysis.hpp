// Analysis of an agency's result (SPEC §6), as the seeds' reports write it by hand: pass or
// fail per indicator and question, urgent weaknesses (indicators below the pass mark, the
// lowest three, each with its questions below the pass mark and its OIT items scored 0),
// strengths to keep (indicators at or above the pass mark, the highest three), a status per
// indicator, and the change against the previous year. Works the same on scores computed from
// answers and on published scores. Pure functions; thread-safe.
#pragma once

#include <ita/core/agency_scores.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/ranking.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ita::core {

enum class IndicatorStatus { very_strong, good, urgent_weakness };
// จุดแข็งมาก / ดี / จุดอ่อนที่ต้องพัฒนาเร่งด่วน
[[nodiscard]] std::string_view status_label(IndicatorStatus status);

struct QuestionFinding {
    std::size_t question = 0;  // index into the methodology's questions
    double score = 0;
    bool passes = false;
};

struct IndicatorFinding {
    std::size_t indicator = 0;  // index into the methodology's indicators
    double score = 0;
    bool passes = false;
    IndicatorStatus status = IndicatorStatus::good;
    std::vector<QuestionFinding> questions;      // every scored question, methodology order
    std::vector<std::size_t> items_scored_zero;  // OIT items (indices) scored 0
    std::optional<double> change;                // against the previous year's same indicator number
};

struct Analysis {
    std::vector<IndicatorFinding> indicators;    // scored indicators, methodology order
    std::vector<std::size_t> weaknesses;         // positions in `indicators` below the pass mark, lowest first
    std::vector<std::size_t> urgent_weaknesses;  // the lowest of them (the methodology's count), lowest first
    std::vector<std::size_t> strengths;          // positions in `indicators`, highest first
    std::optional<double> overall_change;
    std::optional<RankPosition> rank;
    std::string rank_note;  // why no rank is printed, when there is none to print
};

// Where the scores behind a rank come from.
enum class RankSource { published_year, unpublished_year, files };

// Keeps the rank only when it is a figure an official can quote: from a published year and
// among more than one agency of the type (a store holding one agency's figures would print
// "1 of 1"); otherwise drops it and says why in `rank_note`.
void settle_rank(Analysis& analysis, RankSource source, int fiscal_year, std::string_view agency_type);

// `previous` is the agency's result of the year before (any methodology: indicators are
// matched by number), when there is one.
[[nodiscard]] Analysis analyse(const Methodology& methodology, const AgencyScores& scores, const AgencyScores* previous,
                               const Methodology* previous_methodology, std::optional<RankPosition> rank);

}  // namespace ita::core
