// ScoringInputs: the agencies of one fiscal year and everything read about them, gathered from
// any number of files before scoring. Keeps, per agency and instrument, which sub-items each
// respondent answered (a bitset keyed by the respondent label of the file) so that a duplicate
// answer is caught across files and forms; nothing else about a respondent is kept.
// Not thread-safe; to read files in parallel, give each thread its own (made with
// same_agencies()) and merge() them afterwards.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/agency_input.hpp>
#include <ita/core/methodology.hpp>
#include <ita/util/error.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ita::ingest {

class ScoringInputs {
public:
    explicit ScoringInputs(const core::Methodology& methodology);
    ScoringInputs(ScoringInputs&&) noexcept;
    ~ScoringInputs();

    [[nodiscard]] const core::Methodology& methodology() const { return *m_methodology; }

    // Restricts the agencies to a directory (agencies.csv); its order becomes the output order.
    void set_directory(std::vector<core::Agency> agencies);
    [[nodiscard]] bool has_directory() const { return m_has_directory; }
    [[nodiscard]] const core::Agency* agency_info(std::size_t agency) const;
    // An empty ScoringInputs with the same methodology and directory, for another thread.
    [[nodiscard]] ScoringInputs same_agencies() const;

    // The agency's index, adding it unless a directory is set; nullopt for an id not in it.
    std::optional<std::size_t> agency(std::string_view agency_id);
    [[nodiscard]] core::AgencyInput& input(std::size_t agency) { return m_inputs[agency]; }
    [[nodiscard]] const std::vector<core::AgencyInput>& inputs() const { return m_inputs; }
    // Agency indices in output order: directory order, else ascending id.
    [[nodiscard]] std::vector<std::size_t> output_order() const;

    // A respondent of one agency and survey instrument, as labelled in the files.
    struct Respondent {
        std::size_t agency = 0;
        core::Instrument instrument = core::Instrument::iit;
        std::uint32_t slot = 0;
        std::uint8_t part = 0;  // 0: none named; else the EIT respondent part's index + 1
    };
    // Finds or adds the respondent `label`, in `part` when it is new (a respondent keeps the
    // part it was first seen in); consecutive calls for the same one are cheap.
    Respondent respondent(std::size_t agency, core::Instrument instrument, std::string_view label, std::uint8_t part = 0);
    [[nodiscard]] static std::uint8_t part_of(const Respondent& respondent) { return respondent.part; }

    // Whether any respondent was read into these inputs yet.
    [[nodiscard]] bool has_respondents() const;

    enum class AnswerOutcome { recorded, duplicate };
    // Records that the respondent answered `sub_item` (a sub-item of its instrument) for
    // `points`. A second answer by the same respondent to the same sub-item is refused.
    // A respondent counts towards the agency's respondents from its first recorded answer.
    AnswerOutcome record_answer(const Respondent& respondent, std::size_t sub_item, double points);

    // Where one respondent's answers go, found once: recording many answers of one respondent
    // (a wide row, a grouped file's run) then costs no look-up of the respondent, its book or
    // its agency's sums per answer. Valid until the next respondent is added to these inputs.
    class RespondentAnswers {
    public:
        // As record_answer().
        AnswerOutcome record(std::size_t sub_item, double points) {
            const std::uint32_t bit = m_bit_of_sub_item[sub_item];
            std::uint64_t& word = m_bits[bit / 64];
            const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
            if ((word & mask) != 0) return AnswerOutcome::duplicate;
            word |= mask;
            if (!m_counted) [[unlikely]]
                count_respondent();
            m_sums[sub_item] += points;
            ++m_counts[sub_item];
            if (m_part_sums != nullptr) {
                m_part_sums[sub_item] += points;
                ++m_part_counts[sub_item];
            }
            return AnswerOutcome::recorded;
        }

    private:
        friend class ScoringInputs;
        void count_respondent() {
            ++*m_respondents;
            if (m_part_respondents != nullptr) ++*m_part_respondents;
            m_counted = true;
        }
        std::uint64_t* m_bits = nullptr;
        const std::uint32_t* m_bit_of_sub_item = nullptr;
        double* m_sums = nullptr;
        std::uint32_t* m_counts = nullptr;
        std::uint32_t* m_respondents = nullptr;
        double* m_part_sums = nullptr;  // null without a part
        std::uint32_t* m_part_counts = nullptr;
        std::uint32_t* m_part_respondents = nullptr;
        bool m_counted = false;  // whether the respondent has a recorded answer (and is counted)
    };
    [[nodiscard]] RespondentAnswers answers_of(const Respondent& respondent);

    // The sink interface of the responses reader (shared with ResponseBatch).
    Respondent respondent(std::size_t agency, core::Instrument instrument, std::string_view label, std::size_t /*line*/,
                          std::uint8_t part) {
        return respondent(agency, instrument, label, part);
    }
    AnswerOutcome record_answer(const Respondent& respondent, std::size_t sub_item, std::size_t /*option*/, double points) {
        return record_answer(respondent, sub_item, points);
    }

    // Adds the survey answers `other` gathered (it must hold answers only: no OIT verdicts or
    // published scores). A respondent who answered the same sub-item in both is reported as a
    // problem naming `other_source`; everything else is merged.
    Result<void> merge(ScoringInputs&& other, const std::string& other_source);

private:
    // Respondent labels live in arenas: a national file has over a million of them, and
    // node-by-node allocation and freeing would cost more than reading the file.
    using Arena = std::pmr::monotonic_buffer_resource;
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
    };
    struct TextEqual {
        using is_transparent = void;
        bool operator()(std::string_view left, std::string_view right) const noexcept { return left == right; }
    };
    // Each agency's respondents by label (a flat hash table, defined in the .cpp).
    struct RespondentBook;
    using RespondentBooks = std::array<std::unique_ptr<RespondentBook>, 2>;  // IIT, EIT; null until used

    std::size_t add_agency(std::string_view agency_id);
    RespondentBook& book(std::size_t agency, std::size_t slot);

    const core::Methodology* m_methodology;
    std::vector<std::unique_ptr<Arena>> m_arenas;  // [0] is this one's; merged ones follow
    std::vector<core::AgencyInput> m_inputs;
    std::vector<core::Agency> m_agencies;
    std::unordered_map<std::string, std::size_t, TextHash, TextEqual> m_index_by_id;
    bool m_has_directory = false;
    std::vector<RespondentBooks> m_books;  // per agency
    std::array<std::size_t, 2> m_words_per_respondent{};
    std::array<std::vector<std::uint32_t>, 2> m_bit_of_sub_item;  // sub-item → bit within its instrument
    std::array<std::vector<std::size_t>, 2> m_sub_item_of_bit;
    std::size_t m_last_agency = SIZE_MAX;
    std::string m_last_id;
    std::optional<Respondent> m_last_respondent;
    std::string_view m_last_respondent_label;  // the label kept in the arena
};

}  // namespace ita::ingest
