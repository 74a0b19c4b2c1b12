// Checks OIT evidence in the background of a server: an address right after the working group
// enters it (or asks again), and every entered address of the years whose OIT window is open
// once a night. One thread with its own store connection, kept; requests never wait for a fetch.
#pragma once

#include <ita/evidence/http_fetch.hpp>
#include <ita/storage/store.hpp>

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace ita::service {

struct EvidenceMonitorOptions {
    std::string db;
    std::optional<std::string> methodology_dir;
    evidence::FetchLimits limits;
    int parallel = 16;                        // fetches at once (each mostly waits on the network)
    std::optional<int> nightly_minute = 120;  // minutes after local midnight (02:00); none: no nightly run
};

// The next nightly run strictly after `now`, at `minute` past local midnight.
std::time_t next_nightly_run(std::time_t now, int minute);

class EvidenceMonitor {
public:
    explicit EvidenceMonitor(EvidenceMonitorOptions options);
    ~EvidenceMonitor();  // finishes the check under way, drops the rest
    EvidenceMonitor(const EvidenceMonitor&) = delete;
    EvidenceMonitor& operator=(const EvidenceMonitor&) = delete;

    // Queues a check of one agency's addresses (one item, or all of them).
    void enqueue(int fiscal_year, const std::string& agency_id, const std::optional<std::string>& item);

private:
    struct Job {
        int fiscal_year = 0;
        std::optional<std::string> agency_id;  // none: every agency (the nightly run)
        std::optional<std::string> item;
    };
    void run();
    void check(const Job& job);
    void check_open_years();
    storage::Store* store();  // the thread's own connection, kept between checks; null when it cannot open

    EvidenceMonitorOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::atomic<bool> m_cancelled{false};     // a long nightly run stops fetching when the server stops
    std::unique_ptr<storage::Store> m_store;  // used by the monitor's thread only
    std::jthread m_thread;
};

}  // namespace ita::service
