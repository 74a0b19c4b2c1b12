#include <ita/core/instrument.hpp>

#include <string>

namespace ita::core {

std::string_view instrument_code(Instrument instrument) {
    switch (instrument) {
        case Instrument::iit: return "IIT";
        case Instrument::eit: return "EIT";
        case Instrument::oit: return "OIT";
    }
    return "?";
}

std::optional<Instrument> parse_instrument(std::string_view text) {
    if (text.size() != 3) return std::nullopt;
    const auto upper = [&](std::size_t index) {
        const char c = text[index];
        return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    };
    if (upper(1) != 'I' || upper(2) != 'T') return std::nullopt;
    switch (upper(0)) {
        case 'I': return Instrument::iit;
        case 'E': return Instrument::eit;
        case 'O': return Instrument::oit;
        default: return std::nullopt;
    }
}

std::string_view answer_kind_code(AnswerKind kind) {
    switch (kind) {
        case AnswerKind::scale: return "S";
        case AnswerKind::scale_reverse: return "S-";
        case AnswerKind::yes_no_absent_scores: return "YN-";
        case AnswerKind::yes_no_present_scores: return "YN+";
    }
    return "?";
}

std::optional<AnswerKind> parse_answer_kind(std::string_view text) {
    constexpr std::string_view unicode_minus = "\xE2\x88\x92";  // U+2212
    std::string normalized(text);
    if (const auto at = normalized.find(unicode_minus); at != std::string::npos)
        normalized.replace(at, unicode_minus.size(), "-");
    if (normalized == "S") return AnswerKind::scale;
    if (normalized == "S-") return AnswerKind::scale_reverse;
    if (normalized == "YN-") return AnswerKind::yes_no_absent_scores;
    if (normalized == "YN+") return AnswerKind::yes_no_present_scores;
    return std::nullopt;
}

std::string_view status_code(Status status) {
    return status == Status::verified ? "verified" : "provisional";
}

std::optional<Status> parse_status(std::string_view text) {
    if (text == "verified") return Status::verified;
    if (text == "provisional") return Status::provisional;
    return std::nullopt;
}

}  // namespace ita::core
