#include <ita/server/integrity_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/score_text.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/response_integrity.hpp>

#include <map>

namespace ita::server {

namespace {

constexpr std::size_t listed_at_most = 200;  // the nation has ~16,600 rows; the lowest matter

data row_view(const core::AgencyIntegrity& row, bool every_signal, const std::map<std::string, storage::ScoreSnapshot>& published) {
    data view;
    // The score the signals are read next to: the published overall and verdict, when there is one.
    if (const auto found = published.find(row.agency.agency_id); found != published.end() && found->second.overall)
        view.set("score", "คะแนน ITA ที่เผยแพร่ " + shown(found->second.overall) + " (" + found->second.rating + ")");
    view.set("agency", row.agency.agency_id);
    view.set("name", row.agency.name);
    view.set("type", row.agency.type);
    view.set("instrument", std::string(core::instrument_code(row.instrument)));
    view.set("respondents", std::to_string(row.assessment.respondents));
    view.set("judged", flag(row.assessment.enough));
    view.set("confidence", std::to_string(row.assessment.confidence));
    view.set("level", row.assessment.level);
    view.set("tone", std::string(!row.assessment.enough ? "" : row.assessment.confidence >= 80 ? "ok" : row.assessment.confidence >= 50 ? "soon" : "late"));
    data signals{data::type::list};
    for (const auto& signal : row.assessment.signals) {
        if (!every_signal && !signal.flagged) continue;
        data item;
        item.set("flagged", flag(signal.flagged));
        item.set("explanation", signal.explanation);
        item.set("weight", std::to_string(signal.weight));
        signals.push_back(item);
    }
    view.set("signals", signals);
    return view;
}

}  // namespace

void add_integrity_routes(Router& router, const ResultsContext& context) {
    router.add("GET", "/review/integrity", [context](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, reviewer_access);
        if (!allowed) return allowed.error();
        const auto agency = request.query.find("agency");
        const bool one = agency != request.query.end() && !agency->second.empty();
        auto rows = service::assess_response_integrity(
            *allowed->store, {allowed->fiscal_year, one ? std::optional(agency->second) : std::nullopt, context.methodology_dir});
        if (!rows) return message_page(status_for(rows.error().code), "วิเคราะห์คำตอบไม่ได้", rows.error().message);
        data page;
        page.set("title", "ความน่าเชื่อถือของคำตอบ ปี " + std::to_string(allowed->fiscal_year));
        page.set("year", std::to_string(allowed->fiscal_year));
        page.set("one", flag(one));
        if (one) page.set("agency", agency->second);
        std::map<std::string, storage::ScoreSnapshot> published;
        if (auto overall = allowed->store->published_overall(allowed->fiscal_year))
            for (auto& snapshot : *overall) published.emplace(snapshot.agency_id, std::move(snapshot));
        data list{data::type::list};
        std::size_t flagged = 0;
        for (const auto& row : *rows) {
            flagged += row.assessment.enough && row.assessment.confidence < 100 ? 1 : 0;
            if (one || list.list_value().size() < listed_at_most) list.push_back(row_view(row, one, published));
        }
        page.set("rows", list);
        page.set("has_rows", flag(!rows->empty()));
        page.set("count", std::to_string(rows->size()));
        page.set("flagged", std::to_string(flagged));
        page.set("more", flag(!one && rows->size() > listed_at_most));
        page.set("shown", std::to_string(std::min(rows->size(), listed_at_most)));
        return html_page(200, "review_integrity", page);
    });
}

}  // namespace ita::server
