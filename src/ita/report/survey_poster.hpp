// What a working group prints to bring citizens to its EIT survey: an A4 poster for a notice
// board and an A6 card for a service counter, each with the agency's name, the fiscal year, a
// large QR code of the survey's address, the address itself to type, and what answering means
// (how long, anonymous, once a person). Cairo and Pango, Laksaman, as the report's PDF.
#pragma once

#include <ita/util/error.hpp>

#include <string>

namespace ita::report {

struct SurveyPoster {
    std::string agency_name;
    int fiscal_year = 0;        // Buddhist era
    std::string url;            // the survey's address (http or https), printed and encoded
    std::size_t questions = 0;  // how many the EIT asks
};

enum class PosterSize { a4_poster, a6_card };

// The PDF's bytes; invalid_input when the address cannot be encoded as a QR code.
Result<std::string> survey_poster_pdf(const SurveyPoster& poster, PosterSize size);

}  // namespace ita::report
