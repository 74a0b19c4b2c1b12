// The readiness monitor's calendar: for each OIT item of a fiscal year whose evidence speaks
// of a period, what it must cover and the first day it can be published — the year's plans
// and data from the year's first day, the annual reports of the year before from then too,
// the six-month reports once March has ended, a procurement summary once its month has ended
// (the last month ended by `today` and the next one). Pure; dates are YYYY-MM-DD (CE).
#pragma once

#include <ita/core/methodology.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ita::core {

struct EvidenceDue {
    std::size_t item = 0;  // index into Methodology::items
    EvidencePeriod period = EvidencePeriod::fiscal_year;
    int month = 0;       // monthly: the month summarised (1–12) …
    int month_year = 0;  // … of this Buddhist-era calendar year
    std::string due_on;  // the first day it can be, and should be, published
};

// Sorted by due day, then item order.
std::vector<EvidenceDue> evidence_due(const Methodology& methodology, std::span<const std::size_t> items, int fiscal_year,
                                      std::string_view today);

// Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier.
int days_between(std::string_view from, std::string_view to);

}  // namespace ita::core
