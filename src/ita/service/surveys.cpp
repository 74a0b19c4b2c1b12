#include <ita/service/surveys.hpp>

#include <ita/util/metrics.hpp>

#include <ita/service/methodology_in_force.hpp>
#include <ita/service/season.hpp>

#include <ita/core/answer_layout.hpp>
#include <ita/ingest/answer_option.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/diagnostics.hpp>
#include <ita/util/text.hpp>

#include <sodium.h>

#include <algorithm>

namespace ita::service {

namespace {

std::string new_code() {
    static constexpr char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 letters, none easily misread
    std::string code;
    for (int index = 0; index < 10; ++index) {
        if (index == 5) code += '-';
        code += alphabet[randombytes_uniform(32)];
    }
    return code;
}

Result<core::Methodology> registered_methodology(storage::Store& store, int fiscal_year,
                                                 const std::optional<std::string>& methodology_dir) {
    ITA_TRY(methodology, methodology_in_force(store, fiscal_year, methodology_dir));
    const core::AnswerLayout layout(methodology);
    ITA_TRY_VOID(store.ensure_fiscal_year(
        {fiscal_year, methodology.version, layout.codes(core::Instrument::iit), layout.codes(core::Instrument::eit)}));
    return methodology;
}

}  // namespace

Result<std::vector<std::string>> issue_codes(storage::Store& store, int fiscal_year, const std::string& agency_id, std::size_t count,
                                             const std::optional<std::string>& methodology_dir, const std::string& actor) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    if (count == 0 || count > 100000) return fail(ErrorCode::invalid_input, "--count must be from 1 to 100000");
    ITA_TRY(methodology, registered_methodology(store, fiscal_year, methodology_dir));
    (void)methodology;
    std::vector<std::string> codes;
    for (std::size_t index = 0; index < count; ++index) codes.push_back(new_code());
    ITA_TRY_VOID(store.add_survey_codes(fiscal_year, agency_id, core::Instrument::iit, codes, actor));
    return codes;
}

std::string normalise_code(std::string_view typed) {
    std::string code;
    for (const char c : typed) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (code.size() == 10) code.insert(5, 1, '-');
    return code;
}

Result<SurveyForm> survey_form(storage::Store& store, const std::string& typed_code, const std::optional<std::string>& methodology_dir,
                               const std::string& today) {
    const std::string code = normalise_code(typed_code);
    ITA_TRY(found, store.survey_code(code));
    if (found.spent) return fail(ErrorCode::used_up, "the survey code has already been used");
    ITA_TRY_VOID(require_open(store, found.fiscal_year, core::SeasonPhase::iit, today));
    ITA_TRY(methodology, shared_methodology_in_force(store, found.fiscal_year, methodology_dir));
    SurveyForm form{std::move(methodology), found, {}, code};
    for (std::size_t index = 0; index < form.methodology->questions.size(); ++index)
        if (form.methodology->questions[index].instrument == found.instrument) form.questions.push_back(index);
    return form;
}

namespace {
// Every sub-item of the instrument answered with a valid option, packed; or what is missing.
constexpr std::string_view started_purpose = "form-started";

// The sealed submission: the answers, the UTC hour, the coarse time taken to answer and, for
// the EIT of a year in parts, the part answered by the public themselves (every web answer is).
storage::HeldSubmission held_submission(storage::Store& store, const core::Methodology& methodology, core::Instrument instrument,
                                        std::vector<std::uint8_t> packed, const std::map<std::string, std::string>& fields) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char hour[16];
    std::strftime(hour, sizeof hour, "%Y-%m-%dT%H", &utc);
    const core::RespondentPart* part = instrument == core::Instrument::eit ? methodology.eit_parts().self_answered() : nullptr;
    return {std::move(packed), hour, std::string(core::duration_bucket_code(completion_time(store, fields, now))),
            part ? part->code : std::string()};
}

