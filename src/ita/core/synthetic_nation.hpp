// SyntheticNation: a deterministic, realistic synthetic national dataset for demos, tests and
// benchmarks: agencies by type and province in national proportions, IIT and EIT respondents
// by type and size, missing answers, and OIT verdicts. The same methodology, seed and agency
// count always give the same data, and each agency is generated independently of the others
// (its own random stream), so any agency can be regenerated alone.
// Immutable after construction; generating from it is thread-safe.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/methodology.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <vector>

namespace ita::core {

class SyntheticNation {
public:
    SyntheticNation(const Methodology& methodology, std::size_t agency_count, std::uint64_t seed);

    [[nodiscard]] const std::vector<Agency>& agencies() const { return m_agencies; }

    // One respondent's answers: per sub-item of the methodology, the option index (0–3 for a
    // four-level item, 0 = yes / 1 = no) or -1 when unanswered or not of this instrument.
    using AnswerRow = std::vector<std::int8_t>;

    // Calls `sink(instrument, respondent_number, answers)` for every respondent of the agency.
    template <typename Sink>
    void for_each_respondent(std::size_t agency, Sink&& sink) const {
        AgencyStream stream = start(agency);
        AnswerRow answers(m_methodology.sub_items.size(), -1);
        for (const auto instrument : {Instrument::iit, Instrument::eit}) {
            const auto slot = static_cast<std::size_t>(instrument);
            for (std::uint32_t number = 1; number <= stream.respondents[slot]; ++number) {
                fill_answers(stream, instrument, answers);
                sink(instrument, number, std::span<const std::int8_t>(answers));
            }
        }
    }

    // How many IIT and EIT respondents the agency has, without generating their answers.
    [[nodiscard]] std::array<std::uint32_t, 2> respondent_counts(std::size_t agency) const { return start(agency).respondents; }

    // The auditor's verdict per OIT item of the methodology (true = accepted).
    [[nodiscard]] std::vector<bool> oit_verdicts(std::size_t agency) const;

private:
    struct AgencyStream {
        std::mt19937_64 random;
        double quality = 0;  // 0–1: how well the agency does
        std::array<std::uint32_t, 2> respondents{};
    };

    AgencyStream start(std::size_t agency) const;
    void fill_answers(AgencyStream& stream, Instrument instrument, AnswerRow& answers) const;

    const Methodology& m_methodology;
    std::uint64_t m_seed;
    std::vector<Agency> m_agencies;
    std::vector<std::uint32_t> m_type_of_agency;
};

}  // namespace ita::core
