// /measures/library?year=Y[&type=T]: what worked — the adopted measures of year Y whose
// targeted indicators rose from the published result of the year before to Y's, by agency
// type and indicator, for every agency to learn from.
#include <ita/server/page_template.hpp>
#include <ita/server/public_pages.hpp>
#include <ita/server/score_text.hpp>
#include <ita/util/decimal.hpp>

#include <set>

namespace ita::server {

std::string measure_library_html(const service::Effectiveness& effectiveness, const std::string& type) {
    data page;
    page.set("title", "คลังมาตรการที่ได้ผล ปี " + std::to_string(effectiveness.fiscal_year));
    page.set("year", std::to_string(effectiveness.fiscal_year));
    page.set("baseline", std::to_string(effectiveness.baseline_year));
    page.set("published", flag(effectiveness.outcome_published));
    page.set("threshold", util::format_fixed(core::effect_threshold, 0));
    std::set<std::string> type_names;
    for (const auto& entry : effectiveness.library) type_names.insert(entry.agency_type);
    page.set("types", thai_select_options({type_names.begin(), type_names.end()}, type));
    page.set("type", type);
    data entries{data::type::list};
    for (const auto& entry : effectiveness.library) {
        if (!type.empty() && entry.agency_type != type) continue;
        data view;
        view.set("agency_type", entry.agency_type);
        view.set("indicator", std::to_string(entry.indicator));
        view.set("indicator_name", entry.indicator_name);
        view.set("measures", std::to_string(entry.measures));
        view.set("judged", std::to_string(entry.judged));
        view.set("improved", std::to_string(entry.improved));
        view.set("mean_change", entry.mean_change ? signed_change(*entry.mean_change) : std::string("—"));
        data worked{data::type::list};
        for (const auto* effect : entry.worked) {
            data item;
            item.set("title", effect->measure.title);
            item.set("agency", effect->measure.agency_id);
            const auto position = static_cast<std::size_t>(effect - effectiveness.all.data());
            item.set("agency_name", effectiveness.names[position]);
            for (const auto& target : effect->targets)
                if (target.target == "indicator:" + std::to_string(entry.indicator))
                    item.set("change", signed_change(target.change().value_or(0)));
            worked.push_back(item);
        }
        view.set("worked", worked);
        view.set("has_worked", flag(!entry.worked.empty()));
        entries.push_back(view);
    }
    page.set("has_entries", flag(!entries.list_value().empty()));
    page.set("entries", entries);
    return render_template("measure_library", page);
}

}  // namespace ita::server
