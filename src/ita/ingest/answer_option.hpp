// Reading one answer cell: the option code of a four-level question (1–4, Thai digits too) or
// of a yes/no item (yes/no, มี/ไม่มี). Pure functions, thread-safe.
#pragma once

#include <ita/core/instrument.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace ita::ingest {

// The option index (0–3 for 1–4; 0 = yes, 1 = no) of `text` for an item of `kind`;
// nullopt when the text is not a valid answer to that kind of item.
[[nodiscard]] std::optional<std::size_t> parse_answer_option(core::AnswerKind kind, std::string_view text);

// Whether `text` says yes or no (yes/no in any case, มี/ไม่มี); nullopt otherwise.
[[nodiscard]] std::optional<bool> parse_yes_no(std::string_view text);

}  // namespace ita::ingest
