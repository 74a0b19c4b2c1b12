#include <ita/server/public_routes.hpp>

#include <ita/server/open_data.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/public_pages.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/util/calendar.hpp>
#include <ita/util/text.hpp>

namespace ita::server {

namespace {

// Pages may be kept a minute by shared caches; after that they revalidate with the ETag.
constexpr const char* page_caching = "public, max-age=60";
constexpr const char* badge_caching = "public, max-age=300";

bool matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match.empty()) return false;
    if (util::trim(if_none_match) == "*") return true;
    // A list of tags, possibly weak (W/"…"): a weak match is enough for GET.
    return if_none_match.find(etag) != std::string::npos;
}

HttpResponse cached(const HttpRequest& request, const CachedPage& page, const char* caching) {
    HttpResponse response{page.status, page.content_type, {}, {{"ETag", page.etag}, {"Cache-Control", caching}}, {}};
    if (page.status == 200 && matches(request.if_none_match, page.etag)) {
        response.status = 304;
        return response;
    }
    response.body = page.body;
    return response;
}

CachedPage html(int status, std::string body) { return {status, "text/html; charset=utf-8", std::move(body), {}}; }

std::optional<int> year_parameter(const HttpRequest& request) {
    const auto found = request.query.find("year");
    if (found == request.query.end()) return std::nullopt;
    return util::parse_fiscal_year(found->second).value_or(-1);
}

// The year asked for, or the latest published year holding the agency (any agency when none).
const service::PublishedYear* chosen_year(const service::PublicResults& results, const HttpRequest& request, const std::string& agency_id) {
    if (const auto asked = year_parameter(request)) return *asked > 0 ? results.year(*asked) : nullptr;
    for (const auto& year : results.years)
        if (agency_id.empty() || year->find(agency_id)) return year.get();
    return nullptr;
}

// The published year named by the path's :year, if it is one.
const service::PublishedYear* published_year_of(const service::PublicResults& results, const HttpRequest& request) {
    const auto number = util::parse_integer(request.path_params.at("year"));
    return number ? results.year(static_cast<int>(*number)) : nullptr;
}

std::optional<DataFormat> format_of_extension(std::string_view name, std::string& stem) {
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    stem = std::string(name.substr(0, dot));
    const auto extension = name.substr(dot + 1);
    if (extension == "csv") return DataFormat::csv;
    if (extension == "json") return DataFormat::json;
    if (extension == "xlsx") return DataFormat::xlsx;
    return std::nullopt;
}

std::string download_name(int year, const std::string& stem, DataFormat format) {
    const char* extension = format == DataFormat::csv ? "csv" : format == DataFormat::json ? "json" : "xlsx";
    return "attachment; filename=\"ita-" + std::to_string(year) + "-" + stem + "." + extension + "\"";
}

}  // namespace

