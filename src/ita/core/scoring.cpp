#include <ita/core/scoring.hpp>

#include <ita/core/verdict.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>
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

// A mean of scores weighted by their parts' weights, over the parts that have a score: a part
// with none leaves the others to carry their own weights.
class WeightedMean {
public:
    void add(double weight, const Score& score) {
        if (!score) return;
        m_weighted += weight * *score;
        m_weight_present += weight;
    }
    [[nodiscard]] Score value() const { return m_weight_present > 0 ? Score(m_weighted / m_weight_present) : std::nullopt; }

private:
    double m_weighted = 0;
    double m_weight_present = 0;
};

// One respondent part's scores at each level, indexed like the methodology's vectors.
struct PartLevels {
    std::vector<Score> sub_items;
    std::vector<Score> questions;
};

class AgencyScorer {
public:
    AgencyScorer(const Methodology& methodology, const AgencyInput& input) : m_methodology(methodology), m_input(input) {
        m_scores.agency_id = input.agency_id;
        m_scores.respondents = input.tally.respondents;
    }

    AgencyScores run() {
        score_eit_parts();
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

    // Each part of the EIT's respondents scored from its own answers: sub-items, questions,
    // indicators, and the part as the mean of its indicators (or as published).
    void score_eit_parts() {
        const auto& respondent_parts = m_methodology.eit_parts();
        if (respondent_parts.empty()) return;
        const auto& eit = m_methodology.instrument(Instrument::eit);
        std::uint32_t in_parts = 0;
        for (std::size_t part = 0; part < respondent_parts.parts.size(); ++part) {
            PartScores scores;
            scores.code = respondent_parts.parts[part].code;
            PartLevels levels;
            if (part < m_input.tally.eit_parts.size() && !m_input.tally.eit_parts[part].empty()) {
                const auto& tally = m_input.tally.eit_parts[part];
                scores.respondents = tally.respondents;
                in_parts += tally.respondents;
                levels.sub_items.resize(m_methodology.sub_items.size());
                for (std::size_t index = 0; index < tally.answer_count.size(); ++index)
                    if (tally.answer_count[index] > 0) levels.sub_items[index] = tally.point_sum[index] / tally.answer_count[index];
                levels.questions.resize(m_methodology.questions.size());
                for (std::size_t index = 0; index < m_methodology.questions.size(); ++index)
                    levels.questions[index] = mean_of(levels.sub_items, m_methodology.questions[index].sub_items);
                m_part_has_answers = true;
            }
            for (const int number : eit.indicators) {
                const auto position = m_methodology.indicator_index(number);
                scores.indicators.push_back(position && !levels.questions.empty()
                                                ? mean_of(levels.questions, m_methodology.indicators[*position].questions)
                                                : std::nullopt);
            }
            std::vector<std::size_t> all(scores.indicators.size());
            for (std::size_t index = 0; index < all.size(); ++index) all[index] = index;
            scores.score = settle(given(m_input.published.eit_parts, part), mean_of(scores.indicators, all), "EIT part", scores.code);
            m_scores.eit_parts.push_back(std::move(scores));
            m_part_levels.push_back(std::move(levels));
        }
        const std::uint32_t outside = m_input.tally.respondents[1] - std::min(in_parts, m_input.tally.respondents[1]);
        if (respondent_parts.rule == PartRule::weighted && outside > 0)
            m_scores.warnings.push_back("EIT: " + std::to_string(outside) +
                                        " respondents name no part; the weighted rule scores the parts' respondents only");
    }

    // Under the weighted rule, an EIT sub-item is the parts' scores of it weighted (questions and
    // indicators follow as means); a part with no score leaves the others to carry their weights.
    Score weighted_part_sub_item(std::size_t index) const {
        WeightedMean mean;
        const auto& parts = m_methodology.eit_parts().parts;
        for (std::size_t part = 0; part < m_part_levels.size(); ++part)
            if (index < m_part_levels[part].sub_items.size()) mean.add(parts[part].weight, m_part_levels[part].sub_items[index]);
        return mean.value();
    }

    bool weighs_parts(Instrument instrument) const {
        return instrument == Instrument::eit && m_part_has_answers && m_methodology.eit_parts().rule == PartRule::weighted;
    }

    void score_sub_items() {
        const auto& tally = m_input.tally;
        m_scores.sub_items.resize(m_methodology.sub_items.size());
        for (std::size_t index = 0; index < m_methodology.sub_items.size(); ++index) {
            Score derived;
            const auto instrument = m_methodology.questions[m_methodology.sub_items[index].question].instrument;
            if (weighs_parts(instrument))
                derived = weighted_part_sub_item(index);
            else if (index < tally.answer_count.size() && tally.answer_count[index] > 0)
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
        // Weighted respondent parts with no answers of their own: their published scores, weighted.
        if (!instrument.respondent_parts.empty() && instrument.respondent_parts.rule == PartRule::weighted && !m_part_has_answers) {
            WeightedMean mean;
            for (std::size_t part = 0; part < m_scores.eit_parts.size(); ++part)
                mean.add(instrument.respondent_parts.parts[part].weight, m_scores.eit_parts[part].score);
            if (const auto score = mean.value()) return score;
        }
        if (instrument.parts.empty()) return mean_of_indicators(instrument.indicators);
        WeightedMean mean;
        for (const auto& part : instrument.parts) mean.add(part.weight, mean_of_indicators(part.indicators));
        return mean.value();
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
    std::vector<PartLevels> m_part_levels;  // per EIT respondent part
    bool m_part_has_answers = false;
};

}  // namespace

AgencyScores score_agency(const Methodology& methodology, const AgencyInput& input) { return AgencyScorer(methodology, input).run(); }

std::string eit_parts_note(const Methodology& methodology, const AgencyScores& scores, bool hides_small_parts) {
    const auto& respondent_parts = methodology.eit_parts();
    std::string note = "คะแนน EIT ได้จากการ" + std::string(part_rule_label(respondent_parts.rule));
    if (!respondent_parts.provenance.is_official()) note += " (วิธีรวมนี้ยังไม่ยืนยันจากแหล่งทางการ)";
    if (hides_small_parts &&
        std::any_of(scores.eit_parts.begin(), scores.eit_parts.end(), [](const PartScores& part) { return !part_score_shown(part); }))
        note += " ส่วนที่มีผู้ตอบน้อยกว่า " + std::to_string(fewest_part_respondents_shown) + " คนไม่แสดงคะแนน";
    return note;
}

}  // namespace ita::core
