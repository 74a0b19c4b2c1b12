#include <ita/server/survey_routes.hpp>

#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/kiosks.hpp>
#include <ita/service/surveys.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/embedded_file.hpp>
#include <ita/util/identifier.hpp>
#include <ita/util/text.hpp>

#include <ctime>

namespace ita::util {
std::span<const EmbeddedFile> embedded_static_files();
}  // namespace ita::util

namespace ita::server {

namespace {

// The Thai page for what went wrong with a code; the status is status_for's.
HttpResponse code_problem(const Error& error) {
    const int status = status_for(error.code);
    if (error.code == ErrorCode::used_up)
        return message_page(status, "รหัสนี้ถูกใช้ตอบแบบวัดแล้ว",
                            "รหัสแต่ละรหัสใช้ตอบได้เพียงครั้งเดียว หากท่านยังไม่ได้ตอบ โปรดขอรหัสใหม่จากคณะทำงาน ITA ของหน่วยงาน");
    if (error.code == ErrorCode::not_open) return message_page(status, "ไม่อยู่ในช่วงเวลาตอบแบบวัด", error.message);
    if (error.code == ErrorCode::not_found) return message_page(status, "ไม่พบรหัสนี้", "โปรดตรวจสอบรหัสบนบัตรอีกครั้ง (ตัวอักษร A–Z และตัวเลข 2–9)");
    return error_response(error);
}

// The form posts its code in the body, to /s: a request body is never logged.
SurveyPageText staff_text(const std::string& code) {
    return {"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
            "โปรดตอบตามการรับรู้ของท่านทุกข้อ รหัสนี้ใช้ได้ครั้งเดียว คำตอบของท่านถูกเก็บโดยไม่ผูกกับรหัส "
            "และรวมกับคำตอบของผู้อื่นเมื่อปิดการตอบแบบวัด ไม่มีผู้ใดทราบได้ว่าท่านตอบอย่างไร",
            "/s",
            std::nullopt,
            {},
            code,
            false,
            {},
            0,
            {}};
}

// The staff form's words with the agency the code belongs to (the person sees whose survey it is).
SurveyPageText staff_text_for(storage::Store& store, const service::SurveyForm& form) {
    auto text = staff_text(form.code_text);
    const auto agency = store.agency(form.code.agency_id);
    text.agency_name = agency && *agency ? (*agency)->name : form.code.agency_id;
    return text;
}

std::vector<FormProblem> problems_of(const Error& error) {
    std::vector<FormProblem> problems;
    problems.reserve(error.diagnostics.size());
    for (const auto& diagnostic : error.diagnostics) problems.push_back({diagnostic.field, diagnostic.message});
    return problems;
}

HttpResponse staff_form(const ResultsContext& context, const std::string& code) {
    auto store = lease_store(context.db);
    if (!store) return error_response(store.error());
    auto form = service::survey_form(**store, code, context.methodology_dir, util::bangkok_date_today());
    if (!form) return code_problem(form.error());
    auto text = staff_text_for(**store, *form);
    if (auto started = service::form_started(**store, std::time(nullptr))) text.started = std::move(*started);
    return survey_page(*form->methodology, form->questions, text, {}, {});
}

HttpResponse submit_staff_form(const ResultsContext& context, const std::string& code, const std::map<std::string, std::string>& answers) {
    auto store = lease_store(context.db);
    if (!store) return error_response(store.error());
    const std::string today = util::bangkok_date_today();
    // Back or next: the part asked for, the answers carried along; nothing is stored.
    if (!form_is_sent(answers)) {
        auto form = service::survey_form(**store, code, context.methodology_dir, today);
        if (!form) return code_problem(form.error());
        auto text = staff_text_for(**store, *form);
        auto problems = unanswered_before_moving_on(*form->methodology, form->questions, answers);
        if (!problems.empty()) {
            text.page = static_cast<std::size_t>(util::parse_integer(answers.at("part")).value_or(0));
            return survey_page(*form->methodology, form->questions, text, answers, problems, form_problems_status);
        }
        text.page = requested_part(answers);
        return survey_page(*form->methodology, form->questions, text, answers, {});
    }
    auto submitted = service::submit_survey(**store, code, answers, context.methodology_dir, today);
    if (submitted) return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/s/thanks"}}, {}};
    if (submitted.error().code != ErrorCode::invalid_input) return code_problem(submitted.error());
    auto form = service::survey_form(**store, code, context.methodology_dir, today);
    if (!form) return code_problem(form.error());
    return survey_page(*form->methodology, form->questions, staff_text_for(**store, *form), answers, problems_of(submitted.error()),
                       form_problems_status);
}

}  // namespace

namespace {

SurveyPageText public_text(const service::PublicForm& form) {
    return {"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) " + form.agency.name,
            "สำหรับผู้รับบริการหรือผู้ติดต่อหน่วยงาน โปรดตอบตามการรับรู้ของท่านทุกข้อ ไม่ต้องระบุชื่อ",
            "/e/" + form.agency.agency_id,
            std::pair{form.respondents, form.minimum},
            {},
            {},
            false,
            {},
            0,
            {}};
}

std::string cookie_name(const std::string& agency_id) { return "ita_eit_" + agency_id; }

// The counter device a request comes from, if it is one that is on for this agency and year.
std::optional<storage::Kiosk> kiosk_of(storage::Store& store, const HttpRequest& request, const service::PublicForm& form) {
    const auto cookie = request.cookies.find(service::kiosk_cookie_name(form.agency.agency_id));
    if (cookie == request.cookies.end()) return std::nullopt;
    auto found = service::kiosk_for(store, form.methodology->fiscal_year, form.agency.agency_id, cookie->second);
    return found ? *found : std::nullopt;
}

HttpResponse public_problem(const Error& error) {
    const int status = status_for(error.code);
    if (error.code == ErrorCode::not_open) return message_page(status, "ไม่อยู่ในช่วงเวลาตอบแบบวัด", error.message);
    if (error.code == ErrorCode::not_found) return message_page(status, "ไม่พบแบบสอบถาม", "หน่วยงานนี้ยังไม่เปิดรับแบบวัด EIT หรือลิงก์ไม่ถูกต้อง");
    if (error.code == ErrorCode::used_up) return message_page(status, "ท่านได้ตอบแบบวัดแล้ว", "แต่ละเครื่องตอบได้ครั้งเดียว ขอบคุณที่ร่วมประเมิน");
    return error_response(error);
}

}  // namespace

void add_survey_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/e/thanks", [](const HttpRequest& request) {
        // After a counter device's answer: the way back to the form for the next person (an
        // agency id only: never an address from the query).
        const auto next = request.query.find("next");
        const bool kiosk = next != request.query.end() && util::identifier_problem(next->second).empty();
        return survey_sent_page("ขอบคุณที่ร่วมประเมิน", "คำตอบของท่านถูกบันทึกแล้ว", "/e/", kiosk ? "/e/" + next->second : "");
    });
    // The survey forms' one script (answers kept in the tab while a form is filled in).
    router.add("GET", "/static/survey.js", [](const HttpRequest&) {
        for (const auto& file : util::embedded_static_files())
            if (file.name == "survey.js") {
                HttpResponse script{200, "text/javascript; charset=utf-8", std::string(file.content), {}, {}};
                script.headers.emplace_back("Cache-Control", "public, max-age=3600");
                return script;
            }
        return json_error(404, "no such file");
    });
    router.add("GET", "/e/:agency", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        auto form = service::public_form(**store, request.path_params.at("agency"), context.methodology_dir, util::bangkok_date_today());
        if (!form) return public_problem(form.error());
        auto text = public_text(*form);
        if (auto started = service::form_started(**store, std::time(nullptr))) text.started = std::move(*started);
        // A counter device: every person gets a fresh one-answer token, nobody is turned away.
        const auto kiosk = kiosk_of(**store, request, *form);
        if (kiosk) text.kiosk_label = kiosk->label;
        auto page = survey_page(*form->methodology, form->questions, text, {}, {});
        const std::string name = cookie_name(form->agency.agency_id);
        // Serving the form writes nothing: the token is signed, and recorded only when used.
        const auto held = request.cookies.find(name);
        const bool has_token = !kiosk && held != request.cookies.end() && service::valid_browser_token(**store, *form, held->second);
        // A browser that has answered is told so before it fills the form in again.
        if (has_token)
            if (auto used = (*store)->browser_token_used(held->second); used && *used)
                return public_problem(Error{ErrorCode::used_up, "answered", {}, 0});
        if (!has_token) {
            auto token = service::new_browser_token(**store, *form);
            if (!token) return error_response(token.error());
            page.headers.emplace_back("Set-Cookie", name + "=" + *token + "; Path=/e/" + form->agency.agency_id +
                                                        "; HttpOnly; SameSite=Lax; Max-Age=31536000" +
                                                        (request.forwarded_proto == "https" ? "; Secure" : ""));
        }
        return page;
    });
    router.add("POST", "/e/:agency", [context](const HttpRequest& request) {
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        // Back or next: the part asked for, the answers carried along; nothing is stored or counted.
        if (!form_is_sent(request.form)) {
            auto form =
                service::public_form(**store, request.path_params.at("agency"), context.methodology_dir, util::bangkok_date_today());
            if (!form) return public_problem(form.error());
            auto text = public_text(*form);
            auto problems = unanswered_before_moving_on(*form->methodology, form->questions, request.form);
            if (!problems.empty()) {
                text.page = static_cast<std::size_t>(util::parse_integer(request.form.at("part")).value_or(0));
                return survey_page(*form->methodology, form->questions, text, request.form, problems, form_problems_status);
            }
            text.page = requested_part(request.form);
            return survey_page(*form->methodology, form->questions, text, request.form, {});
        }
        auto form = service::public_form(**store, request.path_params.at("agency"), context.methodology_dir, util::bangkok_date_today());
        if (!form) return public_problem(form.error());
        // Rate limit per hour, counted in the database so every process shares it: per address,
        // or for a counter device (one address for a whole service desk) per device.
        const auto kiosk = kiosk_of(**store, request, *form);
        const auto hour = static_cast<std::int64_t>(std::time(nullptr) / 3600);
        auto allowed = kiosk ? (*store)->allow_hit("eit-kiosk:" + kiosk->id(), hour, service::kiosk_answers_per_hour)
                             : (*store)->allow_hit("eit:" + request.remote, hour, context.public_posts_per_address_per_hour);
        if (!allowed) return error_response(allowed.error());
        if (!*allowed)
            return message_page(429, "ส่งคำตอบถี่เกินไป",
                                kiosk ? "เครื่องนี้ส่งคำตอบครบจำนวนที่กำหนดต่อชั่วโมงแล้ว โปรดลองใหม่ภายหลัง"
                                      : "มีการส่งคำตอบจากเครือข่ายนี้มากเกินกำหนดในชั่วโมงนี้ โปรดลองใหม่ภายหลัง");
        const auto cookie = request.cookies.find(cookie_name(form->agency.agency_id));
        if (cookie == request.cookies.end() || !service::valid_browser_token(**store, *form, cookie->second))
            return message_page(400, "โปรดเปิดแบบสอบถามจากลิงก์ของหน่วยงาน", "เบราว์เซอร์ต้องรับคุกกี้ของแบบสอบถามก่อนส่งคำตอบ");
        const auto& answers = request.form;
        auto submitted = service::submit_public_survey(**store, *form, cookie->second, answers);
        if (submitted && kiosk) {
            if (auto counted = (*store)->count_kiosk_answer(kiosk->hash); !counted) return error_response(counted.error());
            return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/e/thanks?next=" + form->agency.agency_id}}, {}};
        }
        if (submitted) return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/e/thanks"}}, {}};
        if (submitted.error().code != ErrorCode::invalid_input) return public_problem(submitted.error());
        return survey_page(*form->methodology, form->questions, public_text(*form), answers, problems_of(submitted.error()),
                           form_problems_status);
    });

    router.add("GET", "/s/thanks", [](const HttpRequest&) {
        return survey_sent_page("ขอบคุณที่ตอบแบบวัด", "คำตอบของท่านถูกบันทึกแล้ว โดยไม่ผูกกับรหัสหรือตัวตนของท่าน", "/s");
    });
    // The code card's QR opens /s/CODE (a logged address: ita's and the shipped nginx's logs
    // redact it); the form then posts the code in its body to /s. POST /s/CODE stays for forms
    // and scripts made before.
    router.add("GET", "/s/:code", [context](const HttpRequest& request) { return staff_form(context, request.path_params.at("code")); });
    // A code typed from a paper card: /s asks for it, /s/open shows its form (the code travels
    // in the body, so it reaches no log).
    router.add("GET", "/s", [](const HttpRequest&) { return code_entry_page(200, "", ""); });
    router.add("POST", "/s/open", [context](const HttpRequest& request) {
        const auto& fields = request.form;
        const std::string typed = fields.contains("code") ? fields.at("code") : "";
        auto form = staff_form(context, typed);
        if (form.status == 404) return code_entry_page(404, typed, "ไม่พบรหัสนี้ โปรดตรวจสอบรหัสบนบัตรอีกครั้ง (ตัวอักษร A–Z และตัวเลข 2–9)");
        return form;
    });
    router.add("POST", "/s", [context](const HttpRequest& request) {
        const auto& answers = request.form;  // application/x-www-form-urlencoded
        const auto code = answers.find("code");
        if (code == answers.end() || code->second.empty()) return message_page(400, "ไม่พบรหัส", "โปรดเปิดแบบวัดจากรหัสบนบัตรอีกครั้ง");
        return submit_staff_form(context, code->second, answers);
    });
    router.add("POST", "/s/:code",
               [context](const HttpRequest& request) { return submit_staff_form(context, request.path_params.at("code"), request.form); });
}

}  // namespace ita::server
