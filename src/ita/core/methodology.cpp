#include <ita/core/methodology.hpp>

#include <ita/util/text.hpp>

#include <algorithm>

namespace ita::core {

bool OitItem::applies_to(const std::string& agency_type) const {
    return agency_types.empty() || agency_type.empty() ||
           std::find(agency_types.begin(), agency_types.end(), agency_type) != agency_types.end();
}

std::string OitItem::requirement_for(const std::string& agency_type) const {
    std::string text;
    for (const auto& requirement : requirements)
        if (std::find(requirement.agency_types.begin(), requirement.agency_types.end(), agency_type) != requirement.agency_types.end())
            text += (text.empty() ? "" : " ") + requirement.text;
    return text;
}

std::string_view part_channel_code(PartChannel channel) { return channel == PartChannel::self ? "self" : "collected"; }

std::optional<PartChannel> parse_part_channel(std::string_view text) {
    for (const auto channel : {PartChannel::self, PartChannel::collected})
        if (part_channel_code(channel) == text) return channel;
    return std::nullopt;
}

std::string_view part_rule_code(PartRule rule) { return rule == PartRule::pooled ? "pooled" : "weighted"; }

std::optional<PartRule> parse_part_rule(std::string_view text) {
    for (const auto rule : {PartRule::pooled, PartRule::weighted})
        if (part_rule_code(rule) == text) return rule;
    return std::nullopt;
}

std::string_view part_channel_label(PartChannel channel) {
    return channel == PartChannel::self ? "ตอบเองทางลิงก์หรือคิวอาร์โค้ด" : "เก็บโดยผู้อื่นแล้วนำเข้า";
}

std::string_view part_rule_label(PartRule rule) { return rule == PartRule::pooled ? "รวมผู้ตอบทุกส่วนเป็นกลุ่มเดียว" : "ถ่วงน้ำหนักคะแนนของแต่ละส่วน"; }

std::optional<std::size_t> RespondentParts::index(std::string_view code) const {
    for (std::size_t position = 0; position < parts.size(); ++position)
        if (parts[position].code == code) return position;
    return std::nullopt;
}

const RespondentPart* RespondentParts::self_answered() const {
    for (const auto& part : parts)
        if (part.channel == PartChannel::self) return &part;
    return nullptr;
}

const OitVariant* Methodology::variant_for(const std::string& agency_type) const {
    for (const auto& variant : oit_variants)
        if (std::find(variant.agency_types.begin(), variant.agency_types.end(), agency_type) != variant.agency_types.end()) return &variant;
    return nullptr;
}

bool Methodology::item_applies(const OitItem& item, const std::string& agency_type) const {
    const OitVariant* variant = variant_for(agency_type);
    if (item.variant != (variant ? variant->code : std::string())) return false;
    return item.applies_to(agency_type);
}

long long MinimumSample::iit_minimum(long long headcount) const {
    for (const auto& row : iit)
        if (!row.headcount_max || headcount <= *row.headcount_max) return std::min(row.minimum, headcount);
    return headcount;
}

long long MinimumSample::eit_minimum(const std::string& agency_type) const {
    const auto found = eit_by_type.find(agency_type);
    return found == eit_by_type.end() ? eit_default : found->second;
}

void Methodology::finalize() {
    m_sub_item_by_code.clear();
    m_question_by_code.clear();
    m_item_by_code.clear();
    for (std::size_t index = 0; index < sub_items.size(); ++index) m_sub_item_by_code.emplace(sub_items[index].code, index);
    for (std::size_t index = 0; index < questions.size(); ++index) m_question_by_code.emplace(questions[index].code, index);
    for (std::size_t index = 0; index < items.size(); ++index) m_item_by_code.emplace(items[index].code, index);
    for (std::size_t index = 0; index < instruments.size(); ++index)
        m_instrument_position[static_cast<std::size_t>(instruments[index].code)] = index;
}

const InstrumentSpec& Methodology::instrument(Instrument code) const {
    return instruments.at(m_instrument_position[static_cast<std::size_t>(code)]);
}

std::optional<std::size_t> Methodology::indicator_index(int number) const {
    for (std::size_t index = 0; index < indicators.size(); ++index)
        if (indicators[index].number == number) return index;
    return std::nullopt;
}

namespace {
// A code in Thai digits ("O๓๘") is the same code ("O38").
std::optional<std::size_t> find_code(const std::unordered_map<std::string, std::size_t>& table, std::string_view code) {
    const auto found = table.find(code.find('\xE0') == std::string_view::npos ? std::string(code) : util::arabic_digits(code));
    if (found == table.end()) return std::nullopt;
    return found->second;
}
}  // namespace

std::optional<std::size_t> Methodology::sub_item_index(std::string_view code) const { return find_code(m_sub_item_by_code, code); }
std::optional<std::size_t> Methodology::question_index(std::string_view code) const { return find_code(m_question_by_code, code); }
std::optional<std::size_t> Methodology::item_index(std::string_view code) const { return find_code(m_item_by_code, code); }

double Methodology::option_points(AnswerKind kind, std::size_t option_index) const {
    switch (kind) {
        case AnswerKind::scale: return points.scale.at(option_index);
        case AnswerKind::scale_reverse: return points.scale_reverse.at(option_index);
        case AnswerKind::yes_no_absent_scores: return points.yes_no_absent_scores.at(option_index);
        case AnswerKind::yes_no_present_scores: return points.yes_no_present_scores.at(option_index);
    }
    return 0;
}

}  // namespace ita::core
