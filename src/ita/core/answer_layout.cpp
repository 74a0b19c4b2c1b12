#include <ita/core/answer_layout.hpp>

namespace ita::core {

AnswerLayout::AnswerLayout(const Methodology& methodology) : m_position(methodology.sub_items.size(), 0) {
    for (std::size_t index = 0; index < methodology.sub_items.size(); ++index) {
        const auto instrument = methodology.questions[methodology.sub_items[index].question].instrument;
        if (instrument == Instrument::oit) continue;
        auto& list = m_sub_items[static_cast<std::size_t>(instrument)];
        m_position[index] = list.size();
        list.push_back(index);
        m_codes.push_back(methodology.sub_items[index].code);
    }
    m_codes.clear();
    for (const auto& list : m_sub_items)
        for (const auto index : list) m_codes.push_back(methodology.sub_items[index].code);
}

std::string AnswerLayout::codes(Instrument instrument) const {
    std::string text;
    const std::size_t offset = instrument == Instrument::eit ? m_sub_items[0].size() : 0;
    const auto& list = sub_items(instrument);
    for (std::size_t position = 0; position < list.size(); ++position) text += (position == 0 ? "" : ",") + m_codes[offset + position];
    return text;
}

}  // namespace ita::core
