#include <ita/service/score_visibility.hpp>

#include <ita/service/season.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>

namespace ita::service {

namespace {

void round_all(std::vector<core::Score>& scores) {
    for (auto& score : scores)
        if (score) *score = util::round_half_away(*score, 2);
}

void round_one(core::Score& score) {
    if (score) *score = util::round_half_away(*score, 2);
}

}  // namespace

core::AgencyScores withhold_instruments(const core::Methodology& methodology, core::AgencyScores scores, const std::array<bool, 2>& hidden,
                                        const std::string& reason) {
    bool any_hidden = false;
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        const auto index = static_cast<std::size_t>(instrument);
        if (!hidden[index]) continue;
        any_hidden = true;
        for (std::size_t sub = 0; sub < methodology.sub_items.size() && sub < scores.sub_items.size(); ++sub)
            if (methodology.questions[methodology.sub_items[sub].question].instrument == instrument) scores.sub_items[sub].reset();
        for (std::size_t question = 0; question < methodology.questions.size() && question < scores.questions.size(); ++question)
            if (methodology.questions[question].instrument == instrument) scores.questions[question].reset();
        for (std::size_t indicator = 0; indicator < methodology.indicators.size() && indicator < scores.indicators.size(); ++indicator)
            if (methodology.indicators[indicator].instrument == instrument) scores.indicators[indicator].reset();
        scores.instruments[index].reset();
        // Counts below the minimum are shown rounded down, like every count during the window.
        scores.respondents[index] = static_cast<std::uint32_t>(scores.respondents[index] / shown_count_step * shown_count_step);
    }
    const bool eit_hidden = hidden[static_cast<std::size_t>(core::Instrument::eit)];
    for (auto& part : scores.eit_parts) {
        if (eit_hidden || !core::part_score_shown(part)) {
            part.score.reset();
            for (auto& indicator : part.indicators) indicator.reset();
        }
        if (eit_hidden) part.respondents = static_cast<std::uint32_t>(part.respondents / shown_count_step * shown_count_step);
    }
    if (any_hidden) {
        scores.overall.reset();
        scores.rating.clear();
        scores.pass.reset();
        scores.withheld_reason = reason;
    }
    return scores;
}

core::AgencyScores mask_and_round(const core::Methodology& methodology, core::AgencyScores scores, const std::array<bool, 2>& hidden) {
    scores = withhold_instruments(methodology, std::move(scores), hidden, "คะแนน IIT/EIT จะแสดงเมื่อปิดการตอบแบบวัดและมีผู้ตอบครบตามจำนวนขั้นต่ำ");
    for (auto& part : scores.eit_parts) {
        round_all(part.indicators);
        round_one(part.score);
    }
    round_all(scores.sub_items);
    round_all(scores.questions);
    round_all(scores.items);
    round_all(scores.sub_indicators);
    round_all(scores.indicators);
    for (auto& instrument : scores.instruments) round_one(instrument);
    round_one(scores.overall);
    return scores;
}

std::array<bool, 2> short_samples(const core::Methodology& methodology, const core::Agency* agency, const core::AgencyScores& scores) {
    const auto floor = static_cast<long long>(shown_count_step);
    const auto headcount = agency ? agency->headcount : std::nullopt;
    const std::array<long long, 2> minimum{std::max(floor, headcount ? methodology.minimum_sample.iit_minimum(*headcount) : floor),
                                           std::max(floor, methodology.minimum_sample.eit_minimum(agency ? agency->type : std::string()))};
    std::array<bool, 2> short_of_minimum{};
    for (const std::size_t slot : {0u, 1u}) {
        const auto respondents = static_cast<long long>(scores.respondents[slot]);
        short_of_minimum[slot] = respondents > 0 && respondents < minimum[slot];
    }
    return short_of_minimum;
}

void withhold_short_samples(const core::Methodology& methodology, std::span<report::ScoredAgency> scored) {
    for (auto& entry : scored) {
        const auto hidden = short_samples(methodology, entry.agency, entry.scores);
        if (!hidden[0] && !hidden[1]) continue;
        const std::string instruments = hidden[0] && hidden[1] ? "IIT และ EIT" : hidden[0] ? "IIT" : "EIT";
        entry.scores = withhold_instruments(methodology, std::move(entry.scores), hidden,
                                            "จำนวนผู้ตอบแบบวัด " + instruments + " ต่ำกว่าขั้นต่ำ จึงไม่เผยแพร่คะแนน " + instruments +
                                                " และคะแนนรวม เพื่อไม่ให้ผู้ใดอ่านคำตอบของผู้ตอบรายใดได้");
    }
}

Result<std::array<bool, 2>> hidden_instruments(storage::Store& store, const core::Methodology& methodology,
                                               const core::AgencyScores& scores, const std::string& today) {
    // The agency's minimum samples: IIT from the headcount (the group's entry for the year, else
    // the agencies file's), EIT from its type.
    ITA_TRY(agency, store.agency(scores.agency_id));
    ITA_TRY(headcounts, store.headcounts(methodology.fiscal_year));
    if (agency)
        if (const auto entered = headcounts.find(scores.agency_id); entered != headcounts.end()) agency->headcount = entered->second;
    auto hidden = short_samples(methodology, agency ? &*agency : nullptr, scores);
    ITA_TRY(windows, store.season_windows(methodology.fiscal_year));
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        const auto slot = static_cast<std::size_t>(instrument);
        const bool closed = phase_status_in(windows, survey_phase(instrument), today).state == PhaseState::closed;
        // A year without a calendar had no survey on the web (its answers come from files).
        const bool open_on_web = !windows.empty() && !closed;
        hidden[slot] = hidden[slot] || open_on_web;
    }
    return hidden;
}

Result<core::AgencyScores> scores_before_publication(storage::Store& store, const core::Methodology& methodology, core::AgencyScores scores,
                                                     const std::string& today) {
    ITA_TRY(hidden, hidden_instruments(store, methodology, scores, today));
    return mask_and_round(methodology, std::move(scores), hidden);
}

}  // namespace ita::service
