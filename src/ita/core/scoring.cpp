#include <ita/core/scoring.hpp>

#include <ita/core/verdict.hpp>
#include <ita/util/decimal.hpp>

#include <cmath>

namespace ita::core {

namespace {

constexpr double disagreement_tolerance = 0.01;

// Mean of the present scores among `children`; absent when none is present.
template <typename Indices>
Score mean_of(const std::vector<Score>& scores, const Indices& children) {
    double sum = 0;
    std::size_t count = 0;
    for (const auto child : children) {
        if (const auto& score = scores[static_cast<std::size_t>(child)]) {
            sum += *score;
            ++count;
        }
    }
    if (count == 0) return std::nullopt;
    return sum / static_cast<double>(count);
}

Score given(const std::vector<std::optional<double>>& values, std::size_t slot) {
    return slot < values.size() ? values[slot] : std::nullopt;
}

class AgencyScorer {
public:
    AgencyScorer(const Methodology& methodology, const AgencyInput& input) : m_methodology(methodology), m_input(input) {
        m_scores.agency_id = input.agency_id;
        m_scores.respondents = input.tally.respondents;
    }

    AgencyScores run() {
        score_sub_items();
        score_questions();
        score_items();
        score_sub_indicators();
        score_indicators();
        score_instruments();
        score_overall();
        decide_verdict();
        return std::move(m_scores);
    }

private:
    // Published wins; a derived value that disagrees with it is reported as "<level> <code>".
    Score settle(Score published, Score derived, std::string_view level, std::string_view code) {
        if (!published) return derived;
        if (derived && std::abs(*published - *derived) > disagreement_tolerance)
            m_scores.warnings.push_back(std::string(level) + (code.empty() ? "" : " ") + std::string(code) + ": published " +
                                        util::format_fixed(*published) + " but its parts give " + util::format_fixed(*derived));
        return published;
    }

    void score_sub_items() {
        const auto& tally = m_input.tally;
        m_scores.sub_items.resize(m_methodology.sub_items.size());
        for (std::size_t index = 0; index < m_methodology.sub_items.size(); ++index) {
            Score derived;
            if (index < tally.answer_count.size() && tally.answer_count[index] > 0)
                derived = tally.point_sum[index] / tally.answer_count[index];
            m_scores.sub_items[index] =
                settle(given(m_input.published.sub_items, index), derived, "sub-item", m_methodology.sub_items[index].code);
        }
    }

    void score_questions() {
        m_scores.questions.resize(m_methodology.questions.size());
        for (std::size_t index = 0; index < m_methodology.questions.size(); ++index) {
            const auto& question = m_methodology.questions[index];
            m_scores.questions[index] = settle(given(m_input.published.questions, index), mean_of(m_scores.sub_items, question.sub_items),
                                               "question", question.code);
        }
    }

    void score_items() {
        m_scores.items.resize(m_methodology.items.size());
        for (std::size_t index = 0; index < m_methodology.items.size(); ++index) {
            Score derived;
            if (index < m_input.oit_accepted.size() && m_input.oit_accepted[index]) derived = *m_input.oit_accepted[index] ? 100.0 : 0.0;
            m_scores.items[index] = settle(given(m_input.published.items, index), derived, "item", m_methodology.items[index].code);
        }
    }

    void score_sub_indicators() {
        m_scores.sub_indicators.resize(m_methodology.sub_indicators.size());
        for (std::size_t index = 0; index < m_methodology.sub_indicators.size(); ++index)
            m_scores.sub_indicators[index] = mean_of(m_scores.items, m_methodology.sub_indicators[index].items);
    }

    void score_indicators() {
        m_scores.indicators.resize(m_methodology.indicators.size());
        for (std::size_t index = 0; index < m_methodology.indicators.size(); ++index) {
            const auto& indicator = m_methodology.indicators[index];
            const Score derived = indicator.instrument == Instrument::oit ? mean_of(m_scores.sub_indicators, indicator.sub_indicators)
                                                                          : mean_of(m_scores.questions, indicator.questions);
            m_scores.indicators[index] =
                settle(given(m_input.published.indicators, index), derived, "indicator", std::to_string(indicator.number));
        }
    }

