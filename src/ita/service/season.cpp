#include <ita/service/season.hpp>

#include <ita/core/answer_layout.hpp>
#include <ita/core/measure.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/csv_reader.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <set>

namespace ita::service {

Result<std::vector<std::string>> read_agency_list(storage::Store& store, const std::string& text, const std::string& path) {
    ITA_TRY(agencies, store.agencies());
    std::set<std::string, std::less<>> known;
    for (const auto& agency : agencies) known.insert(agency.agency_id);
    util::DiagnosticList problems(path);
    std::vector<std::string> ids;
    std::size_t column = 0;
    util::CsvReader reader(text);
    for (bool first = true; reader.next(); first = false) {
        const auto& fields = reader.fields();
        if (reader.problem()) {
            problems.add(reader.line(), "agency_id", reader.problem()->message);
            continue;
        }
        if (first) {
            const auto header = std::find(fields.begin(), fields.end(), "agency_id");
            if (header != fields.end()) {
                column = static_cast<std::size_t>(header - fields.begin());
                continue;
            }
        }
        const std::string id(column < fields.size() ? util::trim(fields[column]) : std::string_view());
        if (!known.contains(id))
            problems.add(reader.line(), "agency_id", "unknown agency " + util::quoted(id) + ": import it with `ita import agencies` first");
        else
            ids.push_back(id);
    }
    if (!problems.empty()) return std::unexpected(problems.into_error("the agency list names agencies the database does not have"));
    if (ids.empty()) return fail(ErrorCode::invalid_input, path + ": the agency list is empty");
    return ids;
}

Result<std::vector<storage::SeasonWindow>> open_season(storage::Store& store, const SeasonRequest& request) {
    util::DiagnosticList problems("season");
    for (const auto* dates : {&request.opens, &request.closes})
        for (const auto& [phase, day] : *dates) {
            if (!core::parse_season_phase(phase))
                problems.add(0, phase, "is not a phase of the season");
            else if (!util::is_iso_date(day))
                problems.add(0, phase, "must be a date YYYY-MM-DD, not " + util::quoted(day));
        }
    std::vector<storage::SeasonWindow> windows;
    for (const auto phase : core::season_phases) {
        const std::string name(core::season_phase_code(phase));
        const auto opens = request.opens.find(name), closes = request.closes.find(name);
        storage::SeasonWindow window{phase, opens == request.opens.end() ? request.today : opens->second,
                                     closes == request.closes.end() ? std::string(open_ended) : closes->second};
        if (window.closes_on < window.opens_on)
            problems.add(0, name, "closes (" + window.closes_on + ") before it opens (" + window.opens_on + ")");
        windows.push_back(std::move(window));
    }
    // The OIT steps follow one another: auditors review what the entry window closed on, and
    // agencies clarify what was reviewed. (An entry window with no closing day sets no order.)
    const auto window_of = [&](core::SeasonPhase phase) -> const storage::SeasonWindow& {
        return windows[static_cast<std::size_t>(phase)];
    };
    const auto& entry = window_of(core::SeasonPhase::oit_entry);
    const auto& review = window_of(core::SeasonPhase::review);
    const auto& clarification = window_of(core::SeasonPhase::clarification);
    // Only days someone chose are held to this (a phase left out opens today by default).
    const auto given = [&](const std::map<std::string, std::string>& dates, core::SeasonPhase phase) {
        return dates.contains(std::string(core::season_phase_code(phase)));
    };
    if (problems.empty() && given(request.closes, core::SeasonPhase::oit_entry) && given(request.opens, core::SeasonPhase::review) &&
        review.opens_on <= entry.closes_on)
        problems.add(0, "review",
                     "overlaps the OIT entry: it opens (" + review.opens_on + ") before entry closes (" + entry.closes_on + ")");
    if (problems.empty() && given(request.opens, core::SeasonPhase::clarification) && given(request.opens, core::SeasonPhase::review) &&
        clarification.opens_on < review.opens_on)
        problems.add(0, "clarification",
                     "overlaps the review: it opens (" + clarification.opens_on + ") before the review opens (" + review.opens_on + ")");
    if (!problems.empty()) return std::unexpected(problems.into_error("the season's calendar is not valid"));
    std::vector<std::string> agency_ids;
    if (request.agencies_file) {
        ITA_TRY(text, util::read_file(*request.agencies_file));
        ITA_TRY(listed, read_agency_list(store, text, *request.agencies_file));
        agency_ids = std::move(listed);
    } else if (request.agencies_text && !util::trim(*request.agencies_text).empty()) {
        ITA_TRY(listed, read_agency_list(store, *request.agencies_text, "agencies"));
        agency_ids = std::move(listed);
    }
    ITA_TRY(methodology, methodology_in_force(store, request.fiscal_year, request.methodology_dir));
    const core::AnswerLayout layout(methodology);
    ITA_TRY_VOID(store.ensure_fiscal_year(
        {request.fiscal_year, methodology.version, layout.codes(core::Instrument::iit), layout.codes(core::Instrument::eit)}));
    ITA_TRY_VOID(store.open_season(request.fiscal_year, agency_ids, windows, request.actor));
    // From now on every process uses this version; a change is a new version with a reason.
    ITA_TRY_VOID(freeze_methodology_in_force(store, request.fiscal_year, request.methodology_dir, request.actor));
    return windows;
}

Result<PhaseStatus> phase_status(storage::Store& store, int fiscal_year, core::SeasonPhase phase, const std::string& today) {
    ITA_TRY(windows, store.season_windows(fiscal_year));
    return phase_status_in(windows, phase, today);
}

PhaseStatus phase_status_in(std::span<const storage::SeasonWindow> windows, core::SeasonPhase phase, const std::string& today) {
    const auto found =
        std::find_if(windows.begin(), windows.end(), [&](const storage::SeasonWindow& window) { return window.phase == phase; });
    if (found == windows.end()) return PhaseStatus{};
    const auto state = today < found->opens_on ? PhaseState::not_yet : today > found->closes_on ? PhaseState::closed : PhaseState::open;
    return PhaseStatus{state, found->opens_on, found->closes_on};
}

Result<void> require_open(storage::Store& store, int fiscal_year, core::SeasonPhase phase, const std::string& today) {
    ITA_TRY(status, phase_status(store, fiscal_year, phase, today));
    if (status.state == PhaseState::open) return {};
    const std::string label(core::season_phase_label(phase));
    if (status.state == PhaseState::not_yet)
        return fail(ErrorCode::not_open, label + " ยังไม่เปิด (เปิด " + thai::short_thai_date(status.opens_on) + ")");
    return fail(ErrorCode::not_open, label + " ปิดแล้วเมื่อ " + thai::short_thai_date(status.closes_on));
}

}  // namespace ita::service
