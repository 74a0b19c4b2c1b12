// /national?year=Y — the nation's published results: counts, mean and share passing against
// the year's target (with the change from the previous published year), the distribution,
// indicator means, figures by agency type and by province (Thai order), the top and bottom
// agencies, and the open-data downloads; and the page shown before anything is published.
#include <ita/server/public_pages.hpp>

#include <ita/report/svg_chart.hpp>
#include <ita/server/page_template.hpp>
#include <ita/server/publication_note.hpp>
#include <ita/server/score_text.hpp>
#include <ita/util/decimal.hpp>

#include <algorithm>
#include <map>

namespace ita::server {

namespace {

std::string change_text(const std::optional<double>& now, const std::optional<double>& before) {
    if (!now || !before) return "";
    return signed_change(util::round_half_away(*now) - util::round_half_away(*before));
}

data figures_rows(const std::vector<core::GroupFigures>& figures, const std::vector<core::GroupFigures>* before) {
    std::map<std::string, const core::GroupFigures*> earlier;
    if (before)
        for (const auto& entry : *before) earlier[entry.group] = &entry;
    data rows{data::type::list};
    for (const auto& entry : figures) {
        data row;
        row.set("group", entry.group);
        row.set("agencies", grouped(entry.agencies));
        row.set("scored", grouped(entry.scored));
        row.set("mean", shown(entry.mean));
        row.set("share", shown(entry.share_passing_percent));
        row.set("meets", flag(entry.meets_target));
        if (const auto found = earlier.find(entry.group); found != earlier.end())
            row.set("change", change_text(entry.mean, found->second->mean));
        rows.push_back(row);
    }
    return rows;
}

data agency_rows(const service::PublishedYear& year, const std::vector<std::size_t>& chosen) {
    data rows{data::type::list};
    for (const std::size_t index : chosen) {
        const auto& scored = year.scored[index];
        data row;
        row.set("id", scored.agency->agency_id);
        row.set("name", scored.agency->name);
        row.set("type", scored.agency->type);
        row.set("province", scored.agency->province);
        row.set("overall", shown(scored.scores.overall));
        rows.push_back(row);
    }
    return rows;
}

report::Histogram distribution(const service::PublishedYear& year) {
    // Bands of 5 points from 50; everything below 50 in one band. Scores are banded as shown
    // (two decimals), the way passing is decided.
    report::Histogram histogram{"จำนวนหน่วยงานตามช่วงคะแนน", {"<50"}, {0}, 0};
    for (int from = 50; from < 100; from += 5) {
        histogram.labels.push_back(std::to_string(from) + (from == 95 ? "–100" : ""));
        histogram.counts.push_back(0);
        if (from <= year.methodology.pass_mark) histogram.passing_from = histogram.counts.size() - 1;
    }
    for (const auto& scored : year.scored) {
        if (!scored.scores.overall) continue;
        const double shown_score = util::round_half_away(*scored.scores.overall);
        const std::size_t band = shown_score < 50 ? 0 : std::min<std::size_t>(10, 1 + static_cast<std::size_t>((shown_score - 50) / 5));
        ++histogram.counts[band];
    }
    return histogram;
}

}  // namespace

std::string national_dashboard_html(const service::PublicResults& results, const service::PublishedYear& year) {
    const auto& methodology = year.methodology;
    const auto& national = year.ranks.national;
    const auto* previous = results.previous(year.fiscal_year());
    data context;
    context.set("title", "ผลการประเมิน ITA ระดับประเทศ ปี " + std::to_string(year.fiscal_year()));
    context.set("wide", flag(true));
    context.set("year", std::to_string(year.fiscal_year()));
    data years{data::type::list};
    for (auto entry = results.years.rbegin(); entry != results.years.rend(); ++entry) {
        data item;
        item.set("year", std::to_string((*entry)->fiscal_year()));
        item.set("current", flag((*entry)->fiscal_year() == year.fiscal_year()));
        years.push_back(item);
    }
    context.set("years", years);
    context.set("agencies", grouped(national.agencies));
    context.set("scored", grouped(national.scored));
    context.set("mean", shown(national.mean));
    context.set("passing", grouped(national.passing));
    context.set("share", shown(national.share_passing_percent));
    context.set("target", util::format_fixed(methodology.national_target_percent, 0));
    context.set("pass_mark", util::format_fixed(methodology.pass_mark, 0));
    context.set("meets", flag(national.meets_target));
    set_publication_note(context, year);
    if (previous) {
        context.set("previous_year", std::to_string(previous->fiscal_year()));
        context.set("mean_change", change_text(national.mean, previous->ranks.national.mean));
        context.set("share_change", change_text(national.share_passing_percent, previous->ranks.national.share_passing_percent));
    }
    context.set("histogram", report::histogram_svg(distribution(year)));

    const auto means = year.indicator_means();
    const auto previous_means = previous ? previous->indicator_means() : std::vector<std::optional<double>>{};
    report::BarChart chart{"คะแนนเฉลี่ยรายตัวชี้วัด", {}, {}, methodology.pass_mark, {}, {}};
    data indicators{data::type::list};
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        chart.labels.push_back(std::to_string(indicator.number));
        chart.values.push_back(means[index]);
        data row;
        row.set("name", std::to_string(indicator.number) + ". " + indicator.name);
        row.set("mean", shown(means[index]));
        if (previous) {
            const auto earlier = previous->methodology.indicator_index(indicator.number);
            if (earlier && *earlier < previous_means.size()) row.set("change", change_text(means[index], previous_means[*earlier]));
        }
        indicators.push_back(row);
    }
    context.set("indicator_chart", report::bar_chart_svg(chart, 640, 260));
    context.set("indicators", indicators);
    context.set("by_type", figures_rows(year.ranks.by_type, previous ? &previous->ranks.by_type : nullptr));
    context.set("by_province", figures_rows(year.ranks.by_province, previous ? &previous->ranks.by_province : nullptr));

    std::vector<std::size_t> order;
    for (std::size_t index = 0; index < year.scored.size(); ++index)
        if (year.scored[index].scores.overall) order.push_back(index);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const double score_a = *year.scored[a].scores.overall, score_b = *year.scored[b].scores.overall;
        if (score_a != score_b) return score_a > score_b;
        return year.scored[a].agency->agency_id < year.scored[b].agency->agency_id;
    });
    const std::size_t listed = std::min<std::size_t>(10, order.size());
    context.set("top", agency_rows(year, {order.begin(), order.begin() + static_cast<std::ptrdiff_t>(listed)}));
    std::vector<std::size_t> bottom(order.end() - static_cast<std::ptrdiff_t>(listed), order.end());
    std::reverse(bottom.begin(), bottom.end());
    context.set("bottom", agency_rows(year, bottom));
    return render_template("national_public", context);
}

std::string nothing_published_html() {
    data context;
    context.set("title", "ผลการประเมิน ITA ระดับประเทศ");
    return render_template("nothing_published", context);
}

}  // namespace ita::server
