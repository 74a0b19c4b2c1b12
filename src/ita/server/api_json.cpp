#include <ita/server/api_json.hpp>
#include <ita/util/text.hpp>

#include <ita/service/surveys.hpp>
#include <ita/util/calendar.hpp>

#include <nlohmann/json.hpp>

namespace ita::server::api {

namespace {

using nlohmann::json;

Error bad_field(const std::string& field, const std::string& message) {
    return Error{ErrorCode::invalid_input, "the request body is not valid", {{"body", 0, field, message}}, 0};
}

Result<json> parse_object(std::string_view body) {
    json value = json::parse(body.begin(), body.end(), nullptr, false);
    if (value.is_discarded()) return std::unexpected(bad_field("", "is not JSON"));
    if (!value.is_object()) return std::unexpected(bad_field("", "must be a JSON object"));
    return value;
}

// The string member `name`; `required` makes its absence an error, else "" (or `fallback`).
Result<std::string> string_member(const json& object, const std::string& name, bool required, const std::string& fallback = "") {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        if (required) return std::unexpected(bad_field("/" + name, "is required"));
        return fallback;
    }
    if (!found->is_string()) return std::unexpected(bad_field("/" + name, "must be a string"));
    return found->get<std::string>();
}

}  // namespace

Result<Credentials> decode_credentials(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    ITA_TRY(user, string_member(object, "user", true));
    ITA_TRY(password, string_member(object, "password", true));
    return Credentials{user, password};
}