namespace {

// The national dashboard, search and each agency's page.
void add_result_pages(Router& router, const std::shared_ptr<PublicCache>& cache, const std::string& read_db) {
    router.add("GET", "/", [](const HttpRequest&) {
        HttpResponse response{302, "text/plain; charset=utf-8", "", {{"Location", "/national"}}, {}};
        return response;
    });

    router.add("GET", "/national", [cache](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        if ((*results)->years.empty())
            return cached(request, *cache->page(**results, "national", [] { return html(200, nothing_published_html()); }), page_caching);
        const auto* year = chosen_year(**results, request, "");
        if (!year) return message_page(404, "ไม่พบผลของปีนี้", "ยังไม่มีผลการประเมินของปีที่ระบุที่เผยแพร่");
        const auto key = "national/" + std::to_string(year->fiscal_year());
        return cached(request, *cache->page(**results, key, [&] { return html(200, national_dashboard_html(**results, *year)); }),
                      page_caching);
    });

    router.add("GET", "/search", [cache](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const auto query = request.query.contains("q") ? request.query.at("q") : std::string();
        if (query.size() > 200) return message_page(400, "ค้นหาไม่ได้", "ข้อความค้นหายาวเกินไป");
        auto page = html(200, search_html(**results, query, 50));
        page.etag = entity_tag((*results)->generation, page.body);
        return cached(request, page, page_caching);
    });

    router.add("GET", "/agency/:id", [cache, read_db](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const std::string& agency_id = request.path_params.at("id");
        const auto* agency = (*results)->agency(agency_id);
        if (!agency) return message_page(404, "ไม่พบหน่วยงาน", "ไม่มีหน่วยงานรหัส " + agency_id);
        const auto* year = chosen_year(**results, request, agency_id);
        const auto position = year ? year->find(agency_id) : std::nullopt;
        const int asked = year ? year->fiscal_year() : year_parameter(request).value_or(0);
        const auto key = "agency/" + agency_id + "/" + std::to_string(asked);
        std::optional<Error> failure;
        const auto page = cache->page(**results, key, [&] {
            if (!position) return html(year_parameter(request) ? 404 : 200, agency_unpublished_html(**results, *agency, asked));
            std::vector<core::Measure> measures;
            auto store = lease_store(read_db);
            // The measures answering year Y's result are those of year Y + 1, as in the report.
            auto listed = store ? (*store)->measures(year->fiscal_year() + 1, agency_id)
                                : Result<std::vector<core::Measure>>(std::unexpected(store.error()));
            if (!listed)
                failure = listed.error();
            else
                measures = std::move(*listed);
            return html(failure ? 503 : 200, agency_public_html(**results, *year, *position, measures));
        });
        if (failure) return error_response(*failure);
        return cached(request, *page, page_caching);
    });
}

// What worked: measures of a year judged by the published results before and of it.
void add_measure_library(Router& router, const std::shared_ptr<PublicCache>& cache, const std::string& read_db) {
    router.add("GET", "/measures/library", [cache, read_db](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const auto asked = year_parameter(request);
        if (asked && *asked < 0) return message_page(400, "ปีไม่ถูกต้อง", "ระบุปีงบประมาณ พ.ศ. เช่น year=2566");
        const int year = asked ? *asked : ((*results)->latest() ? (*results)->latest()->fiscal_year() : 0);
        const std::string type = request.query.contains("type") ? request.query.at("type") : std::string();
        std::optional<Error> failure;
        const auto page = cache->page(**results, "library/" + std::to_string(year) + "/" + type, [&] {
            auto store = lease_store(read_db);
            if (!store) {
                failure = store.error();
                return html(503, "");
            }
            auto effectiveness = service::measure_effectiveness(**store, **results, {year, std::nullopt, std::nullopt});
            if (!effectiveness) {
                if (effectiveness.error().code != ErrorCode::not_found) failure = effectiveness.error();
                return html(404, message_page(404, "ยังไม่มีคลังมาตรการของปีนี้", effectiveness.error().message).body);
            }
            return html(200, measure_library_html(*effectiveness, type));
        });
        if (failure) return error_response(*failure);
        return cached(request, *page, page_caching);
    });
}

// The badge an agency embeds, and the year's open data (national and per agency).
void add_badge_and_files(Router& router, const std::shared_ptr<PublicCache>& cache, const std::string& read_db,
                         const std::optional<std::string>& methodology_dir) {
    router.add("GET", "/agency/:id/badge.svg", [cache](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const std::string& agency_id = request.path_params.at("id");
        if (!(*results)->agency(agency_id)) return json_error(404, "no agency " + agency_id);
        const auto* year = chosen_year(**results, request, agency_id);
        const auto position = year ? year->find(agency_id) : std::nullopt;
        const auto key = "badge/" + agency_id + "/" + (year ? std::to_string(year->fiscal_year()) : std::string("none"));
        const auto page = cache->page(**results, key, [&] {
            return CachedPage{200, "image/svg+xml", score_badge_svg(year, position), {}};
        });
        return cached(request, *page, badge_caching);
    });

    router.add("GET", "/data/:year/:file", [cache, read_db, methodology_dir](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const auto* year = published_year_of(**results, request);
        if (!year) return json_error(404, "no published results for fiscal year " + request.path_params.at("year"));
        std::string stem;
        const auto format = format_of_extension(request.path_params.at("file"), stem);
        if (!format || stem != "scores") return json_error(404, "the national files are scores.csv, scores.xlsx and scores.json");
        // An earlier public version (?version=N) stays readable after a correction.
        std::shared_ptr<const service::PublishedYear> earlier;
        if (const auto asked = request.query.find("version"); asked != request.query.end()) {
            const auto version = util::parse_integer(asked->second);
            if (!version || *version < 1 || *version > year->publication.version)
                return json_error(404, "fiscal year " + std::to_string(year->fiscal_year()) + " has public versions 1 to " +
                                           std::to_string(year->publication.version));
            if (*version != year->publication.version) {
                auto store = lease_store(read_db);
                if (!store) return error_response(store.error());
                auto loaded = service::load_published_version(**store, **results, *year, static_cast<int>(*version), methodology_dir);
                if (!loaded) return error_response(loaded.error());
                earlier = std::move(*loaded);
                year = earlier.get();
            }
        }
        // The bytes follow from the publication alone: its generation (and version) name them.
        const std::string etag = "\"g" + std::to_string((*results)->generation) + "-" + std::to_string(year->fiscal_year()) + "-v" +
                                 std::to_string(year->publication.version) + "-" + request.path_params.at("file") + "\"";
        HttpResponse response{200, content_type_of(*format), {}, {{"ETag", etag}, {"Cache-Control", page_caching}}, {}};
        if (matches(request.if_none_match, etag)) {
            response.status = 304;
            return response;
        }
        response.headers.emplace_back(
            "Content-Disposition",
            download_name(year->fiscal_year(), earlier ? "scores-v" + std::to_string(year->publication.version) : "scores", *format));
        // The stream keeps the results (and an earlier version) it reads alive until the last byte is written.
        response.stream = [results = *results, earlier, year, format = *format](const BodyWriter& write) {
            write_national_scores(*year, format, write);
        };
        return response;
    });

    router.add("GET", "/data/:year/agencies/:file", [cache](const HttpRequest& request) {
        const auto results = cache->results();
        if (!results) return error_response(results.error());
        const auto* year = published_year_of(**results, request);
        if (!year) return json_error(404, "no published results for fiscal year " + request.path_params.at("year"));
        std::string agency_id;
        const auto format = format_of_extension(request.path_params.at("file"), agency_id);
        if (!format || *format == DataFormat::xlsx) return json_error(404, "an agency's files are <id>.csv and <id>.json");
        const auto position = year->find(agency_id);
        if (!position)
            return json_error(404,
                              "no published result of agency " + agency_id + " for fiscal year " + std::to_string(year->fiscal_year()));
        const auto key = "data/" + std::to_string(year->fiscal_year()) + "/" + request.path_params.at("file");
        const auto page = cache->page(**results, key, [&] {
            return CachedPage{200,
                              content_type_of(*format),
                              *format == DataFormat::csv ? agency_scores_csv(*year, *position) : agency_scores_json(*year, *position),
                              {}};
        });
        auto response = cached(request, *page, page_caching);
        if (response.status == 200)
            response.headers.emplace_back("Content-Disposition", download_name(year->fiscal_year(), agency_id, *format));
        return response;
    });
}

}  // namespace

void add_public_routes(Router& router, const ResultsContext& context, const std::shared_ptr<PublicCache>& cache) {
    const std::string read_db = context.db_read.empty() ? context.db : context.db_read;
    add_result_pages(router, cache, read_db);
    add_measure_library(router, cache, read_db);
    add_badge_and_files(router, cache, read_db, context.methodology_dir);
}

}  // namespace ita::server
