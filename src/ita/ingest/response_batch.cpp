#include <ita/ingest/response_batch.hpp>

namespace ita::ingest {

std::optional<std::size_t> ResponseBatch::agency(std::string_view agency_id) {
    const auto [entry, inserted] = m_agency_index.try_emplace(std::string(agency_id), m_agency_ids.size());
    if (inserted) m_agency_ids.emplace_back(agency_id);
    return entry->second;
}

ResponseBatch::Respondent ResponseBatch::respondent(std::size_t agency, core::Instrument instrument, std::string_view label,
                                                    std::size_t line, std::uint8_t part) {
    std::string key = m_agency_ids[agency];
    key += '\x1f';
    key += core::instrument_code(instrument);
    key += '\x1f';
    key += label;
    if (m_last && key == m_last_key) return *m_last;
    const auto [entry, inserted] = m_respondent_index.try_emplace(key, m_respondents.size());
    if (inserted) {
        core::RespondentAnswers answers;
        answers.agency_id = m_agency_ids[agency];
        answers.instrument = instrument;
        answers.label = std::string(label);
        answers.line = line;
        answers.packed.assign(m_layout.sub_items(instrument).size(), 0);
        if (part > 0) answers.part = m_methodology->eit_parts().parts[part - 1].code;
        m_respondents.push_back(std::move(answers));
        m_parts.push_back(part);
    }
    m_last = entry->second;
    m_last_key = std::move(key);
    return entry->second;
}

ResponseBatch::AnswerOutcome ResponseBatch::record_answer(Respondent respondent, std::size_t sub_item, std::size_t option, double) {
    auto& slot = m_respondents[respondent].packed[m_layout.position(sub_item)];
    if (slot != 0) return AnswerOutcome::duplicate;
    slot = core::AnswerLayout::pack(option);
    ++m_answer_count;
    return AnswerOutcome::recorded;
}

}  // namespace ita::ingest
