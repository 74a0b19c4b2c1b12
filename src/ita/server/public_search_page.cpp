// /search?q=… — agencies found by name, province, type or id, with their latest published score.
#include <ita/server/public_pages.hpp>

#include <ita/server/page_template.hpp>
#include <ita/server/score_text.hpp>

namespace ita::server {

std::string search_html(const service::PublicResults& results, const std::string& query, std::size_t limit) {
    data context;
    context.set("title", query.empty() ? std::string("ค้นหาหน่วยงาน") : "ค้นหา: " + query);
    context.set("query", query);
    const auto* latest = results.latest();
    data hits{data::type::list};
    const auto found = results.search(query, limit + 1);
    for (std::size_t index = 0; index < found.size() && index < limit; ++index) {
        const auto* agency = found[index];
        data hit;
        hit.set("id", agency->agency_id);
        hit.set("name", agency->name);
        hit.set("type", agency->type);
        hit.set("province", agency->province);
        if (latest)
            if (const auto position = latest->find(agency->agency_id)) {
                hit.set("overall", shown(latest->scored[*position].scores.overall));
                hit.set("year", std::to_string(latest->fiscal_year()));
            }
        hits.push_back(hit);
    }
    context.set("searched", flag(!query.empty()));
    context.set("hits", hits);
    context.set("count", found.size() > limit ? "มากกว่า " + std::to_string(limit) + " หน่วยงาน แสดง " + std::to_string(limit) + " รายการแรก"
                                              : "พบ " + std::to_string(found.size()) + " หน่วยงาน");
    return render_template("search", context);
}

}  // namespace ita::server