std::string encode_session(const std::string& token, const storage::Session& session) {
    return json{{"token", token},
                {"expires_at", session.expires_at},
                {"user", session.user.user_id},
                {"role", core::role_code(session.user.role)},
                {"agency_id", session.user.agency_id}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<service::SeasonRequest> decode_season(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    service::SeasonRequest request;
    if (const auto agencies = object.find("agencies"); agencies != object.end()) {
        if (!agencies->is_array()) return std::unexpected(bad_field("/agencies", "must be an array of agency ids"));
        std::string list;
        for (std::size_t index = 0; index < agencies->size(); ++index) {
            if (!(*agencies)[index].is_string())
                return std::unexpected(bad_field("/agencies/" + std::to_string(index), "must be a string"));
            list += (*agencies)[index].get<std::string>() + "\n";
        }
        request.agencies_text = list;
    }
    if (const auto windows = object.find("windows"); windows != object.end()) {
        if (!windows->is_object()) return std::unexpected(bad_field("/windows", "must be an object keyed by phase"));
        for (const auto& [phase, window] : windows->items()) {
            if (!window.is_object()) return std::unexpected(bad_field("/windows/" + phase, "must be an object with opens and closes"));
            ITA_TRY(opens, string_member(window, "opens", false));
            ITA_TRY(closes, string_member(window, "closes", false));
            if (!opens.empty()) request.opens[phase] = opens;
            if (!closes.empty()) request.closes[phase] = closes;
        }
    }
    return request;
}

std::string encode_windows(int fiscal_year, const std::vector<storage::SeasonWindow>& windows) {
    json phases = json::object();
    for (const auto& window : windows)
        phases[std::string(core::season_phase_code(window.phase))] = {
            {"opens", window.opens_on}, {"closes", window.closes_on == service::open_ended ? json(nullptr) : json(window.closes_on)}};
    return json{{"fiscal_year", fiscal_year}, {"windows", phases}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<long long> decode_integer(std::string_view body, const std::string& name) {
    ITA_TRY(object, parse_object(body));
    const auto found = object.find(name);
    if (found == object.end() || !found->is_number_integer()) return std::unexpected(bad_field("/" + name, "must be an integer"));
    return found->get<long long>();
}

std::string encode_codes(const std::vector<std::string>& codes) {
    return json{{"codes", codes}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string encode_staff_status(long long headcount_or_zero, std::optional<long long> minimum, std::size_t respondents) {
    // Below the minimum the count moves in steps of five: one submission seldom shows.
    const auto shown = service::shown_count(respondents, minimum);
    return json{{"headcount", headcount_or_zero > 0 ? json(headcount_or_zero) : json(nullptr)},
                {"minimum_sample", minimum ? json(*minimum) : json(nullptr)},
                {"respondents", shown.count},
                {"respondents_rounded", shown.rounded},
                {"minimum_met", shown.minimum_met}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<service::OitSubmission> decode_oit_entry(std::string_view body, const std::string& item) {
    ITA_TRY(object, parse_object(body));
    const auto present = object.find("present");
    if (present == object.end() || !present->is_boolean()) return std::unexpected(bad_field("/present", "must be true or false"));
    ITA_TRY(url, string_member(object, "url", false));
    ITA_TRY(description, string_member(object, "description", false));
    std::vector<std::string> more_urls;
    if (const auto more = object.find("more_urls"); more != object.end()) {
        if (!more->is_array()) return std::unexpected(bad_field("/more_urls", "must be an array of addresses"));
        for (const auto& address : *more) {
            if (!address.is_string()) return std::unexpected(bad_field("/more_urls", "must be an array of addresses"));
            more_urls.push_back(address.get<std::string>());
        }
    }
    return service::OitSubmission{item, present->get<bool>(), url, description, std::move(more_urls)};
}

Result<bool> decode_send_oit(std::string_view body) {
    if (util::trim(body).empty()) return false;
    ITA_TRY(object, parse_object(body));
    const auto confirm = object.find("confirm_missing");
    if (confirm == object.end()) return false;
    if (!confirm->is_boolean()) return std::unexpected(bad_field("/confirm_missing", "must be true or false"));
    return confirm->get<bool>();
}

Result<Review> decode_review(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    ITA_TRY(verdict, string_member(object, "verdict", true));
    const auto parsed = core::parse_review(verdict);
    if (!parsed) return std::unexpected(bad_field("/verdict", "must be accepted or rejected"));
    ITA_TRY(comment, string_member(object, "comment", false));
    return Review{parsed == core::ReviewVerdict::accepted, comment};
}

Result<Clarification> decode_clarification(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    ITA_TRY(text, string_member(object, "text", true));
    ITA_TRY(url, string_member(object, "url", false));
    return Clarification{text, url};
}

std::string encode_oit(const service::OitWorkspace& workspace) {
    json items = json::array();
    for (const auto index : workspace.items) {
        const auto& item = workspace.methodology.items[index];
        json entry{{"item", item.code}, {"name", item.name}, {"entered", false}};
        if (const auto found = workspace.entries.find(item.code); found != workspace.entries.end()) {
            const auto& stored = found->second;
            entry.update(
                {{"entered", true},
                 {"present", stored.present},
                 {"url", stored.url},
                 {"more_urls", stored.more_urls},
                 {"description", stored.description},
                 {"verdict", stored.verdict == core::ReviewVerdict::pending ? json(nullptr) : json(core::review_code(stored.verdict))},
                 {"comment", stored.comment},
                 {"clarification",
                  stored.clarified_on.empty()
                      ? json(nullptr)
                      : json{{"text", stored.clarification}, {"url", stored.clarification_url}, {"filed_on", stored.clarified_on}}}});
        }
        // The evidence checker's newest finding on the entered address (an extension).
        if (const auto check = workspace.latest_checks.find(item.code); check != workspace.latest_checks.end())
            entry["readiness"] = {{"status", check->second.status},
                                  {"http_status", check->second.http_status > 0 ? json(check->second.http_status) : json(nullptr)},
                                  {"final_url", check->second.final_url},
                                  {"reason", check->second.reason},
                                  {"checked_at", check->second.checked_at},
                                  {"url", check->second.url}};
        items.push_back(std::move(entry));
    }
    return json{{"fiscal_year", workspace.methodology.fiscal_year},
                {"agency_id", workspace.agency.agency_id},
                {"sent_on", workspace.sent_on ? json(*workspace.sent_on) : json(nullptr)},
                {"items", items}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<core::Measure> decode_measure(std::string_view body, core::Measure base) {
    ITA_TRY(object, parse_object(body));
    for (auto [name, field] : {std::pair{"title", &base.title},
                               {"analysis", &base.analysis},
                               {"steps", &base.steps},
                               {"responsible", &base.responsible},
                               {"start_on", &base.start_on},
                               {"end_on", &base.end_on}}) {
        ITA_TRY(value, string_member(object, name, false, *field));
        *field = value;
    }
    ITA_TRY(status, string_member(object, "status", false, std::string(core::measure_status_code(base.status))));
    const auto parsed_status = core::parse_measure_status(status);
    if (!parsed_status) return std::unexpected(bad_field("/status", "must be draft, active or done"));
    base.status = *parsed_status;
    if (const auto targets = object.find("targets"); targets != object.end()) {
        if (!targets->is_array()) return std::unexpected(bad_field("/targets", "must be an array such as [\"indicator:5\", \"item:O38\"]"));
        base.targets.clear();
        for (const auto& target : *targets) {
            if (!target.is_string()) return std::unexpected(bad_field("/targets", "must hold strings"));
            base.targets.push_back(target.get<std::string>());
        }
    }
    ITA_TRY(cadence, string_member(object, "cadence", false, std::string(core::cadence_code(base.cadence))));
    const auto parsed = core::parse_cadence(cadence);
    if (!parsed) return std::unexpected(bad_field("/cadence", "must be monthly, quarterly or half-yearly"));
    base.cadence = *parsed;
    return base;
}

Result<core::ProgressReport> decode_progress(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    core::ProgressReport report;
    ITA_TRY(date, string_member(object, "reported_on", true));
    if (!util::is_iso_date(date)) return std::unexpected(bad_field("/reported_on", "must be a date YYYY-MM-DD"));
    report.reported_on = date;
    const auto percent = object.find("percent");
    if (percent == object.end() || !percent->is_number_integer() || percent->get<int>() < 0 || percent->get<int>() > 100)
        return std::unexpected(bad_field("/percent", "must be an integer from 0 to 100"));
    report.percent = percent->get<int>();
    ITA_TRY(text, string_member(object, "text", false));
    ITA_TRY(url, string_member(object, "evidence_url", false));
    report.text = text;
    report.evidence_url = url;
    return report;
}

std::string encode_measure_id(std::int64_t id) {
    return json{{"measure_id", id}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::map<std::string, std::string>> decode_answers(std::string_view body) {
    ITA_TRY(object, parse_object(body));
    const auto answers = object.find("answers");
    if (answers == object.end() || !answers->is_object())
        return std::unexpected(bad_field("/answers", "must be an object keyed by sub-item code"));
    std::map<std::string, std::string> fields;
    for (const auto& [code, value] : answers->items()) {
        if (value.is_string())
            fields[code] = value.get<std::string>();
        else if (value.is_number_integer())
            fields[code] = std::to_string(value.get<long long>());
        else
            return std::unexpected(bad_field("/answers/" + code, "must be a string or an integer"));
    }
    return fields;
}

}  // namespace ita::server::api