Result<std::vector<std::uint8_t>> pack_answers(const core::Methodology& methodology, core::Instrument instrument,
                                               const std::map<std::string, std::string>& fields) {
    const core::AnswerLayout layout(methodology);
    const auto& sub_items = layout.sub_items(instrument);
    std::vector<std::uint8_t> packed(sub_items.size(), 0);
    util::DiagnosticList problems("form");
    for (std::size_t position = 0; position < sub_items.size(); ++position) {
        const auto& sub_item = methodology.sub_items[sub_items[position]];
        const auto found = fields.find(sub_item.code);
        if (found == fields.end() || found->second.empty()) {
            problems.add(0, sub_item.code, "ยังไม่ได้ตอบ (not answered)");
            continue;
        }
        const auto option = ingest::parse_answer_option(sub_item.kind, found->second);
        if (!option) {
            problems.add(0, sub_item.code, "คำตอบไม่ถูกต้อง (not a valid answer)");
            continue;
        }
        packed[position] = core::AnswerLayout::pack(*option);
    }
    if (!problems.empty()) return std::unexpected(problems.into_error("กรุณาตอบให้ครบทุกข้อ (please answer every item)"));
    return packed;
}

// The deployment's count of answers received, per instrument only (no agency: the metric must
// say nothing about who answered where).
void count_submission(core::Instrument instrument) {
    util::metrics::count("ita_survey_submissions_total", "Survey answers accepted, by instrument",
                         {{"instrument", instrument == core::Instrument::iit ? "iit" : "eit"}});
}

}  // namespace

std::string new_token() {
    unsigned char bytes[18];
    randombytes_buf(bytes, sizeof bytes);
    char text[sizeof bytes * 2 + 1];
    sodium_bin2hex(text, sizeof text, bytes, sizeof bytes);
    return text;
}

Result<void> submit_survey(storage::Store& store, const std::string& code, const std::map<std::string, std::string>& fields,
                           const std::optional<std::string>& methodology_dir, const std::string& today) {
    ITA_TRY(form, survey_form(store, code, methodology_dir, today));
    ITA_TRY(packed, pack_answers(*form.methodology, form.code.instrument, fields));
    ITA_TRY_VOID(
        store.submit_survey(form.code_text, held_submission(store, *form.methodology, form.code.instrument, std::move(packed), fields)));
    count_submission(form.code.instrument);
    return {};
}

Result<PublicForm> public_form(storage::Store& store, const std::string& agency_id, const std::optional<std::string>& methodology_dir,
                               const std::string& today) {
    ITA_TRY(year, store.open_fiscal_year());
    if (!year) return fail(ErrorCode::not_found, "no fiscal year is open");
    // A season opened with a calendar lists its agencies; one opened before calendars existed does not.
    ITA_TRY(windows, store.season_windows(*year));
    if (!windows.empty()) {
        ITA_TRY(assessed, store.in_season(*year, agency_id));
        if (!assessed)
            return fail(ErrorCode::not_found, "agency " + agency_id + " is not assessed in fiscal year " + std::to_string(*year));
    }
    ITA_TRY_VOID(require_open(store, *year, core::SeasonPhase::eit, today));
    ITA_TRY(found, store.agency(agency_id));
    if (!found) return fail(ErrorCode::not_found, "agency " + agency_id + " is not in the database");
    ITA_TRY(methodology, shared_methodology_in_force(store, *year, methodology_dir));
    PublicForm form{std::move(methodology), *found, {}, 0, 0};
    for (std::size_t index = 0; index < form.methodology->questions.size(); ++index)
        if (form.methodology->questions[index].instrument == core::Instrument::eit) form.questions.push_back(index);
    ITA_TRY(count, store.respondent_count(*year, agency_id, core::Instrument::eit));
    form.respondents = count;
    form.minimum = form.methodology->minimum_sample.eit_minimum(found->type);
    return form;
}

namespace {
constexpr std::string_view token_purpose = "browser-token";
std::string token_subject(const PublicForm& form, std::string_view random) {
    return std::to_string(form.methodology->fiscal_year) + "|" + form.agency.agency_id + "|" + std::string(random);
}
}  // namespace

Result<std::string> new_browser_token(storage::Store& store, const PublicForm& form) {
    if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium could not be initialised");
    const std::string random = new_token();
    ITA_TRY(stamp, store.stamp(token_purpose, token_subject(form, random)));
    return random + "." + stamp.substr(0, 32);
}

bool valid_browser_token(storage::Store& store, const PublicForm& form, const std::string& token) {
    const auto dot = token.find('.');
    if (dot == std::string::npos || token.size() - dot - 1 != 32) return false;
    const auto stamp = store.stamp(token_purpose, token_subject(form, std::string_view(token).substr(0, dot)));
    return stamp && stamp->size() >= 32 && sodium_memcmp(stamp->data(), token.data() + dot + 1, 32) == 0;
}

