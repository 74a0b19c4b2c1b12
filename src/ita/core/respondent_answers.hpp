// RespondentAnswers: one respondent's answers as read from a file, packed by AnswerLayout.
// The label is the file's own respondent id; it is used only to make re-imports idempotent
// and is never stored in clear. Plain value.
#pragma once

#include <ita/core/instrument.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ita::core {

struct RespondentAnswers {
    std::string agency_id;
    Instrument instrument = Instrument::iit;
    std::string label;
    std::string part;      // the EIT respondent part's code (Methodology::eit_parts()); empty: none named
    std::size_t line = 0;  // the file line of the respondent's first answer, for messages
    std::vector<std::uint8_t> packed;
};

}  // namespace ita::core
