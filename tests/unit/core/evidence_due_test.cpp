// The readiness monitor's calendar for fiscal year 2565 (1 Oct 2021 – 30 Sep 2022).
#include <ita/core/evidence_due.hpp>
#include <ita/ingest/methodology_reader.hpp>

#include <gtest/gtest.h>

using namespace ita;

namespace {

struct Due {
    std::string item;
    int month = 0, month_year = 0;
    std::string due_on;
    bool operator==(const Due&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Due& due) {
    return out << due.item << " " << due.month << "/" << due.month_year << " " << due.due_on;
}

std::vector<Due> due_of(const std::vector<std::string>& codes, const std::string& today) {
    const auto methodology = ingest::load_methodology(2565, std::nullopt);
    EXPECT_TRUE(methodology);
    std::vector<std::size_t> items;
    for (const auto& code : codes)
        for (std::size_t index = 0; index < methodology->items.size(); ++index)
            if (methodology->items[index].code == code) items.push_back(index);
    std::vector<Due> due;
    for (const auto& entry : core::evidence_due(*methodology, items, 2565, today))
        due.push_back({methodology->items[entry.item].code, entry.month, entry.month_year, entry.due_on});
    return due;
}

}  // namespace

TEST(EvidenceDue, MidYearPlansReportsAndTheLastAndNextMonthlySummary) {
    // O1 is standing information: nothing falls due. O12 reports on 2564.
    const auto due = due_of({"O1", "O10", "O11", "O12", "O23"}, "2022-05-15");
    EXPECT_EQ(due, (std::vector<Due>{{"O10", 0, 0, "2021-10-01"},
                                     {"O12", 0, 0, "2021-10-01"},
                                     {"O11", 0, 0, "2022-04-01"},
                                     {"O23", 4, 2565, "2022-05-01"},
                                     {"O23", 5, 2565, "2022-06-01"}}));
}

TEST(EvidenceDue, BeforeAnyMonthHasEndedOnlyOctobersSummaryIsAhead) {
    EXPECT_EQ(due_of({"O23"}, "2021-10-15"), (std::vector<Due>{{"O23", 10, 2564, "2021-11-01"}}));
    EXPECT_EQ(due_of({"O23"}, "2021-11-01"), (std::vector<Due>{{"O23", 10, 2564, "2021-11-01"}, {"O23", 11, 2564, "2021-12-01"}}));
}

TEST(EvidenceDue, AfterTheYearSeptemberIsTheLastSummary) {
    EXPECT_EQ(due_of({"O23"}, "2022-12-20"), (std::vector<Due>{{"O23", 9, 2565, "2022-10-01"}}));
}

TEST(EvidenceDue, DaysBetweenDates) {
    EXPECT_EQ(core::days_between("2022-02-27", "2022-03-01"), 2);
    EXPECT_EQ(core::days_between("2022-03-01", "2022-02-27"), -2);
    EXPECT_EQ(core::days_between("2024-02-28", "2024-03-01"), 2);  // a leap year
}
