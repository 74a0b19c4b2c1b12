// A complete staff-survey (IIT 2565) answer set as the API takes it: every yes/no item "no",
// every scale item 4. Shared by the tests that submit a staff survey through the API.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace ita::test {

inline std::string full_staff_answers_json() {
    nlohmann::json answers;
    for (const char* code : {"I4.1", "I4.2", "I4.3", "I5.1", "I5.2", "I5.3", "I6.1", "I6.2", "I6.3", "I26.1", "I26.2"})
        answers[code] = "no";
    for (const char* code :
         {"I1.1",  "I1.2",  "I2",  "I3.1", "I3.2",  "I3.3",  "I7",    "I8.1",  "I8.2",  "I9",    "I10",   "I11.1", "I11.2", "I12.1",
          "I12.2", "I12.3", "I13", "I14",  "I15",   "I16",   "I17",   "I18.1", "I18.2", "I18.3", "I19",   "I20",   "I21",   "I22",
          "I23",   "I24",   "I25", "I27",  "I28.1", "I28.2", "I28.3", "I29",   "I30.1", "I30.2", "I30.3", "I30.4"})
        answers[code] = 4;
    return nlohmann::json{{"answers", answers}}.dump();
}

}  // namespace ita::test
