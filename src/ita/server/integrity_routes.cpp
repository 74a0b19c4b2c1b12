#include <ita/server/integrity_routes.hpp>

#include <ita/server/agency_access.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/pages.hpp>
#include <ita/server/score_text.hpp>
#include <ita/server/status_mapping.hpp>
#include <ita/service/response_integrity.hpp>
#include <ita/thai/dates.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>

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
    view.set("tone", std::string(!row.assessment.enough            ? ""
                                 : row.assessment.confidence >= 80 ? "ok"
                                 : row.assessment.confidence >= 50 ? "soon"
                                                                   : "late"));
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

// The nation's assessment of a year, made at most once every five minutes in a process: it reads
// every answer of the year (the synthetic nation's 1.38 M respondents: 3.8 s and 230 MB,
// measured), too much for each page view. Auditors are told when it was made.
class IntegrityCache {
public:
    struct Made {
        std::string made_at;  // UTC
        std::shared_ptr<const std::vector<core::AgencyIntegrity>> rows;
    };

    Result<Made> year(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir) {
        std::lock_guard lock(m_mutex);  // one assessment at a time; a second viewer waits for it
        auto& entry = m_years[fiscal_year];
        const auto now = std::chrono::steady_clock::now();
        if (entry.made.rows && now - entry.at < lifetime) return entry.made;
        ITA_TRY(rows, service::assess_response_integrity(store, {fiscal_year, std::nullopt, methodology_dir}));
        entry = {now, {storage::utc_now(), std::make_shared<const std::vector<core::AgencyIntegrity>>(std::move(rows))}};
        return entry.made;
    }

private:
    static constexpr std::chrono::minutes lifetime{5};
    struct Entry {
        std::chrono::steady_clock::time_point at;
        Made made;
    };
    std::mutex m_mutex;
    std::map<int, Entry> m_years;
};

}  // namespace

void add_integrity_routes(Router& router, const ResultsContext& context) {
    auto cache = std::make_shared<IntegrityCache>();
    router.add("GET", "/review/integrity", [context, cache](const HttpRequest& request) {
        auto allowed = session_request(context.db, request, reviewer_access);
        if (!allowed) return allowed.error();
        const auto agency = request.query.find("agency");
        const bool one = agency != request.query.end() && !agency->second.empty();
        auto made = cache->year(*allowed->store, allowed->fiscal_year, context.methodology_dir);
        if (!made) return message_page(status_for(made.error().code), "วิเคราะห์คำตอบไม่ได้", made.error().message);
        std::vector<core::AgencyIntegrity> rows;
        for (const auto& row : *made->rows)
            if (!one || row.agency.agency_id == agency->second) rows.push_back(row);
        if (one && rows.empty()) {
            auto known = allowed->store->agency(agency->second);
            if (!known) return error_response(known.error());
            if (!*known) return message_page(404, "ไม่พบหน่วยงาน", "ไม่มีหน่วยงานรหัส " + agency->second);
        }
        if (one)  // IIT before EIT
            std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.instrument < b.instrument; });
        data page;
        page.set("made_at", thai::short_thai_time(made->made_at));
        page.set("title", "ความน่าเชื่อถือของคำตอบ ปี " + std::to_string(allowed->fiscal_year));
        page.set("year", std::to_string(allowed->fiscal_year));
        page.set("one", flag(one));
        if (one) page.set("agency", agency->second);
        std::map<std::string, storage::ScoreSnapshot> published;
        if (auto overall = allowed->store->published_overall(allowed->fiscal_year))
            for (auto& snapshot : *overall) published.emplace(snapshot.agency_id, std::move(snapshot));
        data list{data::type::list};
        std::size_t flagged = 0;
        for (const auto& row : rows) {
            flagged += row.assessment.enough && row.assessment.confidence < 100 ? 1 : 0;
            if (one || list.list_value().size() < listed_at_most) list.push_back(row_view(row, one, published));
        }
        page.set("rows", list);
        page.set("has_rows", flag(!rows.empty()));
        page.set("count", std::to_string(rows.size()));
        page.set("flagged", std::to_string(flagged));
        page.set("more", flag(!one && rows.size() > listed_at_most));
        page.set("shown", std::to_string(std::min(rows.size(), listed_at_most)));
        // One agency: the counter devices its EIT answers came through, by count.
        data devices{data::type::list};
        if (one)
            if (auto kiosks = allowed->store->kiosks(allowed->fiscal_year, agency->second); kiosks)
                for (const auto& kiosk : *kiosks) {
                    data device;
                    device.set("label", kiosk.label);
                    device.set("answers", std::to_string(kiosk.answers));
                    device.set("since", thai::short_thai_date(kiosk.created_on));
                    device.set("on", flag(!kiosk.revoked));
                    devices.push_back(device);
                }
        page.set("has_kiosks", flag(!devices.list_value().empty()));
        page.set("kiosks", devices);
        return html_page(200, "review_integrity", page);
    });
}

}  // namespace ita::server
