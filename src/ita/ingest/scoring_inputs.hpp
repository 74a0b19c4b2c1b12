// ScoringInputs: the agencies of one fiscal year and everything read about them, gathered from
// any number of files before scoring. Keeps, per agency and instrument, which sub-items each
// respondent answered (a bitset keyed by the respondent label of the file) so that a duplicate
// answer is caught across files and forms; nothing else about a respondent is kept.
// Not thread-safe.
#pragma once

#include <ita/core/agency_input.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/agency.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ita::ingest {

class ScoringInputs {
public:
    explicit ScoringInputs(const core::Methodology& methodology);

    [[nodiscard]] const core::Methodology& methodology() const { return m_methodology; }

    // Restricts the agencies to a directory (agencies.csv); its order becomes the output order.
    void set_directory(std::vector<core::Agency> agencies);
    [[nodiscard]] bool has_directory() const { return m_has_directory; }
    [[nodiscard]] const core::Agency* agency_info(std::size_t agency) const;

    // The agency's index, adding it unless a directory is set; nullopt for an id not in it.
    std::optional<std::size_t> agency(std::string_view agency_id);
    [[nodiscard]] core::AgencyInput& input(std::size_t agency) { return m_inputs[agency]; }
    [[nodiscard]] const std::vector<core::AgencyInput>& inputs() const { return m_inputs; }
    // Agency indices in output order: directory order, else ascending id.
    [[nodiscard]] std::vector<std::size_t> output_order() const;

    enum class AnswerOutcome { recorded, duplicate };
    // Records that `respondent` answered `sub_item` (a sub-item of `instrument`) with `points`.
    // A second answer by the same respondent to the same sub-item is refused.
    AnswerOutcome record_answer(std::size_t agency, core::Instrument instrument, std::string_view respondent,
                                std::size_t sub_item, double points);

private:
    struct RespondentBook {
        std::unordered_map<std::string, std::uint32_t> slot_by_label;
        std::vector<std::uint64_t> answered_bits;
    };

    const core::Methodology& m_methodology;
    std::vector<core::AgencyInput> m_inputs;
    std::vector<core::Agency> m_agencies;
    std::unordered_map<std::string, std::size_t> m_index_by_id;
    bool m_has_directory = false;
    // Per agency and survey instrument (IIT, EIT).
    std::vector<std::array<RespondentBook, 2>> m_books;
    std::array<std::size_t, 2> m_words_per_respondent{};
    std::array<std::vector<std::uint32_t>, 2> m_bit_of_sub_item;  // sub-item → bit within its instrument
    std::size_t m_last_agency = SIZE_MAX;
    std::string m_last_id;
};

}  // namespace ita::ingest
