#include <ita/service/publication.hpp>

#include <ita/report/score_outputs.hpp>
#include <ita/service/score_store.hpp>
#include <ita/service/score_visibility.hpp>
#include <ita/storage/respondent_key.hpp>
#include <ita/thai/dates.hpp>
#include <ita/thai/digits.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

namespace ita::service {

namespace {

std::string phase_problem(const PhaseCheck& check) {
    const std::string label(core::season_phase_label(check.phase));
    if (check.status.state == PhaseState::not_yet) return label + " ยังไม่เริ่ม (เปิด " + thai::short_thai_date(check.status.opens_on) + ")";
    if (check.status.closes_on == open_ended) return label + " ยังเปิดอยู่และไม่กำหนดวันปิด: กำหนดวันปิดในปฏิทินก่อน";
    return label + " ยังเปิดอยู่ (ปิด " + thai::short_thai_date(check.status.closes_on) + ")";
}

// Collapses runs of white space, trims, and reads Thai digits as Arabic: what a person typed.
std::string normalised(std::string_view typed) {
    const std::string arabic = thai::to_arabic_digits(typed);
    std::string out;
    for (const char c : arabic) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

Result<PublicationPreview> build_preview(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                         const std::string& today, bool save_snapshots) {
    ITA_TRY(run, score_store(store, {fiscal_year, std::nullopt, methodology_dir, save_snapshots}));
    PublicationPreview preview;
    preview.fiscal_year = fiscal_year;
    preview.methodology_version = run.methodology.version;
    preview.pass_mark = run.methodology.pass_mark;
    preview.national_target_percent = run.methodology.national_target_percent;

    // The calendar: every phase it schedules must be over.
    ITA_TRY(windows, store.season_windows(fiscal_year));
    for (const auto& window : windows) {
        PhaseCheck check{window.phase, phase_status_in(windows, window.phase, today)};
        if (check.status.state != PhaseState::closed) preview.blocking.push_back(phase_problem(check));
        preview.calendar.push_back(std::move(check));
    }
    // The OIT review: nothing waiting for a verdict, first or after a clarification.
    ITA_TRY(progress, store.oit_review_progress(fiscal_year));
    std::size_t agencies_waiting = 0;
    for (const auto& agency : progress) {
        preview.oit_awaiting_review += agency.awaiting_review;
        preview.oit_awaiting_re_review += agency.awaiting_re_review;
        if (agency.awaiting_review + agency.awaiting_re_review > 0) ++agencies_waiting;
    }
    if (preview.oit_awaiting_review + preview.oit_awaiting_re_review > 0)
        preview.blocking.push_back("การตรวจประเมิน OIT ยังไม่เสร็จ: รอตรวจ " + std::to_string(preview.oit_awaiting_review) +
                                   " รายการ และรอตรวจซ้ำหลังชี้แจง " + std::to_string(preview.oit_awaiting_re_review) + " รายการ ใน " +
                                   std::to_string(agencies_waiting) + " หน่วยงาน");

    // The rows: the agencies assessed this year, each as the public will see it.
    ITA_TRY(assessed_list, store.assessed_agencies(fiscal_year));
    const std::set<std::string> assessed(assessed_list.begin(), assessed_list.end());
    std::string digest_text;
    withhold_short_samples(run.methodology, run.scored);
    for (const auto& scored : run.scored) {
        if (!assessed.contains(scored.scores.agency_id)) continue;
        const auto& shown = scored.scores;
        const std::string name = scored.agency ? scored.agency->name : scored.scores.agency_id;
        if (shown.rating.empty())
            preview.without_result.push_back(
                {shown.agency_id, name, shown.withheld_reason.empty() ? std::string("ไม่มีคะแนนรวม") : shown.withheld_reason});
        storage::ScoreSnapshot row{shown.agency_id, shown.overall, shown.rating, shown.pass,
                                   report::agency_scores_json(run.methodology, report::ScoredAgency{scored.agency, shown})};
        digest_text += row.agency_id + '\n' + row.detail_json + '\n';
        preview.rows.push_back(std::move(row));
    }
    if (preview.rows.empty()) preview.blocking.push_back("ยังไม่มีหน่วยงานที่มีข้อมูลให้คำนวณคะแนนในปีนี้");
    preview.figures = national_figures(preview.rows);
    ITA_TRY(digest, store.stamp("publication preview", digest_text));
    preview.digest = std::move(digest);

    // Against what is public: this year's version in force (a correction), else last year.
    ITA_TRY(publications, store.publications());
    for (const auto& publication : publications) {
        if (publication.fiscal_year == fiscal_year) preview.current = publication;
        if (publication.fiscal_year < fiscal_year && !preview.last_year) preview.last_year = publication;
    }
    ITA_TRY(history, store.publication_history(fiscal_year));
    if (!history.empty() && (!preview.current || history.back().publication_id != preview.current->publication_id)) {
        preview.pending = history.back();
        preview.blocking.push_back("ฉบับที่ " + std::to_string(history.back().version) + " ตั้งเวลาเผยแพร่ไว้แล้ว (" +
                                   thai::short_thai_time(history.back().public_from) + "): ยกเลิกฉบับนั้นก่อนเผยแพร่ใหม่");
    }
    if (preview.last_year) {
        ITA_TRY(rows, store.published_overall(preview.last_year->fiscal_year));
        preview.last_year_figures = national_figures(rows);
    }
    if (preview.current) {
        ITA_TRY(rows, store.published_overall(fiscal_year));
        std::unordered_map<std::string, const storage::ScoreSnapshot*> before;
        for (const auto& row : rows) before.emplace(row.agency_id, &row);
        std::unordered_map<std::string, std::string> names;
        for (const auto& agency : run.agencies) names.emplace(agency.agency_id, agency.name);
        for (const auto& row : preview.rows) {
            const auto found = before.find(row.agency_id);
            const auto* old = found != before.end() ? found->second : nullptr;
            const bool same = old && old->rating == row.rating && old->overall.has_value() == row.overall.has_value() &&
                              (!row.overall || std::abs(*old->overall - *row.overall) < 0.005);
            if (!same)
                preview.changes.push_back({row.agency_id, names[row.agency_id], old ? old->overall : std::nullopt, row.overall,
                                           old ? old->rating : std::string(), row.rating});
        }
    }
    return preview;
}

}  // namespace

NationalFigures national_figures(std::span<const storage::ScoreSnapshot> rows) {
    NationalFigures figures;
    figures.agencies = rows.size();
    double sum = 0;
    for (const auto& row : rows) {
        if (!row.overall || row.rating.empty()) continue;
        ++figures.with_result;
        sum += *row.overall;
        if (row.pass.value_or(false)) ++figures.passing;
    }
    if (figures.with_result > 0) {
        figures.mean = sum / static_cast<double>(figures.with_result);
        figures.pass_percent = 100.0 * static_cast<double>(figures.passing) / static_cast<double>(figures.with_result);
    }
    return figures;
}

std::string confirmation_phrase(int fiscal_year) { return "เผยแพร่ผลปี " + std::to_string(fiscal_year); }

Result<PublicationPreview> preview_publication(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                               const std::string& today) {
    return build_preview(store, fiscal_year, methodology_dir, today, false);
}

Result<storage::Publication> publish_season(storage::Store& store, const PublishRequest& request) {
    ITA_TRY(preview, build_preview(store, request.fiscal_year, request.methodology_dir, request.today, true));
    std::vector<Diagnostic> problems;
    const auto problem = [&](std::string field, std::string message) { problems.push_back({"", 0, std::move(field), std::move(message)}); };
    for (const auto& line : preview.blocking) problem("preconditions", line);
    if (normalised(request.confirmation) != confirmation_phrase(request.fiscal_year))
        problem("confirmation", "พิมพ์ “" + confirmation_phrase(request.fiscal_year) + "” เพื่อยืนยันการเผยแพร่");
    if (!request.digest.empty() && request.digest != preview.digest)
        problem("digest", "ข้อมูลเปลี่ยนไปหลังจากแสดงตัวอย่าง: โปรดตรวจตัวอย่างอีกครั้งก่อนยืนยัน");
    if (preview.correction() && util::count_letters(request.reason).letters < shortest_reason)
        problem("reason", "ผลปี " + std::to_string(request.fiscal_year) + " เผยแพร่แล้ว: การเผยแพร่ใหม่เป็นฉบับแก้ไข ระบุเหตุผลอย่างน้อย " +
                              std::to_string(shortest_reason) + " ตัวอักษร");
    if (!request.public_from.empty() && request.public_from <= storage::utc_now()) problem("embargo", "เวลาเผยแพร่ที่ตั้งไว้ต้องเป็นเวลาในอนาคต");
    if (!problems.empty()) {
        std::string detail = "year=" + std::to_string(request.fiscal_year) + " problems=";
        for (const auto& found : problems) detail += found.field + (&found == &problems.back() ? "" : ",");
        ITA_TRY_VOID(store.record(request.actor, "publish refused", detail));
        Error error{ErrorCode::invalid_input, "ยังเผยแพร่ผลปี " + std::to_string(request.fiscal_year) + " ไม่ได้", std::move(problems), 0};
        return std::unexpected(std::move(error));
    }
    return store.publish_results({request.fiscal_year, preview.methodology_version, std::move(preview.rows), request.actor,
                                  std::string(util::trim(request.reason)), request.public_from});
}

}  // namespace ita::service
