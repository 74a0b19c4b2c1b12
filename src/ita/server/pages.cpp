#include <ita/server/pages.hpp>
#include <ita/thai/collation.hpp>

#include <ita/service/surveys.hpp>

#include <ita/core/measure.hpp>
#include <ita/report/qr_svg.hpp>
#include <ita/service/kiosks.hpp>
#include <ita/util/embedded_file.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/text.hpp>

#include <ita/server/page_template.hpp>

#include <cstdlib>
#include <filesystem>

namespace ita::util {
std::span<const EmbeddedFile> embedded_templates();
}

namespace ita::server {

namespace {

std::string& template_dir() {
    static std::string dir = [] {
        const char* variable = std::getenv("ITA_TEMPLATE_DIR");
        return std::string(variable ? variable : "");
    }();
    return dir;
}

std::string template_text(const std::string& name) {
    if (!template_dir().empty()) {
        const auto path = std::filesystem::path(template_dir()) / (name + ".mustache");
        if (auto text = util::read_file(path.string())) return *text;
    }
    for (const auto& file : util::embedded_templates())
        if (file.name == name + ".mustache") return std::string(file.content);
    return "template " + name + " is missing";
}

}  // namespace

void use_template_dir(std::string dir) { template_dir() = std::move(dir); }

std::string render_template(const std::string& name, data& context) {
    context.set("layout_head", kainjow::mustache::partial([] { return template_text("layout_head"); }));
    for (const auto* partial : {"layout_foot", "measure_fields", "public_nav", "national_nav", "group_nav"})
        context.set(partial, kainjow::mustache::partial([partial] { return template_text(partial); }));
    kainjow::mustache::mustache page(template_text(name));
    return page.render(context);
}

void set_notice_and_errors(data& context, const std::string& notice, const std::vector<std::string>& errors) {
    context.set("has_notice", flag(!notice.empty()));
    context.set("notice", notice);
    context.set("has_errors", flag(!errors.empty()));
    data list{data::type::list};
    for (const auto& error : errors) list.push_back(data(error));
    context.set("errors", list);
}

data thai_select_options(std::vector<std::string> types, const std::string& selected) {
    thai::sort_thai(types);
    data options{data::type::list};
    for (const auto& name : types) {
        data option;
        option.set("name", name);
        option.set("selected", flag(name == selected));
        options.push_back(option);
    }
    return options;
}

void set_agency_scope(data& context, const AgencyPageScope& scope) {
    context.set("agency", scope.agency_id);
    context.set("agency_name", scope.agency_name.empty() ? scope.agency_id : scope.agency_name);
    context.set("year", std::to_string(scope.fiscal_year));
    context.set("result_year", std::to_string(scope.fiscal_year - 1));
    context.set("csrf", scope.csrf);
    context.set("agency_param", scope.act_for_other_agency ? "&agency=" + scope.agency_id : std::string());
    context.set("year_start", core::fiscal_year_start(scope.fiscal_year));
    context.set("year_end", core::fiscal_year_end(scope.fiscal_year));
}

HttpResponse html_page(int status, const std::string& name, data& context) {
    return {status, "text/html; charset=utf-8", render_template(name, context), {{"Cache-Control", "no-store"}}, {}};
}

namespace {

// The form's parts: consecutive questions of one indicator each.
std::vector<std::vector<std::size_t>> survey_parts(const core::Methodology& methodology, const std::vector<std::size_t>& questions) {
    std::vector<std::vector<std::size_t>> parts;
    for (const auto index : questions) {
        if (parts.empty() || methodology.questions[parts.back().front()].indicator != methodology.questions[index].indicator)
            parts.emplace_back();
        parts.back().push_back(index);
    }
    return parts;
}

std::string part_title(const core::Methodology& methodology, const std::vector<std::size_t>& part) {
    const auto& question = methodology.questions[part.front()];
    for (const auto& indicator : methodology.indicators)
        if (indicator.number == question.indicator && indicator.instrument == question.instrument)
            return "ตัวชี้วัดที่ " + std::to_string(indicator.number) + " " + indicator.name;
    return "ตัวชี้วัดที่ " + std::to_string(question.indicator);
}

data question_entry(const core::Methodology& methodology, std::size_t index, const std::map<std::string, std::string>& answers) {
    static const std::vector<std::pair<std::string, std::string>> scale{
        {"1", "น้อยที่สุดหรือไม่มีเลย"}, {"2", "น้อย"}, {"3", "มาก"}, {"4", "มากที่สุด"}};
    static const std::vector<std::pair<std::string, std::string>> yes_no{{"yes", "มี"}, {"no", "ไม่มี"}};
    const auto& question = methodology.questions[index];
    data entry;
    entry.set("code", question.code);
    entry.set("text", question.text);
    data sub_list{data::type::list};
    for (const auto sub_index : question.sub_items) {
        const auto& sub_item = methodology.sub_items[sub_index];
        data sub;
        sub.set("name", sub_item.code);
        sub.set("label", sub_item.text.empty() ? std::string("คำตอบ") : sub_item.code + " " + sub_item.text);
        data options{data::type::list};
        const auto given = answers.find(sub_item.code);
        for (const auto& [value, option_text] : core::is_yes_no(sub_item.kind) ? yes_no : scale) {
            data option;
            option.set("name", sub_item.code);
            option.set("value", value);
            option.set("text", option_text);
            option.set("checked", flag(given != answers.end() && given->second == value));
            options.push_back(option);
        }
        sub.set("options", options);
        sub_list.push_back(sub);
    }
    entry.set("sub_items", sub_list);
    return entry;
}

bool fully_answered(const core::Methodology& methodology, std::size_t question, const std::map<std::string, std::string>& answers) {
    for (const auto sub : methodology.questions[question].sub_items)
        if (!answers.contains(methodology.sub_items[sub].code)) return false;
    return true;
}

}  // namespace

std::size_t requested_part(const std::map<std::string, std::string>& fields) {
    const auto go = fields.find("go");
    if (go == fields.end()) return 0;
    const auto number = util::parse_integer(go->second);
    return number && *number >= 0 && *number < 1000 ? static_cast<std::size_t>(*number) : 0;
}

std::vector<FormProblem> unanswered_before_moving_on(const core::Methodology& methodology, const std::vector<std::size_t>& questions,
                                                     const std::map<std::string, std::string>& fields) {
    const auto on = fields.find("part");
    const auto from = on == fields.end() ? std::nullopt : util::parse_integer(on->second);
    const auto parts = survey_parts(methodology, questions);
    if (!from || *from < 0 || static_cast<std::size_t>(*from) >= parts.size() || requested_part(fields) <= static_cast<std::size_t>(*from))
        return {};
    std::vector<FormProblem> problems;
    for (const auto question : parts[static_cast<std::size_t>(*from)])
        for (const auto sub : methodology.questions[question].sub_items)
            if (!fields.contains(methodology.sub_items[sub].code)) problems.push_back({methodology.sub_items[sub].code, "ยังไม่ได้ตอบ"});
    return problems;
}

bool form_is_sent(const std::map<std::string, std::string>& fields) {
    const auto go = fields.find("go");
    return go == fields.end() || go->second == "send";
}

HttpResponse survey_page(const core::Methodology& methodology, const std::vector<std::size_t>& questions, const SurveyPageText& text,
                         const std::map<std::string, std::string>& answers, const std::vector<FormProblem>& problems, int status) {
    data context;
    context.set("title", text.heading + " ปี " + std::to_string(methodology.fiscal_year));
    context.set("heading", text.heading);
    context.set("has_agency", flag(!text.agency_name.empty()));
    context.set("agency_name", text.agency_name);
    context.set("note", text.note);
    context.set("action", text.action);
    // A form sent back with problems keeps the time it was first served.
    const auto started = answers.find("started");
    context.set("started", started != answers.end() ? started->second : text.started);
    context.set("year", std::to_string(methodology.fiscal_year));
    context.set("has_progress", flag(text.progress.has_value()));
    if (text.progress) {
        context.set("progress_text", service::shown_count_text(service::shown_count(text.progress->first, text.progress->second)));
        context.set("progress_minimum", std::to_string(text.progress->second));
    }
    context.set("has_code", flag(!text.code.empty()));
    context.set("preview", flag(text.preview));
    context.set("code", text.code);
    context.set("has_kiosk", flag(!text.kiosk_label.empty()));
    context.set("kiosk_label", text.kiosk_label);

    const auto parts = survey_parts(methodology, questions);
    std::size_t current = std::min(text.page, parts.empty() ? 0 : parts.size() - 1);
    // Sent with problems: the part of the first question not fully answered.
    if (!problems.empty())
        for (std::size_t part = 0; part < parts.size(); ++part)
            if (std::any_of(parts[part].begin(), parts[part].end(),
                            [&](std::size_t q) { return !fully_answered(methodology, q, answers); })) {
                current = part;
                break;
            }
    context.set("part", std::to_string(current));
    data question_list{data::type::list};
    data carried{data::type::list};
    for (std::size_t part = 0; part < parts.size(); ++part)
        for (const auto index : parts[part]) {
            if (text.preview || part == current) {
                question_list.push_back(question_entry(methodology, index, answers));
                continue;
            }
            // Answers of the other parts ride along, unseen, until the form is sent.
            for (const auto sub : methodology.questions[index].sub_items)
                if (const auto given = answers.find(methodology.sub_items[sub].code); given != answers.end()) {
                    data hidden;
                    hidden.set("name", given->first);
                    hidden.set("value", given->second);
                    carried.push_back(hidden);
                }
        }
    context.set("questions", question_list);
    context.set("carried", carried);
    const bool paged = !text.preview && parts.size() > 1;
    context.set("paged", flag(paged));
    context.set("part_number", std::to_string(current + 1));
    context.set("part_count", std::to_string(parts.size()));
    context.set("part_title", parts.empty() ? std::string() : part_title(methodology, parts[current]));
    context.set("has_previous", flag(paged && current > 0));
    context.set("previous", std::to_string(current > 0 ? current - 1 : 0));
    context.set("has_next", flag(paged && current + 1 < parts.size()));
    context.set("next", std::to_string(current + 1));

    // Each problem links to its question on this part; the count says how many are left in all.
    std::size_t unanswered = 0;
    data problem_list{data::type::list};
    for (const auto& problem : problems) {
        const bool missing = !answers.contains(problem.field);
        unanswered += missing ? 1 : 0;
        const auto sub = methodology.sub_item_index(problem.field);
        data entry;
        const std::string question_code = sub ? methodology.questions[methodology.sub_items[*sub].question].code : std::string();
        const bool here =
            sub && !parts.empty() &&
            std::find(parts[current].begin(), parts[current].end(), methodology.sub_items[*sub].question) != parts[current].end();
        if (missing && !here) continue;  // on another part: counted, listed when that part is shown
        entry.set("has_anchor", flag(here));
        entry.set("anchor", "q-" + question_code);
        entry.set("text", missing ? "ข้อ " + problem.field + " ยังไม่ได้ตอบ" : problem.field + ": " + problem.message);
        problem_list.push_back(entry);
    }
    context.set("has_errors", flag(!problems.empty()));
    context.set("error_message",
                unanswered > 0 ? "ยังไม่ได้ตอบ " + std::to_string(unanswered) + " ข้อ โปรดตอบข้อที่ระบุด้านล่างให้ครบก่อนส่ง" : "โปรดแก้ไขคำตอบต่อไปนี้");
    context.set("errors", problem_list);
    auto page = html_page(status, "survey", context);
    // A staff form's address holds its code: no request the page makes may carry it on.
    page.headers.emplace_back("Referrer-Policy", "no-referrer");
    return page;
}

HttpResponse login_page(int status, const std::string& user, const std::string& error, const std::string& notice, const std::string& csrf,
                        const std::string& next) {
    data context;
    context.set("next", next);
    context.set("csrf", csrf);
    context.set("title", "เข้าสู่ระบบ ITA");
    context.set("user", user);
    context.set("has_error", flag(!error.empty()));
    context.set("has_notice", flag(!notice.empty()));
    context.set("notice", notice);
    context.set("error", error);
    return html_page(status, "login", context);
}

HttpResponse me_page(const std::string& name, core::Role role, const std::string& agency, const std::string& csrf) {
    data context;
    context.set("title", name);
    context.set("name", name);
    context.set("role_label", std::string(core::role_label(role)));
    context.set("has_agency", flag(!agency.empty()));
    context.set("is_agency_admin", flag(role == core::Role::agency_admin));
    context.set("is_national", flag(role == core::Role::national_admin));
    context.set("is_reviewer", flag(core::reviews_evidence(role)));
    context.set("agency", agency);
    context.set("csrf", csrf);
    return html_page(200, "me", context);
}

HttpResponse admin_codes_page(const std::string& agency, const std::string& agency_name, int year, const std::string& csrf,
                              const StaffSurveyView& staff, int status) {
    data context;
    context.set("title", "ออกรหัสตอบแบบวัด IIT");
    context.set("agency", agency);
    context.set("agency_name", agency_name);
    context.set("year", std::to_string(year));
    context.set("csrf", csrf);
    context.set("headcount", staff.headcount ? std::to_string(*staff.headcount) : std::string());
    context.set("has_minimum", flag(staff.minimum.has_value()));
    context.set("minimum", staff.minimum ? std::to_string(*staff.minimum) : std::string());
    // Rounded below the minimum: the group cannot watch one colleague's submission arrive.
    const auto shown = service::shown_count(staff.respondents, staff.minimum);
    context.set("respondents", service::shown_count_text(shown));
    context.set("reached", flag(shown.minimum_met));
    context.set("has_error", flag(!staff.error.empty()));
    context.set("error", staff.error);
    return html_page(status, "admin_codes", context);
}

HttpResponse code_sheet_page(const CodeSheet& sheet) {
    data context;
    context.set("agency", sheet.agency_id);
    context.set("agency_name", sheet.agency_name);
    context.set("year", std::to_string(sheet.fiscal_year));
    context.set("issued_now", std::to_string(sheet.codes.size()));
    context.set("issued_total", std::to_string(sheet.issued_total));
    context.set("used", sheet.used_text);
    context.set("entry_url", sheet.base_url + "/s");
    data cards{data::type::list};
    for (const auto& code : sheet.codes) {
        data card;
        const std::string url = sheet.base_url + "/s/" + code;
        card.set("code", code);
        card.set("url", url);
        card.set("qr", report::qr_svg(url));
        cards.push_back(card);
    }
    context.set("cards", cards);
    return html_page(200, "code_sheet", context);
}

HttpResponse admin_eit_page(const AgencyPageScope& scope, const EitMaterials& eit, int status) {
    data context;
    context.set("title", "แบบวัด EIT ของหน่วยงาน");
    set_agency_scope(context, scope);
    context.set("url", eit.url);
    context.set("qr", report::qr_svg(eit.url, 220));
    context.set("respondents", eit.respondents_text);
    context.set("reached", flag(eit.minimum_met));
    context.set("questions", std::to_string(eit.questions));
    context.set("has_collected", flag(!eit.collected_part.empty()));
    context.set("collected_part", eit.collected_part);
    context.set("collected_header", eit.collected_header);
    context.set("pasted", eit.pasted);
    data devices{data::type::list};
    for (const auto& device : eit.kiosks) {
        data row;
        row.set("id", device.id);
        row.set("label", device.label);
        row.set("since", device.since);
        row.set("answers", device.answers);
        row.set("on", flag(device.on));
        devices.push_back(row);
    }
    context.set("kiosks", devices);
    context.set("has_kiosks", flag(!eit.kiosks.empty()));
    context.set("kiosk_limit", std::to_string(service::kiosk_answers_per_hour));
    set_notice_and_errors(context, eit.notice, eit.errors);
    return html_page(status, "admin_eit", context);
}

HttpResponse missing_page(const HttpRequest& request, int status, const std::string& message) {
    if (request.accept.find("text/html") == std::string::npos || request.path.starts_with("/api/")) return json_error(status, message);
    if (status == 405) return message_page(405, "ใช้หน้านี้ด้วยวิธีนี้ไม่ได้", "โปรดกลับไปที่หน้าก่อนหน้าแล้วลองใหม่ หรือเริ่มจากหน้าแรก");
    return message_page(404, "ไม่พบหน้านี้", "ที่อยู่นี้ไม่มีในระบบ ITA โปรดตรวจสอบที่อยู่ หรือเริ่มจากหน้าแรกของระบบ");
}

std::optional<HttpResponse> browser_error_page(const HttpRequest& request, const HttpResponse& response) {
    if (!response.content_type.starts_with("application/json") || request.path.starts_with("/api/") ||
        request.accept.find("text/html") == std::string::npos)
        return std::nullopt;
    auto page = message_page(response.status, std::string(thai_error_of(response.status)),
                             "รหัสข้อผิดพลาด " + std::string(error_code_of(response.status)) +
                                 " โปรดกลับไปที่หน้าก่อนหน้าแล้วลองใหม่ หากยังไม่ได้ โปรดแจ้งผู้ดูแลระบบพร้อมเวลาที่เกิดเหตุ");
    for (const auto& header : response.headers)
        if (header.first == "Retry-After" || header.first == "Location") page.headers.push_back(header);
    return page;
}

HttpResponse code_entry_page(int status, const std::string& code, const std::string& error) {
    data context;
    context.set("title", "กรอกรหัสตอบแบบวัด IIT");
    context.set("code", code);
    context.set("has_error", flag(!error.empty()));
    context.set("error", error);
    auto page = html_page(status, "code_entry", context);
    page.headers.emplace_back("Referrer-Policy", "no-referrer");
    return page;
}

std::string agency_list_problem(const Diagnostic& diagnostic) {
    const auto& message = diagnostic.message;
    return "รายการหน่วยงาน บรรทัด " + std::to_string(diagnostic.line) + ": " +
           (message.starts_with("unknown agency") ? "ไม่พบหน่วยงาน " + message.substr(15, message.find(':') - 15) : message);
}

HttpResponse message_page(int status, const std::string& heading, const std::string& message) {
    data context;
    context.set("title", heading);
    context.set("heading", heading);
    context.set("message", message);
    return html_page(status, "message", context);
}

HttpResponse survey_sent_page(const std::string& heading, const std::string& message, const std::string& survey, const std::string& next) {
    data context;
    context.set("has_next", flag(!next.empty()));
    context.set("next", next);
    context.set("title", heading);
    context.set("heading", heading);
    context.set("message", message);
    context.set("has_sent", flag(true));
    context.set("sent", survey);
    return html_page(200, "message", context);
}

}  // namespace ita::server
