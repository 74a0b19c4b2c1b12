// The HTML pages of surveys, sign-in and survey codes (templates in resources/templates,
// rendered by page_template.hpp). Thread-safe.
#pragma once

#include <ita/core/role.hpp>

#include <ita/core/methodology.hpp>
#include <ita/server/agency_page_scope.hpp>
#include <ita/server/http_types.hpp>
#include <ita/util/error.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ita::server {

struct SurveyPageText {
    std::string heading;                                        // which survey
    std::string note;                                           // what happens to the answers
    std::string action;                                         // where the form posts
    std::optional<std::pair<std::size_t, long long>> progress;  // respondents so far, minimum (shown rounded)
    std::string started;                                        // the signed time the form was served (service::form_started)
    std::string code;                                           // the staff survey's code, posted in the body (never in a logged URL)
    bool preview = false;                                       // the admin's preview: no way to send it
    std::string agency_name;                                    // shown under the heading when set (the staff form)
    std::size_t page = 0;                                       // which part to show (the form's `go`), from 0
    std::string kiosk_label;                                    // a counter device's name, in kiosk mode
};

// What is wrong with a sent form: the sub-item's code (or another field) and why.
struct FormProblem {
    std::string field;
    std::string message;
};

// A survey form in parts, one indicator's questions a part, with a progress bar and back/next
// buttons that post the form to itself (`go` = the part to show, "send" on the last): answers
// given on other parts travel along as hidden fields, so the server keeps nothing about a form
// until it is sent, and it works without JavaScript. `answers` refills it. With `problems`, the
// part holding the first unanswered question is shown, each problem linked to its question.
// The admin's preview shows every part at once.
HttpResponse survey_page(const core::Methodology& methodology, const std::vector<std::size_t>& questions, const SurveyPageText& text,
                         const std::map<std::string, std::string>& answers, const std::vector<FormProblem>& problems, int status = 200);

// The part a form's `go` asks for: a part number, else 0 ("send" and anything else are not parts).
std::size_t requested_part(const std::map<std::string, std::string>& fields);
// Moving on (`go` past the part the form was on, its hidden `part`) asks for that part to be
// answered in full: the sub-items it leaves unanswered, empty when it may move on. Going back
// asks nothing.
std::vector<FormProblem> unanswered_before_moving_on(const core::Methodology& methodology, const std::vector<std::size_t>& questions,
                                                     const std::map<std::string, std::string>& fields);
// Whether the form asks to be sent (its last part's button, or no `go` at all: scripts and older forms).
bool form_is_sent(const std::map<std::string, std::string>& fields);

// Templates in `dir` (name.mustache) replace the built-in ones of the same name (ita serve
// --templates; the environment variable ITA_TEMPLATE_DIR does the same). At start-up only.
void use_template_dir(std::string dir);

// What a request no route takes gets: a Thai page for a browser (it asks for text/html), the
// JSON error with its English message for scripts and the API.
HttpResponse missing_page(const HttpRequest& request, int status, const std::string& message);

// The staff survey's door for a code typed from a paper card; `error` after an unknown code.
HttpResponse code_entry_page(int status, const std::string& code, const std::string& error);

// The login form, with an error after a failed attempt.
// `csrf`: the token the form posts back, equal to the sign-in cookie's (account_routes).
// `next`: the local address to return to once signed in (checked by the caller), or empty.
HttpResponse login_page(int status, const std::string& user, const std::string& error, const std::string& notice, const std::string& csrf,
                        const std::string& next = {});
// The signed-in user's page, with the logout form carrying the session's CSRF token.
HttpResponse me_page(const std::string& name, core::Role role, const std::string& agency, const std::string& csrf);

// The agency admin's form for new codes, and the printable A4 sheet of codes with QR codes.
// The page shows the staff survey's headcount, minimum sample and respondents so far, with a
// form for the headcount; `error` is shown after a rejected headcount.
struct StaffSurveyView {
    std::optional<long long> headcount;
    std::optional<long long> minimum;
    std::size_t respondents = 0;
    std::string error;
};
HttpResponse admin_codes_page(const std::string& agency, const std::string& agency_name, int year, const std::string& csrf,
                              const StaffSurveyView& staff, int status = 200);
// The IIT code sheet to print: one card per code with its QR, cut lines, the agency's name; and
// how many codes the agency has and how many were used (the latter as shown_count shows it:
// never which, never one by one below the minimum).
struct CodeSheet {
    std::string agency_id;
    std::string agency_name;
    int fiscal_year = 0;
    std::vector<std::string> codes;  // issued now
    std::string base_url;            // public_base_url
    std::size_t issued_total = 0;    // every code of the agency and year, these included
    std::string used_text;           // service::shown_count_text of the respondents
};
HttpResponse code_sheet_page(const CodeSheet& sheet);

// /admin/eit: the EIT's public address, its QR, the poster and counter card to print, and how
// many have answered (shown as shown_count shows it).
struct EitMaterials {
    std::string url;
    std::string respondents_text;
    bool minimum_met = false;
    std::size_t questions = 0;
    std::string collected_part;    // the name of the part the group collects itself; empty: none this year
    std::string collected_header;  // "respondent,E1.1,…": the header its pasted rows take
    std::string pasted;            // refilled after a refused paste
    std::string notice;
    std::vector<std::string> errors;
    struct Device {
        std::string id, label, since, answers;
        bool on = true;
    };
    std::vector<Device> kiosks;  // counter devices of the agency this year
};
HttpResponse admin_eit_page(const AgencyPageScope& scope, const EitMaterials& eit, int status = 200);

// A page with a heading and one message (thanks, a spent code, an unknown code).
HttpResponse message_page(int status, const std::string& heading, const std::string& message);
// The page after a survey was sent; it has the survey script forget the answers this tab kept
// for forms whose action starts with `survey` ("/s", "/e/").
// `next`: in kiosk mode, the form's address for the next person.
HttpResponse survey_sent_page(const std::string& heading, const std::string& message, const std::string& survey,
                              const std::string& next = {});
// A problem of an agency list (service::read_agency_list) in Thai: "รายการหน่วยงาน บรรทัด 2: ไม่พบหน่วยงาน A7".
std::string agency_list_problem(const ita::Diagnostic& diagnostic);
// A JSON error turned into a Thai page for a browser's request outside the API (nothing when the
// request is a script's or the response is not a JSON error): Router::set_error_page.
std::optional<HttpResponse> browser_error_page(const HttpRequest& request, const HttpResponse& response);

}  // namespace ita::server
