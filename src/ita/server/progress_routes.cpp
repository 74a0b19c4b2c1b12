#include <ita/server/progress_routes.hpp>

#include <ita/report/xlsx_writer.hpp>
#include <ita/server/account_routes.hpp>
#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/season_progress.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/csv_writer.hpp>
#include <ita/util/temp_file.hpp>

#include <sstream>

namespace ita::server {

namespace {

// Rows a page shows; the downloads carry every one.
constexpr std::size_t rows_on_page = 500;

std::string window_text(const service::PhaseStatus& status, const std::optional<long long>& days_left) {
    if (status.opens_on.empty()) return "ไม่มีปฏิทิน";
    switch (status.state) {
        case service::PhaseState::not_yet: return "เปิด " + thai::short_thai_date(status.opens_on);
        case service::PhaseState::closed: return "ปิดแล้ว " + thai::short_thai_date(status.closes_on);
        case service::PhaseState::open:
            if (status.closes_on == service::open_ended) return "เปิดอยู่ ไม่กำหนดวันปิด";
            return "เปิดอยู่ ปิด " + thai::short_thai_date(status.closes_on) + (days_left ? " (อีก " + std::to_string(*days_left) + " วัน)" : "");
    }
    return "";
}

std::string survey_text(const service::SurveyProgress& survey) {
    return service::shown_count_text(survey.answered) + (survey.minimum ? " (" + std::to_string(*survey.minimum) + ")" : " (ยังไม่ทราบ)");
}

const std::vector<std::string> header{"agency_id",
                                      "name",
                                      "type",
                                      "province",
                                      "iit_answered",
                                      "iit_at_least",
                                      "iit_minimum",
                                      "eit_answered",
                                      "eit_at_least",
                                      "eit_minimum",
                                      "oit_items",
                                      "oit_entered",
                                      "evidence_ok",
                                      "oit_accepted",
                                      "oit_rejected",
                                      "oit_awaiting_review",
                                      "oit_awaiting_re_review",
                                      "risk"};

// Which of `header` are numbers (ids, names, types, provinces and the risk are text).
const std::vector<bool> numeric_columns{false, false, false, false, true, true, true, true, true,
                                        true,  true,  true,  true,  true, true, true, true, false};

std::vector<std::vector<std::string>> table_rows(const service::SeasonProgress& progress) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : progress.agencies) {
        std::vector<std::string> cells{row.agency.agency_id, row.agency.name, row.agency.type, row.agency.province};
        for (const auto& survey : row.surveys) {
            cells.push_back(std::to_string(survey.answered.count));
            cells.emplace_back(survey.answered.rounded ? "1" : "0");
            cells.push_back(survey.minimum ? std::to_string(*survey.minimum) : std::string());
        }
        for (const std::size_t value : {row.oit_items, row.oit.entered, row.evidence_ok, row.oit.accepted, row.oit.rejected,
                                        row.oit.awaiting_review, row.oit.awaiting_re_review})
            cells.push_back(std::to_string(value));
        cells.push_back(row.risk);
        rows.push_back(std::move(cells));
    }
    return rows;
}

std::string query_value(const HttpRequest& request, const std::string& name) {
    const auto found = request.query.find(name);
    return found != request.query.end() ? found->second : std::string();
}

