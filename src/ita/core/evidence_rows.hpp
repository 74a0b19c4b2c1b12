// Rows of the OIT and published-scores files as a store keeps them. Plain values.
#pragma once

#include <string>

namespace ita::core {

// The auditor's verdict on one OIT item of one agency, with the evidence it was given.
struct OitVerdict {
    std::string agency_id;
    std::string item;  // "O18"
    bool accepted = false;
    std::string url;
    std::string note;
    std::size_t line = 0;  // file line, for messages; 0 when read from a store
};

// A score the NACC published for one agency at one level.
struct PublishedScore {
    std::string agency_id;
    std::string level;  // subitem, question, item, indicator, instrument, overall
    std::string code;   // empty for overall
    double score = 0;
    std::size_t line = 0;
};

}  // namespace ita::core
