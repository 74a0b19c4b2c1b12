#include <ita/ingest/answer_option.hpp>

namespace ita::ingest {

namespace {
// ASCII case-insensitive equality with a lower-case word, without allocating.
bool equals_word(std::string_view text, std::string_view lower_word) {
    if (text.size() != lower_word.size()) return false;
    for (std::size_t position = 0; position < text.size(); ++position) {
        char c = text[position];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower_word[position]) return false;
    }
    return true;
}
}  // namespace

std::optional<bool> parse_yes_no(std::string_view text) {
    if (equals_word(text, "yes") || text == "มี") return true;
    if (equals_word(text, "no") || text == "ไม่มี") return false;
    return std::nullopt;
}

std::optional<std::size_t> parse_answer_option(core::AnswerKind kind, std::string_view text) {
    if (core::is_yes_no(kind)) {
        const auto yes = parse_yes_no(text);
        if (!yes) return std::nullopt;
        return *yes ? 0 : 1;
    }
    if (text.size() == 1 && text[0] >= '1' && text[0] <= '4') return static_cast<std::size_t>(text[0] - '1');
    // Thai digits ๑–๔ are U+0E51–U+0E54: E0 B9 91–94 in UTF-8.
    if (text.size() == 3 && text[0] == '\xE0' && text[1] == '\xB9' && text[2] >= '\x91' && text[2] <= '\x94')
        return static_cast<std::size_t>(text[2] - '\x91');
    return std::nullopt;
}

}  // namespace ita::ingest
