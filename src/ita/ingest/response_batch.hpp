// ResponseBatch: the respondents of one or more responses files, each with its packed answers,
// for import into a store (where ScoringInputs keeps only running sums for scoring).
// Accepts any agency id: the store checks them. Not thread-safe.
#pragma once

#include <ita/core/answer_layout.hpp>
#include <ita/core/methodology.hpp>
#include <ita/core/respondent_answers.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ita::ingest {

class ResponseBatch {
public:
    explicit ResponseBatch(const core::Methodology& methodology) : m_methodology(&methodology), m_layout(methodology) {}

    [[nodiscard]] const core::Methodology& methodology() const { return *m_methodology; }
    [[nodiscard]] const core::AnswerLayout& layout() const { return m_layout; }
    [[nodiscard]] const std::vector<core::RespondentAnswers>& respondents() const { return m_respondents; }
    [[nodiscard]] std::size_t answer_count() const { return m_answer_count; }

    // The sink interface of the responses reader (see ScoringInputs).
    std::optional<std::size_t> agency(std::string_view agency_id);
    using Respondent = std::size_t;  // index into respondents()
    // `part`: 0 for none, else the EIT respondent part's index + 1; kept from the first call.
    Respondent respondent(std::size_t agency, core::Instrument instrument, std::string_view label, std::size_t line, std::uint8_t part);
    [[nodiscard]] std::uint8_t part_of(Respondent respondent) const { return m_parts[respondent]; }
    enum class AnswerOutcome { recorded, duplicate };
    AnswerOutcome record_answer(Respondent respondent, std::size_t sub_item, std::size_t option, double points);

private:
    const core::Methodology* m_methodology;
    core::AnswerLayout m_layout;
    std::vector<std::string> m_agency_ids;
    std::unordered_map<std::string, std::size_t> m_agency_index;
    std::unordered_map<std::string, Respondent> m_respondent_index;  // key: agency \x1f instrument \x1f label
    std::vector<core::RespondentAnswers> m_respondents;
    std::vector<std::uint8_t> m_parts;  // per respondent, as respondent() takes it
    std::size_t m_answer_count = 0;
    std::optional<Respondent> m_last;
    std::string m_last_key;
};

}  // namespace ita::ingest
