#include <ita/service/evidence_monitor.hpp>
#include <ita/util/log.hpp>
#include <ita/util/metrics.hpp>

#include <ita/service/evidence_readiness.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/clock.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ita::service {

std::time_t next_nightly_run(std::time_t now, int minute) {
    // Bangkok time whatever the host's zone: UTC+7, no daylight saving time.
    constexpr std::time_t offset = std::time_t{7} * 3600, day = std::time_t{24} * 3600;
    const std::time_t bangkok_midnight = (now + offset) / day * day - offset;
    std::time_t run = bangkok_midnight + static_cast<std::time_t>(minute) * 60;
    while (run <= now) run += day;
    return run;
}

EvidenceMonitor::EvidenceMonitor(EvidenceMonitorOptions options) : m_options(std::move(options)) {
    evidence::initialise_fetching();
    m_thread = std::jthread([this] { run(); });
}

EvidenceMonitor::~EvidenceMonitor() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cancelled = true;
    m_wake.notify_all();
}

void EvidenceMonitor::enqueue(int fiscal_year, const std::string& agency_id, const std::optional<std::string>& item) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back({fiscal_year, agency_id, item});
    }
    m_wake.notify_all();
}

void EvidenceMonitor::run() {
    std::optional<std::chrono::system_clock::time_point> nightly;
    if (m_options.nightly_minute)
        nightly = std::chrono::system_clock::from_time_t(next_nightly_run(std::time(nullptr), *m_options.nightly_minute));
    while (true) {
        std::optional<Job> job;
        bool night = false;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [&] { return m_stopping || !m_jobs.empty(); };
            if (nightly)
                m_wake.wait_until(lock, *nightly, ready);
            else
                m_wake.wait(lock, ready);
            if (m_stopping) return;
            if (!m_jobs.empty()) {
                job = m_jobs.front();
                m_jobs.pop_front();
            } else if (nightly && std::chrono::system_clock::now() >= *nightly) {
                night = true;
                nightly = std::chrono::system_clock::from_time_t(next_nightly_run(std::time(nullptr), *m_options.nightly_minute));
            }
        }
        if (job) check(*job);
        if (night) check_open_years();
    }
}

storage::Store* EvidenceMonitor::store() {
    if (m_store && !m_store->usable()) m_store.reset();  // a lost connection is opened again
    if (!m_store) {
        auto opened = storage::open_store(m_options.db, storage::Migrations::refuse_older);
        if (!opened) {
            util::log_message(util::LogLevel::error, "ita serve: evidence check: " + opened.error().to_string());
            return nullptr;
        }
        m_store = std::move(*opened);
    }
    return m_store.get();
}

void EvidenceMonitor::check(const Job& job) {
    auto* store = this->store();
    if (!store) return;
    EvidenceCheckRequest request{.fiscal_year = job.fiscal_year,
                                 .agency_id = job.agency_id,
                                 .item = job.item,
                                 .methodology_dir = m_options.methodology_dir,
                                 .limits = m_options.limits,
                                 .parallel = m_options.parallel,
                                 .cancelled = &m_cancelled};
    const std::string kind = job.agency_id ? "entered" : "nightly";
    auto checked = check_evidence_addresses(*store, request);
    if (!checked) {
        util::metrics::count("ita_evidence_runs_failed_total", "OIT evidence check runs that failed", {{"kind", kind}});
        util::log_message(util::LogLevel::error,
                          "ita serve: evidence check of " + std::to_string(job.fiscal_year) + ": " + checked.error().to_string());
        return;
    }
    for (const auto& result : *checked)
        util::metrics::count("ita_evidence_checks_total", "OIT evidence addresses checked, by run and outcome",
                             {{"kind", kind}, {"status", result.status}});
}

// Every year whose OIT entry, review or clarification window is open today.
void EvidenceMonitor::check_open_years() {
    auto* store = this->store();
    if (!store) return;
    const std::string today = util::bangkok_date_today();
    // One process of a deployment checks each night: the first to claim the night does it, so
    // no agency's site is fetched (and recorded) once per process.
    const auto claimed = store->claim_job("evidence-nightly", today);
    if (!claimed) {
        util::log_message(util::LogLevel::error, "ita serve: nightly evidence check: " + claimed.error().to_string());
        return;
    }
    if (!*claimed) {
        util::log_message(util::LogLevel::info, "ita serve: tonight's evidence check is done by another process");
        return;
    }
    const auto years = store->fiscal_years();
    if (!years) return;
    for (const int year : *years) {
        if (m_cancelled) return;
        const auto windows = store->season_windows(year);
        if (!windows) continue;
        const bool open = std::any_of(windows->begin(), windows->end(), [&](const storage::SeasonWindow& window) {
            return window.phase != core::SeasonPhase::iit && window.phase != core::SeasonPhase::eit && window.opens_on <= today &&
                   today <= window.closes_on;
        });
        if (open) check({year, std::nullopt, std::nullopt});
    }
}

}  // namespace ita::service
