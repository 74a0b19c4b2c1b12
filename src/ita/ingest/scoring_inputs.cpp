#include <ita/ingest/scoring_inputs.hpp>

#include <algorithm>

namespace ita::ingest {

ScoringInputs::ScoringInputs(const core::Methodology& methodology) : m_methodology(methodology) {
    std::array<std::uint32_t, 2> next_bit{};
    for (auto& bits : m_bit_of_sub_item) bits.assign(methodology.sub_items.size(), 0);
    for (std::size_t index = 0; index < methodology.sub_items.size(); ++index) {
        const auto instrument = methodology.questions[methodology.sub_items[index].question].instrument;
        if (instrument == core::Instrument::oit) continue;
        const auto slot = static_cast<std::size_t>(instrument);
        m_bit_of_sub_item[slot][index] = next_bit[slot]++;
    }
    for (std::size_t slot = 0; slot < 2; ++slot) m_words_per_respondent[slot] = (next_bit[slot] + 63) / 64;
}

void ScoringInputs::set_directory(std::vector<core::Agency> agencies) {
    m_has_directory = true;
    m_agencies = std::move(agencies);
    m_inputs.clear();
    m_books.clear();
    m_index_by_id.clear();
    m_last_agency = SIZE_MAX;
    for (std::size_t index = 0; index < m_agencies.size(); ++index) {
        core::AgencyInput input;
        input.agency_id = m_agencies[index].agency_id;
        input.agency_type = m_agencies[index].type;
        input.iit_headcount = m_agencies[index].headcount;
        m_inputs.push_back(std::move(input));
        add_books();
        m_index_by_id.emplace(m_agencies[index].agency_id, index);
    }
}

void ScoringInputs::add_books() { m_books.push_back(RespondentBooks{RespondentBook(m_arena.get()), RespondentBook(m_arena.get())}); }

const core::Agency* ScoringInputs::agency_info(std::size_t agency) const {
    return agency < m_agencies.size() ? &m_agencies[agency] : nullptr;
}

std::optional<std::size_t> ScoringInputs::agency(std::string_view agency_id) {
    // Files are usually grouped by agency: remember the last one.
    if (m_last_agency != SIZE_MAX && agency_id == m_last_id) return m_last_agency;
    std::size_t index = 0;
    if (const auto found = m_index_by_id.find(std::string(agency_id)); found != m_index_by_id.end()) {
        index = found->second;
    } else {
        if (m_has_directory) return std::nullopt;
        index = m_inputs.size();
        core::AgencyInput input;
        input.agency_id = std::string(agency_id);
        m_inputs.push_back(std::move(input));
        add_books();
        m_index_by_id.emplace(std::string(agency_id), index);
    }
    m_last_agency = index;
    m_last_id = std::string(agency_id);
    return index;
}

std::vector<std::size_t> ScoringInputs::output_order() const {
    std::vector<std::size_t> order(m_inputs.size());
    for (std::size_t index = 0; index < order.size(); ++index) order[index] = index;
    if (!m_has_directory)
        std::sort(order.begin(), order.end(),
                  [&](std::size_t left, std::size_t right) { return m_inputs[left].agency_id < m_inputs[right].agency_id; });
    return order;
}

ScoringInputs::Respondent ScoringInputs::respondent(std::size_t agency, core::Instrument instrument, std::string_view label) {
    if (m_last_respondent && m_last_respondent->agency == agency && m_last_respondent->instrument == instrument &&
        m_last_respondent_label == label)
        return *m_last_respondent;
    const auto slot = static_cast<std::size_t>(instrument);
    auto& book = m_books[agency][slot];
    auto [entry, inserted] = book.slot_by_label.try_emplace(std::pmr::string(label, m_arena.get()), 0);
    if (inserted) {
        const std::size_t words = m_words_per_respondent[slot];
        entry->second = static_cast<std::uint32_t>(book.answered_bits.size() / words);
        book.answered_bits.resize(book.answered_bits.size() + words, 0);
    }
    m_last_respondent = Respondent{agency, instrument, entry->second};
    m_last_respondent_label.assign(label);
    return *m_last_respondent;
}

ScoringInputs::AnswerOutcome ScoringInputs::record_answer(const Respondent& respondent, std::size_t sub_item, double points) {
    const auto slot = static_cast<std::size_t>(respondent.instrument);
    const std::size_t words = m_words_per_respondent[slot];
    std::uint64_t* bits = m_books[respondent.agency][slot].answered_bits.data() + std::size_t{respondent.slot} * words;
    const std::uint32_t bit = m_bit_of_sub_item[slot][sub_item];
    const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    if (bits[bit / 64] & mask) return AnswerOutcome::duplicate;
    auto& input = m_inputs[respondent.agency];
    if (std::all_of(bits, bits + words, [](std::uint64_t word) { return word == 0; })) ++input.tally.respondents[slot];
    bits[bit / 64] |= mask;
    input.tally.add(sub_item, points, m_methodology.sub_items.size());
    return AnswerOutcome::recorded;
}

}  // namespace ita::ingest