HttpResponse progress_page(const service::SeasonProgress& progress, const service::ProgressFilter& filter, bool national,
                           bool act_for_other_agency) {
    data context;
    context.set("agency", filter.agency_id);
    context.set("agency_param", act_for_other_agency ? "&agency=" + filter.agency_id : std::string());
    context.set("title", "ความคืบหน้าการประเมินปี " + std::to_string(progress.fiscal_year));
    context.set("wide", flag(true));
    context.set("national", flag(national));
    context.set("year", std::to_string(progress.fiscal_year));
    context.set("iit_window", window_text(progress.survey_windows[0], progress.days_left[0]));
    context.set("eit_window", window_text(progress.survey_windows[1], progress.days_left[1]));
    context.set("types", thai_select_options(progress.types, filter.type));
    context.set("provinces", thai_select_options(progress.provinces, filter.province));
    data statuses{data::type::list};
    for (const auto& [code, label] : std::vector<std::pair<std::string, std::string>>{
             {"", "ทุกสถานะ"}, {"at_risk", "เสี่ยงไม่ถึงขั้นต่ำ"}, {"short", "ผู้ตอบยังไม่ถึงขั้นต่ำ"}, {"oit_waiting", "มีข้อ OIT รอตรวจ"}}) {
        data option;
        option.set("code", code);
        option.set("label", label);
        option.set("selected", flag(code == filter.status));
        statuses.push_back(option);
    }
    context.set("statuses", statuses);
    context.set("count", std::to_string(progress.agencies.size()));
    context.set("at_risk", std::to_string(progress.at_risk));
    context.set("risk_days", std::to_string(service::risk_days));
    const std::string query = "/national/progress?year=" + std::to_string(progress.fiscal_year) +
                              "&type=" + percent_encoded(filter.type, false) + "&province=" + percent_encoded(filter.province, false) +
                              "&status=" + percent_encoded(filter.status, false);
    context.set("csv", query + "&format=csv");
    context.set("xlsx", query + "&format=xlsx");
    data rows{data::type::list};
    for (std::size_t index = 0; index < progress.agencies.size() && index < rows_on_page; ++index) {
        const auto& agency = progress.agencies[index];
        data row;
        row.set("agency_id", agency.agency.agency_id);
        row.set("name", agency.agency.name);
        row.set("type", agency.agency.type);
        row.set("province", agency.agency.province);
        row.set("iit", survey_text(agency.surveys[0]));
        row.set("eit", survey_text(agency.surveys[1]));
        row.set("entered", std::to_string(agency.oit.entered));
        row.set("items", std::to_string(agency.oit_items));
        row.set("working", std::to_string(agency.evidence_ok));
        row.set("reviewed", std::to_string(agency.oit.accepted + agency.oit.rejected));
        row.set("waiting", std::to_string(agency.oit.awaiting_review));
        row.set("re_review", std::to_string(agency.oit.awaiting_re_review));
        row.set("risk", agency.risk);
        row.set("has_risk", flag(!agency.risk.empty()));
        rows.push_back(row);
    }
    context.set("agencies", rows);
    context.set("more", flag(progress.agencies.size() > rows_on_page));
    context.set("shown", std::to_string(std::min(progress.agencies.size(), rows_on_page)));
    return html_page(200, "season_progress", context);
}

HttpResponse download(const service::SeasonProgress& progress, const std::string& format) {
    const std::string name = "ita-" + std::to_string(progress.fiscal_year) + "-progress." + format;
    if (format == "csv") {
        std::ostringstream out;
        out << "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read the Thai as UTF-8
        util::CsvWriter csv(out);
        for (const auto& title : header) csv.field(title);
        csv.end_row();
        for (const auto& row : table_rows(progress)) {
            for (const auto& cell : row) csv.field(cell);
            csv.end_row();
        }
        return {200,
                "text/csv; charset=utf-8",
                out.str(),
                {{"Content-Disposition", "attachment; filename=\"" + name + "\""}, {"Cache-Control", "no-store"}},
                {}};
    }
    auto bytes = util::bytes_written_to_temp_file(
        [&](const std::string& path) { return report::write_table_xlsx("progress", header, numeric_columns, table_rows(progress), path); });
    if (!bytes) return error_response(bytes.error());
    return {200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            std::move(*bytes),
            {{"Content-Disposition", "attachment; filename=\"" + name + "\""}, {"Cache-Control", "no-store"}},
            {}};
}

}  // namespace

void add_progress_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/national/progress", [context](const HttpRequest& request) {
        auto call = session_request(context.db, request, national_access);
        if (!call) return call.error();
        const service::ProgressFilter filter{"", query_value(request, "type"), query_value(request, "province"),
                                             query_value(request, "status")};
        const auto progress =
            service::season_progress(*call->store, call->fiscal_year, context.methodology_dir, util::bangkok_date_today(), filter);
        if (!progress) return error_response(progress.error());
        const auto format = query_value(request, "format");
        if (format == "csv" || format == "xlsx") return download(*progress, format);
        if (!format.empty()) return message_page(400, "รูปแบบไม่ถูกต้อง", "ดาวน์โหลดได้เป็น csv หรือ xlsx");
        return progress_page(*progress, filter, true, false);
    });
    router.add("GET", "/admin/progress", [context](const HttpRequest& request) {
        auto call = agency_request(context.db, request);
        if (!call) return call.error();
        const service::ProgressFilter filter{call->access.agency_id, "", "", ""};
        const auto progress =
            service::season_progress(*call->store, call->fiscal_year, context.methodology_dir, util::bangkok_date_today(), filter);
        if (!progress) return error_response(progress.error());
        return progress_page(*progress, filter, false, call->access.session.user.role != core::Role::agency_admin);
    });
}

}  // namespace ita::server
