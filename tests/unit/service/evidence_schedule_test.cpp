// When the evidence checker runs at night, and which check the auditor goes by at the deadline.
#include <ita/service/evidence_monitor.hpp>
#include <ita/service/evidence_readiness.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

using namespace ita;

namespace {

std::time_t bangkok(int year, int month, int day, int hour, int minute) {
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour - 7;  // Asia/Bangkok is UTC+7 all year
    parts.tm_min = minute;
    return timegm(&parts);
}

class BangkokTime : public ::testing::Test {
protected:
    void SetUp() override {
        const char* tz = std::getenv("TZ");
        m_saved = tz ? std::optional<std::string>(tz) : std::nullopt;
        setenv("TZ", "UTC", 1);  // the host's zone must not matter: every time here is Bangkok's
        tzset();
    }
    void TearDown() override {
        if (m_saved)
            setenv("TZ", m_saved->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    std::optional<std::string> m_saved;
};

core::UrlCheck check_at(const std::string& when, const std::string& status) {
    core::UrlCheck check;
    check.checked_at = when;
    check.status = status;
    return check;
}

}  // namespace

TEST_F(BangkokTime, TheNightlyRunIsTheNextTimeOfDayAfterNow) {
    EXPECT_EQ(service::next_nightly_run(bangkok(2026, 5, 31, 1, 59), 120), bangkok(2026, 5, 31, 2, 0));
    EXPECT_EQ(service::next_nightly_run(bangkok(2026, 5, 31, 2, 0), 120), bangkok(2026, 6, 1, 2, 0));  // strictly after
    EXPECT_EQ(service::next_nightly_run(bangkok(2026, 12, 31, 23, 30), 15), bangkok(2027, 1, 1, 0, 15));
}

TEST(DeadlineCheck, TheNewestCheckMadeByTheClosingDayInThailand) {
    // The window closes on 31 May (Thai time): until 17:00 UTC that day.
    const std::vector<core::UrlCheck> newest_first = {check_at("2026-06-02T01:00:00Z", "broken"), check_at("2026-05-31T16:59:59Z", "ok"),
                                                      check_at("2026-05-20T03:00:00Z", "stale")};
    const auto at_deadline = service::check_at_deadline(newest_first, "2026-05-31");
    ASSERT_TRUE(at_deadline);
    EXPECT_EQ(at_deadline->status, "ok");
    EXPECT_EQ(service::check_at_deadline(newest_first, "2026-05-19"), std::nullopt);    // nothing checked by then
    const std::vector<core::UrlCheck> late = {check_at("2026-05-31T17:00:00Z", "ok")};  // 00:00 on 1 June in Thailand
    EXPECT_EQ(service::check_at_deadline(late, "2026-05-31"), std::nullopt);
}