Result<void> submit_public_survey(storage::Store& store, const PublicForm& form, const std::string& token,
                                  const std::map<std::string, std::string>& fields) {
    if (!valid_browser_token(store, form, token)) return fail(ErrorCode::not_found, "no such browser token");
    ITA_TRY(packed, pack_answers(*form.methodology, core::Instrument::eit, fields));
    ITA_TRY_VOID(store.submit_public_survey(form.methodology->fiscal_year, form.agency.agency_id, token, core::Instrument::eit,
                                            held_submission(store, *form.methodology, core::Instrument::eit, std::move(packed), fields)));
    count_submission(core::Instrument::eit);
    return {};
}

ShownCount shown_count(std::size_t respondents, std::optional<long long> minimum) {
    const bool met = minimum && *minimum > 0 && respondents >= static_cast<std::size_t>(*minimum);
    if (met) return {respondents, false, true};
    return {respondents / shown_count_step * shown_count_step, true, false};
}

std::string shown_count_text(const ShownCount& shown) {
    if (!shown.rounded) return std::to_string(shown.count) + " คน";
    if (shown.count == 0) return "น้อยกว่า " + std::to_string(shown_count_step) + " คน";
    return "อย่างน้อย " + std::to_string(shown.count) + " คน";
}

Result<std::size_t> release_closed_surveys(storage::Store& store, int fiscal_year, const std::string& today) {
    // Called before every read of answers: one read of the calendar, and nothing written unless
    // a window has closed with answers held.
    ITA_TRY(windows, store.season_windows(fiscal_year));
    std::size_t released = 0;
    for (const auto instrument : {core::Instrument::iit, core::Instrument::eit}) {
        if (phase_status_in(windows, survey_phase(instrument), today).state != PhaseState::closed) continue;
        ITA_TRY(count, store.release_held_answers(fiscal_year, instrument));
        released += count;
    }
    return released;
}

Result<std::string> form_started(storage::Store& store, std::time_t now) {
    const std::string when = std::to_string(static_cast<long long>(now));
    ITA_TRY(stamp, store.stamp(started_purpose, when));
    return when + "." + stamp.substr(0, 32);
}

core::DurationBucket completion_time(storage::Store& store, const std::map<std::string, std::string>& fields, std::time_t now) {
    const auto found = fields.find("started");
    if (found == fields.end()) return core::DurationBucket::unknown;
    const auto dot = found->second.find('.');
    if (dot == std::string::npos) return core::DurationBucket::unknown;
    const std::string when = found->second.substr(0, dot);
    const auto stamp = store.stamp(started_purpose, when);
    const auto seconds = util::parse_integer(when);
    if (!stamp || !seconds || stamp->substr(0, 32) != found->second.substr(dot + 1)) return core::DurationBucket::unknown;
    return core::duration_bucket_of(static_cast<long long>(now) - *seconds);
}

Result<StaffSurveyStatus> staff_survey_status(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                              const std::optional<std::string>& methodology_dir) {
    StaffSurveyStatus status;
    ITA_TRY(headcounts, store.headcounts(fiscal_year));
    if (const auto found = headcounts.find(agency_id); found != headcounts.end()) status.headcount = found->second;
    if (!status.headcount) {
        ITA_TRY(agency, store.agency(agency_id));
        if (agency) status.headcount = agency->headcount;
    }
    if (status.headcount) {
        ITA_TRY(methodology, methodology_in_force(store, fiscal_year, methodology_dir));
        status.minimum = methodology.minimum_sample.iit_minimum(*status.headcount);
    }
    ITA_TRY(count, store.respondent_count(fiscal_year, agency_id, core::Instrument::iit));
    status.respondents = count;
    return status;
}

Result<void> set_headcount(storage::Store& store, int fiscal_year, const std::string& agency_id, long long headcount,
                           const std::string& actor) {
    if (headcount < 1 || headcount > 1'000'000) return fail(ErrorCode::invalid_input, "จำนวนบุคลากรต้องอยู่ระหว่าง 1 ถึง 1,000,000 คน");
    return store.set_headcount(fiscal_year, agency_id, headcount, actor);
}

}  // namespace ita::service