    Score indicator_score(int number) const {
        const auto position = m_methodology.indicator_index(number);
        return position ? m_scores.indicators[*position] : std::nullopt;
    }

    Score mean_of_indicators(const std::vector<int>& numbers) const {
        double sum = 0;
        std::size_t count = 0;
        for (const int number : numbers)
            if (const auto score = indicator_score(number)) {
                sum += *score;
                ++count;
            }
        if (count == 0) return std::nullopt;
        return sum / static_cast<double>(count);
    }

    Score derive_instrument(const InstrumentSpec& instrument) const {
        if (instrument.parts.empty()) return mean_of_indicators(instrument.indicators);
        // Weighted parts; a part with no score leaves the others to carry their own weights.
        double weighted = 0;
        double weight_present = 0;
        for (const auto& part : instrument.parts)
            if (const auto score = mean_of_indicators(part.indicators)) {
                weighted += part.weight * *score;
                weight_present += part.weight;
            }
        if (weight_present == 0) return std::nullopt;
        return weighted / weight_present;
    }

    void score_instruments() {
        for (const auto& instrument : m_methodology.instruments) {
            const auto slot = static_cast<std::size_t>(instrument.code);
            m_scores.instruments[slot] =
                settle(m_input.published.instruments[slot], derive_instrument(instrument), "instrument", instrument_code(instrument.code));
        }
    }

    void score_overall() {
        std::string missing;
        double overall = 0;
        for (const auto& instrument : m_methodology.instruments) {
            const auto& score = m_scores.instruments[static_cast<std::size_t>(instrument.code)];
            if (!score) {
                missing += (missing.empty() ? "" : ", ") + std::string(instrument_code(instrument.code));
                continue;
            }
            overall += instrument.weight * *score;
        }
        Score derived;
        if (missing.empty()) derived = overall;
        m_scores.overall = settle(m_input.published.overall, derived, "overall", "");
        if (!m_scores.overall) m_scores.withheld_reason = "ไม่มีคะแนน " + missing + " จึงคำนวณคะแนนรวมไม่ได้";
    }

    void check_minimum_sample() {
        const auto& rule = m_methodology.minimum_sample;
        const auto check = [&](Instrument instrument, long long minimum) {
            const auto slot = static_cast<std::size_t>(instrument);
            const auto respondents = static_cast<long long>(m_scores.respondents[slot]);
            // Only a score computed from our own responses has a known sample.
            if (m_input.published.instruments[slot] || respondents == 0 || respondents >= minimum) return;
            m_scores.below_minimum_sample.emplace_back(instrument_code(instrument));
            m_scores.withheld_reason += (m_scores.withheld_reason.empty() ? "" : "; ") + std::string("จำนวนผู้ตอบ ") +
                                        std::string(instrument_code(instrument)) + " " + std::to_string(respondents) + " คน ต่ำกว่าขั้นต่ำ " +
                                        std::to_string(minimum) + " คน";
        };
        if (m_input.iit_headcount) check(Instrument::iit, rule.iit_minimum(*m_input.iit_headcount));
        check(Instrument::eit, rule.eit_minimum(m_input.agency_type));
    }

    void decide_verdict() {
        if (!m_scores.overall) return;
        check_minimum_sample();
        if (!m_scores.below_minimum_sample.empty()) return;
        m_scores.pass = passes(m_methodology, *m_scores.overall);
        m_scores.rating = verdict_label(m_methodology, *m_scores.overall, m_scores.instruments);
    }

    const Methodology& m_methodology;
    const AgencyInput& m_input;
    AgencyScores m_scores;
};

}  // namespace

AgencyScores score_agency(const Methodology& methodology, const AgencyInput& input) { return AgencyScorer(methodology, input).run(); }

}  // namespace ita::core
