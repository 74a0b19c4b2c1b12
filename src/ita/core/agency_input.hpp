// AgencyInput: everything known about one agency in one fiscal year before scoring: tallies of
// survey answers per sub-item, the auditor's OIT verdicts per item, and scores the NACC
// published at any level. Vectors are sized to the methodology on first use, so an agency
// with only published indicators costs a few bytes. Not thread-safe; one writer at a time.
#pragma once

#include <ita/core/instrument.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ita::core {

struct Methodology;

// The running sums of one part of the EIT's respondents (Methodology::eit_parts()).
// Adds an answer's points to running sums sized on first use. Inline: it runs for every answer
// of a national file, from readers in other translation units.
inline void add_answer_points(std::vector<double>& point_sum, std::vector<std::uint32_t>& answer_count, std::size_t sub_item, double points,
                              std::size_t sub_item_count) {
    if (point_sum.size() < sub_item_count) [[unlikely]] {
        point_sum.resize(sub_item_count, 0.0);
        answer_count.resize(sub_item_count, 0);
    }
    point_sum[sub_item] += points;
    ++answer_count[sub_item];
}

struct PartTally {
    std::vector<double> point_sum;            // per sub-item
    std::vector<std::uint32_t> answer_count;  // per sub-item
    std::uint32_t respondents = 0;

    void add(std::size_t sub_item, double points, std::size_t sub_item_count) {
        add_answer_points(point_sum, answer_count, sub_item, points, sub_item_count);
    }
    // Adds another tally's sums (not its respondents, which the caller counts).
    void add_sums(const PartTally& other, std::size_t sub_item_count);
    [[nodiscard]] bool empty() const { return point_sum.empty(); }
};

// Running sums of answer points: enough to score, nothing that identifies a respondent.
struct ResponseTally {
    std::vector<double> point_sum;               // per sub-item
    std::vector<std::uint32_t> answer_count;     // per sub-item
    std::array<std::uint32_t, 2> respondents{};  // IIT, EIT
    // Per EIT respondent part, when responses name one; their answers are in the sums above too.
    std::vector<PartTally> eit_parts;

    void add(std::size_t sub_item, double points, std::size_t sub_item_count) {
        add_answer_points(point_sum, answer_count, sub_item, points, sub_item_count);
    }
    // The tally of part `part` of `part_count`, sized on first use.
    PartTally& eit_part(std::size_t part, std::size_t part_count);
};

struct PublishedScores {
    std::vector<std::optional<double>> sub_items;   // per sub-item
    std::vector<std::optional<double>> questions;   // per question
    std::vector<std::optional<double>> items;       // per OIT item
    std::vector<std::optional<double>> indicators;  // per indicator position in the methodology
    std::array<std::optional<double>, instrument_count> instruments{};
    std::optional<double> overall;
    std::vector<std::optional<double>> eit_parts;  // per EIT respondent part
};

struct AgencyInput {
    std::string agency_id;
    std::string agency_type;                 // empty when no agencies file was given
    std::optional<long long> iit_headcount;  // staff with ≥ 1 year of service, when known
    ResponseTally tally;
    std::vector<std::optional<bool>> oit_accepted;  // per OIT item: the auditor's verdict
    PublishedScores published;
};

// Sets `slot` of a lazily sized vector, sizing it to `size` first.
template <typename T>
void set_at(std::vector<std::optional<T>>& values, std::size_t slot, T value, std::size_t size) {
    if (values.size() < size) values.resize(size);
    values[slot] = value;
}

}  // namespace ita::core
