#include <ita/core/evidence_due.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ita/util/calendar.hpp>

namespace ita::core {

namespace {

using namespace std::chrono;

std::string iso(year_month_day day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

// A stored or given date; the start of the epoch when it is not one (callers pass checked dates).
year_month_day parse(std::string_view text) { return util::parse_iso_date(text).value_or(year_month_day{}); }

}  // namespace

int days_between(std::string_view from, std::string_view to) {
    return static_cast<int>((sys_days{parse(to)} - sys_days{parse(from)}).count());
}

std::vector<EvidenceDue> evidence_due(const Methodology& methodology, std::span<const std::size_t> items, int fiscal_year,
                                      std::string_view today) {
    const year_month_day year_start = util::fiscal_year_first_day(fiscal_year);
    const year_month_day half_end{year_start.year() + std::chrono::years{1}, April, std::chrono::day{1}};
    const year_month_day year_end{year_start.year() + std::chrono::years{1}, October, std::chrono::day{1}};
    const auto now = parse(today);

    std::vector<EvidenceDue> due;
    for (const auto index : items) {
        const auto period = methodology.items[index].period;
        switch (period) {
            case EvidencePeriod::standing: break;
            case EvidencePeriod::fiscal_year:
            case EvidencePeriod::previous_year:
            case EvidencePeriod::span: due.push_back({index, period, 0, 0, iso(year_start)}); break;
            case EvidencePeriod::six_month: due.push_back({index, period, 0, 0, iso(half_end)}); break;
            case EvidencePeriod::monthly: {
                // A month's summary is due once the month has ended: the last such month by
                // today (none before November), and the next one while the year lasts.
                year_month month = year_month{year_start.year(), year_start.month()};
                year_month last_ended = month;
                bool any_ended = false;
                for (year_month m = month;
                     sys_days{(m + months{1}) / 1} <= sys_days{now} && sys_days{(m + months{1}) / 1} <= sys_days{year_end};
                     m += months{1}) {
                    last_ended = m;
                    any_ended = true;
                }
                const auto add = [&](year_month summarised) {
                    due.push_back({index, period, static_cast<int>(static_cast<unsigned>(summarised.month())),
                                   static_cast<int>(summarised.year()) + 543, iso(year_month_day{(summarised + months{1}) / 1})});
                };
                if (any_ended) add(last_ended);
                const year_month next = any_ended ? last_ended + months{1} : month;
                if (sys_days{(next + months{1}) / 1} <= sys_days{year_end}) add(next);
                break;
            }
        }
    }
    std::stable_sort(due.begin(), due.end(), [](const EvidenceDue& a, const EvidenceDue& b) { return a.due_on < b.due_on; });
    return due;
}

}  // namespace ita::core
