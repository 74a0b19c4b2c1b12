#include <ita/server/results_routes.hpp>

#include <ita/report/docx_writer.hpp>
#include <ita/report/html_writer.hpp>
#include <ita/report/pdf_writer.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/report/xlsx_writer.hpp>
#include <ita/server/agency_access.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/service/score_store.hpp>
#include <ita/service/score_visibility.hpp>
#include <ita/service/season_reports.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/temp_file.hpp>
#include <ita/util/text.hpp>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <expected>
#include <filesystem>
#include <sstream>

namespace ita::server {

namespace {

// The fiscal year of ?year=, or an error response.
std::optional<int> year_of(const HttpRequest& request, HttpResponse& error) {
    const auto found = request.query.find("year");
    const auto value = found == request.query.end() ? std::nullopt : util::parse_fiscal_year(found->second);
    if (!value) {
        error = json_error(400, "give the Buddhist-era fiscal year as ?year=2565");
        return std::nullopt;
    }
    return *value;
}

const char* content_type_of(const std::string& format) {
    if (format == "pdf") return "application/pdf";
    if (format == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (format == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return "text/html; charset=utf-8";
}

// What the download form may ask for: Thai digits, a working draft, and the three signers.
struct ReportOptions {
    bool thai_digits = false;
    bool draft = false;
    std::vector<report::Signer> signers{{"ผู้รายงานข้อมูล", "", ""}, {"ผู้รับรองข้อมูล", "", ""}, {"ผู้เห็นชอบข้อมูล", "", ""}};
};

// ?thai_digits=1&draft=1&reporter_name=…&reporter_position=… (certifier_, approver_ likewise);
// a name or position is printed as given, so it must be one line of at most 120 letters.
std::expected<ReportOptions, std::string> report_options(const HttpRequest& request) {
    ReportOptions options;
    const auto flag = [&](const char* name) {
        const auto found = request.query.find(name);
        return found != request.query.end() && (found->second == "1" || found->second == "on");
    };
    options.thai_digits = flag("thai_digits");
    options.draft = flag("draft");
    const char* keys[] = {"reporter", "certifier", "approver"};
    for (std::size_t index = 0; index < 3; ++index)
        for (const bool position : {false, true}) {
            const std::string key = std::string(keys[index]) + (position ? "_position" : "_name");
            const auto found = request.query.find(key);
            if (found == request.query.end()) continue;
            const std::string value(util::trim(found->second));
            const auto letters =
                std::count_if(value.begin(), value.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
            if (util::invalid_utf8_at(value) || letters > 120 ||
                std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
                return std::unexpected("ช่อง " + key + ": ชื่อหรือตำแหน่งต้องเป็นข้อความบรรทัดเดียว ไม่เกิน 120 ตัวอักษร");
            (position ? options.signers[index].position : options.signers[index].name) = value;
        }
    return options;
}

// The report's bytes (the writers take paths: a private temporary file in between).
Result<std::string> report_bytes(const service::SeasonReports& season, const std::string& format, const ReportOptions& options) {
    auto input = season.input_for(season.chosen.front(), options.signers);
    input.draft = options.draft;
    if (format == "xlsx") return util::bytes_written_to_temp_file([&](const std::string& path) { return report::write_xlsx(input, path); });
    const auto document = report::agency_report(input);
    if (format == "html") {
        std::ostringstream out;
        report::write_html(out, document, options.thai_digits);
        return out.str();
    }
    if (format == "pdf") return report::pdf_bytes(document, {options.thai_digits});
    return util::bytes_written_to_temp_file(
        [&](const std::string& path) { return report::write_docx(document, path, options.thai_digits); });
}

// A draft shows measures not adopted yet: only the agency's own working group and national
// admins may ask for one.
std::optional<HttpResponse> refuse_draft(storage::Store& store, const HttpRequest& request, const std::string& agency) {
    auto session = signed_in(store, request, {});
    if (!session) return session.error();
    const auto& user = session->user;
    if (user.role == core::Role::national_admin || (user.role == core::Role::agency_admin && user.agency_id == agency)) return std::nullopt;
    return message_page(403, "ฉบับร่าง", "รายงานฉบับร่าง (รวมมาตรการที่ยังไม่รับรอง) ดูได้เฉพาะคณะทำงานของหน่วยงานและผู้ดูแลระบบ");
}

// A year's results are public once published (`ita publish`); before that only those who work
// on them may see them: the agency's own working group, auditors and national admins. The API
// signs in with a bearer token, pages with the session cookie. Nothing when allowed.
std::optional<HttpResponse> refuse_unpublished(storage::Store& store, const HttpRequest& request, int year, const std::string& agency,
                                               bool api) {
    const auto publications = store.publications();
    if (!publications) return error_response(publications.error());
    for (const auto& publication : *publications)
        if (publication.fiscal_year == year) return std::nullopt;
    storage::Session session;
    if (api) {
        if (request.bearer.empty())
            return json_error(401, "the results of " + std::to_string(year) + " are not published yet: sign in to see them");
        auto found = store.session(request.bearer, std::time(nullptr));
        if (!found) return json_error(401, "the session has ended: sign in again");
        session = std::move(*found);
    } else {
        auto found = signed_in(store, request, {});
        if (!found) return found.error();
        session = std::move(*found);
    }
    const auto& user = session.user;
    if (core::reviews_evidence(user.role) || (user.role == core::Role::agency_admin && user.agency_id == agency)) return std::nullopt;
    const std::string message = "ผลปี " + std::to_string(year) + " ยังไม่เผยแพร่ เฉพาะคณะทำงานของหน่วยงาน ผู้ตรวจประเมิน และผู้ดูแลระบบเท่านั้นที่ดูได้";
    return api ? json_error(403, "the results of " + std::to_string(year) + " are not published yet")
               : message_page(403, "ยังไม่เผยแพร่", message);
}

// Scores read live from the store show what service::scores_before_publication allows: no
// IIT/EIT figure from a survey still open or short of its minimum, and two decimals. After
// publication a short sample stays hidden too, as in the published results (figures unrounded).
Result<void> hide_unshowable_scores(storage::Store& store, int year, service::ScoreRun& run, const std::vector<std::size_t>& positions) {
    ITA_TRY(published, service::is_published(store, year));
    const auto today = util::bangkok_date_today();
    for (const auto position : positions) {
        auto& scores = run.scored.at(position).scores;
        if (published) {
            ITA_TRY(hidden, service::hidden_instruments(store, run.methodology, scores, today));
            if (hidden[0] || hidden[1])
                scores = service::withhold_instruments(run.methodology, std::move(scores), hidden,
                                                       "จำนวนผู้ตอบต่ำกว่าขั้นต่ำ จึงไม่แสดงคะแนน IIT/EIT และคะแนนรวม");
            continue;
        }
        ITA_TRY(shown, service::scores_before_publication(store, run.methodology, std::move(scores), today));
        scores = std::move(shown);
    }
    return {};
}

}  // namespace

void add_results_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/api/v1/agencies/:id/scores", [context](const HttpRequest& request) {
        HttpResponse error;
        const auto year = year_of(request, error);
        if (!year) return error;
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        const std::string& agency = request.path_params.at("id");
        if (auto refused = refuse_unpublished(**store, request, *year, agency, true)) return *refused;
        auto run = service::score_store(**store, {*year, agency, context.methodology_dir, false});
        if (!run) return error_response(run.error());
        if (auto hidden = hide_unshowable_scores(**store, *year, *run, {0}); !hidden) return error_response(hidden.error());
        return json_response(200, report::agency_scores_json(run->methodology, run->scored.front()) + "\n");
    });

    for (const std::string format : {"pdf", "docx", "xlsx", "html"}) {
        router.add("GET", "/agency/:id/report." + format, [context, format](const HttpRequest& request) {
            HttpResponse error;
            const auto year = year_of(request, error);
            if (!year) return error;
            auto store = lease_store(context.db);
            if (!store) return error_response(store.error());
            const std::string& agency = request.path_params.at("id");
            if (auto refused = refuse_unpublished(**store, request, *year, agency, false)) return *refused;
            const auto options = report_options(request);
            if (!options) return message_page(400, "ตัวเลือกรายงานไม่ถูกต้อง", options.error());
            if (options->draft)
                if (auto refused = refuse_draft(**store, request, agency)) return *refused;
            auto season = service::prepare_reports(**store, *year, agency, context.methodology_dir);
            if (!season) return error_response(season.error());
            if (auto hidden = hide_unshowable_scores(**store, *year, (*season)->run, (*season)->chosen); !hidden)
                return error_response(hidden.error());
            auto bytes = report_bytes(**season, format, *options);
            if (!bytes) return error_response(bytes.error());
            HttpResponse response{200, content_type_of(format), std::move(*bytes), {}, {}};
            if (format != "html")
                response.headers.emplace_back("Content-Disposition",
                                              "attachment; filename=\"ita-" + std::to_string(*year) + "-" + agency + "." + format + "\"");
            return response;
        });
    }
}

}  // namespace ita::server
