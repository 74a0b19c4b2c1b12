#include <ita/server/survey_routes.hpp>

#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/surveys.hpp>

#include <ctime>

namespace ita::server {

namespace {

// Only the day is kept with an answer.
std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

HttpResponse code_problem(const Error& error) {
    if (error.code == ErrorCode::conflict)
        return message_page(410, "รหัสนี้ถูกใช้ตอบแบบวัดแล้ว", "รหัสแต่ละรหัสใช้ตอบได้เพียงครั้งเดียว หากท่านยังไม่ได้ตอบ โปรดขอรหัสใหม่จากคณะทำงาน ITA ของหน่วยงาน");
    if (error.code == ErrorCode::not_found)
        return message_page(404, "ไม่พบรหัสนี้", "โปรดตรวจสอบรหัสบนบัตรอีกครั้ง (ตัวอักษร A–Z และตัวเลข 2–9)");
    return error_response(error);
}

}  // namespace

void add_survey_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/s/thanks", [](const HttpRequest&) {
        return message_page(200, "ขอบคุณที่ตอบแบบวัด", "คำตอบของท่านถูกบันทึกแล้ว โดยไม่ผูกกับรหัสหรือตัวตนของท่าน");
    });
    router.add("GET", "/s/:code", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const std::string& code = request.path_params.at("code");
        auto form = service::survey_form(**store, code, context.methodology_dir);
        if (!form) return code_problem(form.error());
        return survey_page(form->methodology, form->questions, code, {}, {});
    });
    router.add("POST", "/s/:code", [context](const HttpRequest& request) {
        auto store = storage::open_store(context.db);
        if (!store) return error_response(store.error());
        const std::string& code = request.path_params.at("code");
        const auto answers = parse_query(request.body);  // application/x-www-form-urlencoded
        auto submitted = service::submit_survey(**store, code, answers, context.methodology_dir, today());
        if (submitted) return HttpResponse{303, "text/plain; charset=utf-8", "", {{"Location", "/s/thanks"}}};
        if (submitted.error().code != ErrorCode::invalid_input) return code_problem(submitted.error());
        auto form = service::survey_form(**store, code, context.methodology_dir);
        if (!form) return code_problem(form.error());
        std::vector<std::string> problems;
        for (const auto& diagnostic : submitted.error().diagnostics) problems.push_back(diagnostic.field + ": " + diagnostic.message);
        return survey_page(form->methodology, form->questions, code, answers, problems, 400);
    });
}

}  // namespace ita::server
