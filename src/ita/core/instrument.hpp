// The three instruments of the ITA and the kinds of answer. Pure values, thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ita::core {

enum class Instrument : std::uint8_t { iit, eit, oit };
inline constexpr std::array<Instrument, 3> all_instruments{Instrument::iit, Instrument::eit, Instrument::oit};
inline constexpr std::size_t instrument_count = all_instruments.size();

// "IIT", "EIT", "OIT".
[[nodiscard]] std::string_view instrument_code(Instrument instrument);
// Accepts the codes above in any case; nullopt otherwise.
[[nodiscard]] std::optional<Instrument> parse_instrument(std::string_view text);

// S, S−, YN−, YN+ of SPEC §4.
enum class AnswerKind : std::uint8_t { scale, scale_reverse, yes_no_absent_scores, yes_no_present_scores };

// "S", "S-", "YN-", "YN+".
[[nodiscard]] std::string_view answer_kind_code(AnswerKind kind);
// Accepts the codes above, with an ASCII hyphen or a Unicode minus sign.
[[nodiscard]] std::optional<AnswerKind> parse_answer_kind(std::string_view text);
[[nodiscard]] inline bool is_yes_no(AnswerKind kind) {
    return kind == AnswerKind::yes_no_absent_scores || kind == AnswerKind::yes_no_present_scores;
}

// Whether a figure or text was reproduced from a published source or is our best reading.
enum class Status : std::uint8_t { verified, provisional };
[[nodiscard]] std::string_view status_code(Status status);
[[nodiscard]] std::optional<Status> parse_status(std::string_view text);

// How sure ita is of one element of a methodology (an OIT item, a question's wording): a public
// source states it (verified), it is put together from indirect or agency-specific sources
// (inferred), or ita had to assume it (assumed). Only `verified` may be shown as official.
enum class Confidence : std::uint8_t { verified, inferred, assumed };
// "verified", "inferred", "assumed".
[[nodiscard]] std::string_view confidence_code(Confidence confidence);
[[nodiscard]] std::optional<Confidence> parse_confidence(std::string_view text);

}  // namespace ita::core
