#include <ita/core/instrument.hpp>

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
    // SPEC writes the minus as U+2212; files may use it or an ASCII hyphen.
    constexpr std::string_view unicode_minus = "\xE2\x88\x92";
    std::string_view sign;
    if (text.ends_with(unicode_minus)) {
        sign = "-";
        text.remove_suffix(unicode_minus.size());
    } else if (text.ends_with('-') || text.ends_with('+')) {
        sign = text.substr(text.size() - 1);
        text.remove_suffix(1);
    }
    if (text == "S" && sign.empty()) return AnswerKind::scale;
    if (text == "S" && sign == "-") return AnswerKind::scale_reverse;
    if (text == "YN" && sign == "-") return AnswerKind::yes_no_absent_scores;
    if (text == "YN" && sign == "+") return AnswerKind::yes_no_present_scores;
    return std::nullopt;
}

std::string_view status_code(Status status) { return status == Status::verified ? "verified" : "provisional"; }

std::optional<Status> parse_status(std::string_view text) {
    if (text == "verified") return Status::verified;
    if (text == "provisional") return Status::provisional;
    return std::nullopt;
}

std::string_view confidence_code(Confidence confidence) {
    switch (confidence) {
        case Confidence::verified: return "verified";
        case Confidence::inferred: return "inferred";
        case Confidence::assumed: return "assumed";
    }
    return "assumed";
}

std::optional<Confidence> parse_confidence(std::string_view text) {
    for (const Confidence confidence : {Confidence::verified, Confidence::inferred, Confidence::assumed})
        if (confidence_code(confidence) == text) return confidence;
    return std::nullopt;
}

}  // namespace ita::core
