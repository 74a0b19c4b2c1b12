#include <ita/ingest/scoring_inputs.hpp>

#include <ita/ingest/text_table.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <bit>

namespace ita::ingest {

// Looked up on every row of a file in no order (a database export), so a flat table keyed by
// views of labels kept in the arena: no node to chase, no key string built per row.
struct ScoringInputs::RespondentBook {
    TextViewTable<std::uint32_t> slot_by_label;
    std::vector<std::uint64_t> answered_bits;
    std::vector<std::uint8_t> parts;  // per respondent slot, as Respondent::part
};

ScoringInputs::ScoringInputs(ScoringInputs&&) noexcept = default;
ScoringInputs::~ScoringInputs() = default;

namespace {
inline bool all_zero(const std::uint64_t* bits, std::size_t words) {
    std::uint64_t any = 0;
    for (std::size_t word = 0; word < words; ++word) any |= bits[word];
    return any == 0;
}
}  // namespace

ScoringInputs::ScoringInputs(const core::Methodology& methodology) : m_methodology(&methodology) {
    m_arenas.push_back(std::make_unique<Arena>(1 << 20));
    std::array<std::uint32_t, 2> next_bit{};
    for (auto& bits : m_bit_of_sub_item) bits.assign(methodology.sub_items.size(), 0);
    for (std::size_t index = 0; index < methodology.sub_items.size(); ++index) {
        const auto instrument = methodology.questions[methodology.sub_items[index].question].instrument;
        if (instrument == core::Instrument::oit) continue;
        const auto slot = static_cast<std::size_t>(instrument);
        m_bit_of_sub_item[slot][index] = next_bit[slot]++;
        m_sub_item_of_bit[slot].push_back(index);
    }
    for (std::size_t slot = 0; slot < 2; ++slot) m_words_per_respondent[slot] = std::max<std::size_t>(1, (next_bit[slot] + 63) / 64);
}

void ScoringInputs::set_directory(std::vector<core::Agency> agencies) {
    m_has_directory = false;
    m_inputs.clear();
    m_books.clear();
    m_index_by_id.clear();
    m_last_agency = SIZE_MAX;
    m_last_respondent.reset();
    for (const auto& agency : agencies) {
        const std::size_t index = add_agency(agency.agency_id);
        m_inputs[index].agency_type = agency.type;
        m_inputs[index].iit_headcount = agency.headcount;
    }
    m_agencies = std::move(agencies);
    m_has_directory = true;
}

ScoringInputs ScoringInputs::same_agencies() const {
    ScoringInputs copy(*m_methodology);
    if (m_has_directory) copy.set_directory(m_agencies);
    return copy;
}

const core::Agency* ScoringInputs::agency_info(std::size_t agency) const {
    return agency < m_agencies.size() ? &m_agencies[agency] : nullptr;
}

std::size_t ScoringInputs::add_agency(std::string_view agency_id) {
    const std::size_t index = m_inputs.size();
    core::AgencyInput input;
    input.agency_id = std::string(agency_id);
    m_inputs.push_back(std::move(input));
    m_books.emplace_back();
    m_index_by_id.emplace(std::string(agency_id), index);
    return index;
}

std::optional<std::size_t> ScoringInputs::agency(std::string_view agency_id) {
    // Files are usually grouped by agency: remember the last one.
    if (m_last_agency != SIZE_MAX && agency_id == m_last_id) return m_last_agency;
    std::size_t index = 0;
    if (const auto found = m_index_by_id.find(agency_id); found != m_index_by_id.end())
        index = found->second;
    else if (m_has_directory)
        return std::nullopt;
    else
        index = add_agency(agency_id);
    m_last_agency = index;
    m_last_id.assign(agency_id);
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

bool ScoringInputs::has_respondents() const {
    return std::any_of(m_books.begin(), m_books.end(), [](const RespondentBooks& books) { return books[0] || books[1]; });
}

ScoringInputs::RespondentBook& ScoringInputs::book(std::size_t agency, std::size_t slot) {
    auto& book = m_books[agency][slot];
    if (!book) book = std::make_unique<RespondentBook>();
    return *book;
}

ScoringInputs::Respondent ScoringInputs::respondent(std::size_t agency, core::Instrument instrument, std::string_view label,
                                                    std::uint8_t part) {
    if (m_last_respondent && m_last_respondent->agency == agency && m_last_respondent->instrument == instrument &&
        m_last_respondent_label == label)
        return *m_last_respondent;
    const auto slot = static_cast<std::size_t>(instrument);
    auto& respondents = book(agency, slot);
    auto entry = respondents.slot_by_label.find(label);
    if (entry == respondents.slot_by_label.end()) {
        auto* kept = static_cast<char*>(m_arenas.front()->allocate(label.size(), 1));
        std::copy(label.begin(), label.end(), kept);
        entry = respondents.slot_by_label.try_emplace(std::string_view(kept, label.size()), 0).first;
        const std::size_t words = m_words_per_respondent[slot];
        entry->second = static_cast<std::uint32_t>(respondents.answered_bits.size() / words);
        respondents.answered_bits.resize(respondents.answered_bits.size() + words, 0);
        respondents.parts.push_back(part);
    }
    // Returned from the local: read back from the member, just written field by field, it
    // stalled every look-up of a file in no order on store forwarding.
    const Respondent found{agency, instrument, entry->second, respondents.parts[entry->second]};
    m_last_respondent = found;
    m_last_respondent_label = entry->first;
    return found;
}

ScoringInputs::RespondentAnswers ScoringInputs::answers_of(const Respondent& respondent) {
    const auto slot = static_cast<std::size_t>(respondent.instrument);
    const std::size_t words = m_words_per_respondent[slot];
    const std::size_t sub_item_count = m_methodology->sub_items.size();
    RespondentAnswers answers;
    answers.m_bits = m_books[respondent.agency][slot]->answered_bits.data() + std::size_t{respondent.slot} * words;
    answers.m_bit_of_sub_item = m_bit_of_sub_item[slot].data();
    auto& tally = m_inputs[respondent.agency].tally;
    if (tally.point_sum.size() < sub_item_count) {
        tally.point_sum.resize(sub_item_count, 0.0);
        tally.answer_count.resize(sub_item_count, 0);
    }
    answers.m_sums = tally.point_sum.data();
    answers.m_counts = tally.answer_count.data();
    answers.m_respondents = &tally.respondents[slot];
    if (respondent.part > 0) {
        auto& part = tally.eit_part(respondent.part - 1u, m_methodology->eit_parts().parts.size());
        if (part.point_sum.size() < sub_item_count) {
            part.point_sum.resize(sub_item_count, 0.0);
            part.answer_count.resize(sub_item_count, 0);
        }
        answers.m_part_sums = part.point_sum.data();
        answers.m_part_counts = part.answer_count.data();
        answers.m_part_respondents = &part.respondents;
    }
    answers.m_counted = !all_zero(answers.m_bits, words);
    return answers;
}

ScoringInputs::AnswerOutcome ScoringInputs::record_answer(const Respondent& respondent, std::size_t sub_item, double points) {
    const auto slot = static_cast<std::size_t>(respondent.instrument);
    const std::size_t words = m_words_per_respondent[slot];
    std::uint64_t* bits = m_books[respondent.agency][slot]->answered_bits.data() + std::size_t{respondent.slot} * words;
    const std::uint32_t bit = m_bit_of_sub_item[slot][sub_item];
    const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
    if (bits[bit / 64] & mask) return AnswerOutcome::duplicate;
    auto& input = m_inputs[respondent.agency];
    const bool first_answer = all_zero(bits, words);
    if (first_answer) ++input.tally.respondents[slot];
    bits[bit / 64] |= mask;
    input.tally.add(sub_item, points, m_methodology->sub_items.size());
    if (respondent.part > 0) {
        auto& part = input.tally.eit_part(respondent.part - 1u, m_methodology->eit_parts().parts.size());
        if (first_answer) ++part.respondents;
        part.add(sub_item, points, m_methodology->sub_items.size());
    }
    return AnswerOutcome::recorded;
}

Result<void> ScoringInputs::merge(ScoringInputs&& other, const std::string& other_source) {
    util::DiagnosticList problems(other_source);
    const std::size_t sub_item_count = m_methodology->sub_items.size();
    for (std::size_t theirs = 0; theirs < other.m_inputs.size(); ++theirs) {
        auto& their_input = other.m_inputs[theirs];
        const auto mine = agency(their_input.agency_id);
        if (!mine) continue;  // cannot happen: both share the directory
        auto& my_input = m_inputs[*mine];
        if (!their_input.tally.point_sum.empty()) {
            if (my_input.tally.point_sum.size() < sub_item_count) {
                my_input.tally.point_sum.resize(sub_item_count, 0.0);
                my_input.tally.answer_count.resize(sub_item_count, 0);
            }
            for (std::size_t index = 0; index < sub_item_count; ++index) {
                my_input.tally.point_sum[index] += their_input.tally.point_sum[index];
                my_input.tally.answer_count[index] += their_input.tally.answer_count[index];
            }
        }
        // Part sums; their respondents are counted below with the respondents themselves.
        for (std::size_t part = 0; part < their_input.tally.eit_parts.size(); ++part) {
            const auto& theirs_part = their_input.tally.eit_parts[part];
            if (theirs_part.empty()) continue;
            my_input.tally.eit_part(part, their_input.tally.eit_parts.size()).add_sums(theirs_part, sub_item_count);
        }
        for (std::size_t slot = 0; slot < 2; ++slot) {
            auto& their_book = other.m_books[theirs][slot];
            if (!their_book) continue;
            auto& my_book = m_books[*mine][slot];
            if (!my_book) {
                // The usual case (one file per instrument): take the whole book.
                my_book = std::move(their_book);
                my_input.tally.respondents[slot] += their_input.tally.respondents[slot];
                // Parts are the EIT's: counted with its book only (with the IIT's too, they were counted twice).
                if (slot == static_cast<std::size_t>(core::Instrument::eit))
                    for (std::size_t part = 0; part < their_input.tally.eit_parts.size(); ++part)
                        my_input.tally.eit_part(part, their_input.tally.eit_parts.size()).respondents +=
                            their_input.tally.eit_parts[part].respondents;
                continue;
            }
            const std::size_t words = m_words_per_respondent[slot];
            for (const auto& [label, their_slot] : their_book->slot_by_label) {
                const std::uint64_t* their_bits = their_book->answered_bits.data() + std::size_t{their_slot} * words;
                if (all_zero(their_bits, words)) continue;
                const std::uint8_t their_part = their_book->parts[their_slot];
                const Respondent who = respondent(*mine, static_cast<core::Instrument>(slot), label, their_part);
                std::uint64_t* my_bits = my_book->answered_bits.data() + std::size_t{who.slot} * words;
                if (who.part != their_part)
                    problems.add(0, "part",
                                 "respondent " + util::quoted(label) + " of agency " + my_input.agency_id +
                                     " is in another EIT part in this file than in an earlier one");
                if (all_zero(my_bits, words)) {
                    ++my_input.tally.respondents[slot];
                    if (who.part > 0) ++my_input.tally.eit_part(who.part - 1u, m_methodology->eit_parts().parts.size()).respondents;
                }
                std::optional<std::size_t> repeated;
                for (std::size_t word = 0; word < words; ++word) {
                    if (const std::uint64_t both = my_bits[word] & their_bits[word]; both && !repeated)
                        repeated = m_sub_item_of_bit[slot][word * 64 + static_cast<std::size_t>(std::countr_zero(both))];
                    my_bits[word] |= their_bits[word];
                }
                if (repeated)
                    problems.add(0, "respondent",
                                 "respondent " + util::quoted(label) + " of agency " + my_input.agency_id + " answered " +
                                     m_methodology->sub_items[*repeated].code + " in this file and in an earlier one");
            }
        }
    }
    for (auto& arena : other.m_arenas) m_arenas.push_back(std::move(arena));
    m_last_respondent.reset();
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error("responses file " + other_source + " repeats answers of another file"));
}

}  // namespace ita::ingest
