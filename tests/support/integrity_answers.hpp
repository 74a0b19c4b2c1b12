// Answers of four agencies of one type for the integrity tests: T2's first twelve IIT
// respondents gave one and the same varied answer set; the rest answered independently.
#pragma once

#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace ita::test {

inline constexpr const char* copied_answers_agencies =
    "agency_id,name,type,province\nT1,เทศบาลตำบลหนึ่ง,เทศบาลตำบล,ขอนแก่น\nT2,เทศบาลตำบลสอง,เทศบาลตำบล,ขอนแก่น\n"
    "T3,เทศบาลตำบลสาม,เทศบาลตำบล,ขอนแก่น\nT4,เทศบาลตำบลสี่,เทศบาลตำบล,ขอนแก่น\n";

inline std::string copied_answers_csv() {
    static constexpr const char* scale[] = {"I1.1", "I1.2", "I2",    "I3.1",  "I3.2",  "I3.3",  "I7",    "I8.1", "I8.2",
                                            "I9",   "I10",  "I11.1", "I11.2", "I12.1", "I12.2", "I12.3", "I13",  "I14",
                                            "I15",  "I16",  "I17",   "I18.1", "I18.2", "I18.3", "I19",   "I20"};

    std::string text = "agency_id,instrument,respondent";
    for (const char* code : scale) text += std::string(",") + code;
    text += "\n";
    std::mt19937 random(7);
    std::discrete_distribution<int> option({5, 15, 40, 40});
    const auto row = [&](const std::string& agency, int respondent, const std::vector<int>& answers) {
        text += agency + ",IIT,r" + std::to_string(respondent);
        for (const int answer : answers) text += "," + std::to_string(answer);
        text += "\n";
    };
    const auto varied = [&] {
        std::vector<int> answers;
        for (std::size_t index = 0; index < std::size(scale); ++index) answers.push_back(option(random) + 1);
        return answers;
    };
    const auto copied = varied();
    for (const std::string agency : {"T1", "T2", "T3", "T4"})
        for (int respondent = 0; respondent < 30; ++respondent)
            row(agency, respondent, agency == "T2" && respondent < 12 ? copied : varied());
    return text;
}

}  // namespace ita::test
