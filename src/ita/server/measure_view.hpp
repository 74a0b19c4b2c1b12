// How a measure's progress reports read on a page (the working group's measure page and the
// public agency page alike): date, percent, text and evidence link. Included only by page files.
#pragma once

#include <ita/core/measure.hpp>
#include <ita/server/page_template.hpp>
#include <ita/thai/dates.hpp>
#include <ita/util/web_url.hpp>

namespace ita::server {

inline data progress_reports_view(const core::Measure& measure) {
    data reports{data::type::list};
    for (const auto& progress : measure.progress) {
        data report;
        report.set("date", thai::short_thai_date(progress.reported_on));
        report.set("percent", std::to_string(progress.percent));
        report.set("text", progress.text);
        // Checked again when shown (util/web_url.hpp): a stored address that fails the rule is no link.
        if (util::is_web_url(progress.evidence_url)) report.set("url", progress.evidence_url);
        reports.push_back(report);
    }
    return reports;
}

}  // namespace ita::server
