// AnswerLayout: how one respondent's answers are packed, one byte per sub-item of the
// instrument in methodology order: 0 = not answered, 1–4 = option 1–4 of a four-level item,
// 1 = yes and 2 = no for a yes/no item. Stores keep answers in this form, with the list of
// sub-item codes, so a later methodology change cannot silently shift them.
// Immutable after construction; thread-safe.
#pragma once

#include <ita/core/methodology.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ita::core {

class AnswerLayout {
public:
    explicit AnswerLayout(const Methodology& methodology);

    // Sub-item indices of the methodology, in packed order, for IIT (0) or EIT (1).
    [[nodiscard]] const std::vector<std::size_t>& sub_items(Instrument instrument) const {
        return m_sub_items[static_cast<std::size_t>(instrument)];
    }
    // The byte position of a sub-item within its instrument's packed answers.
    [[nodiscard]] std::size_t position(std::size_t sub_item) const { return m_position[sub_item]; }
    // "I1.1,I1.2,…": the codes in packed order, stored beside packed answers.
    [[nodiscard]] std::string codes(Instrument instrument) const;

    // The packed byte of option index `option` (0–3, or 0 = yes / 1 = no).
    [[nodiscard]] static std::uint8_t pack(std::size_t option) { return static_cast<std::uint8_t>(option + 1); }
    // The option index of a packed byte; nullopt for 0 (not answered).
    [[nodiscard]] static std::optional<std::size_t> unpack(std::uint8_t byte) {
        if (byte == 0) return std::nullopt;
        return std::size_t{byte} - 1;
    }

private:
    std::array<std::vector<std::size_t>, 2> m_sub_items;
    std::vector<std::size_t> m_position;
    std::vector<std::string> m_codes;
};

}  // namespace ita::core
