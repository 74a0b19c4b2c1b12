#include <ita/service/evidence_readiness.hpp>

#include <ita/service/agency_websites.hpp>

#include <ita/evidence/evidence_check.hpp>
#include <ita/evidence/robots.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/service/season.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace ita::service {

namespace {

struct Address {
    std::string agency_id;
    const core::OitItem* item = nullptr;
    std::string url;
    std::vector<std::string> sites;  // the agency's website domains
    std::string key;                 // the item's code, "O23#2" for its second address
};

core::UrlCheck record_of(const Address& address, const evidence::EvidenceCheck& check, const std::string& checked_at) {
    core::UrlCheck record;
    record.agency_id = address.agency_id;
    record.item = address.key;
    record.url = address.url;
    record.checked_at = checked_at;
    record.status = evidence::to_string(check.assessment.status);
    record.http_status = check.fetched.http_status;
    record.final_url = check.fetched.final_url.empty() ? address.url : check.fetched.final_url;
    record.reason = check.assessment.reason();
    for (const auto& finding : check.assessment.findings) record.reason_codes += (record.reason_codes.empty() ? "" : ",") + finding.code;
    record.content_type = check.fetched.content_type;
    record.size = static_cast<std::int64_t>(check.fetched.body.size());
    for (const auto& hop : check.fetched.redirects)
        record.redirects += (record.redirects.empty() ? "" : "\n") + std::to_string(hop.http_status) + " " + hop.url;
    record.snapshot = check.sha256;
    return record;
}

Result<std::vector<Address>> addresses_to_check(storage::Store& store, const core::Methodology& methodology,
                                                const EvidenceCheckRequest& request) {
    std::vector<core::Agency> agencies;
    if (request.agency_id) {
        ITA_TRY(agency, store.agency(*request.agency_id));
        if (!agency) return fail(ErrorCode::not_found, "agency " + *request.agency_id + " is not in the database");
        agencies.push_back(std::move(*agency));
    } else {
        ITA_TRY(all, store.agencies());
        agencies = std::move(all);
    }
    std::map<std::string, const core::OitItem*> items;
    for (const auto& item : methodology.items) items.emplace(item.code, &item);
    std::vector<Address> addresses;
    for (const auto& agency : agencies) {
        ITA_TRY(entries, store.oit_entries(request.fiscal_year, agency.agency_id));
        if (entries.empty()) continue;
        ITA_TRY(sites, agency_websites(store, agency));
        for (const auto& entry : entries) {
            if (!entry.present || entry.url.empty() || (request.item && entry.item != *request.item)) continue;
            const auto found = items.find(entry.item);
            if (found == items.end() || !methodology.item_applies(*found->second, agency.type)) continue;
            addresses.push_back({agency.agency_id, found->second, entry.url, sites, entry.item});
            for (std::size_t more = 0; more < entry.more_urls.size(); ++more)
                addresses.push_back(
                    {agency.agency_id, found->second, entry.more_urls[more], sites, core::address_check_key(entry.item, more + 2)});
        }
    }
    // One site after another in turn (an agency's 43 addresses are often on one site), so the
    // fetches at once spread over sites instead of queueing on one.
    std::map<std::string, std::vector<Address>> by_site;
    for (auto& address : addresses) by_site[evidence::address_parts(address.url).origin].push_back(std::move(address));
    std::vector<Address> interleaved;
    for (std::size_t round = 0; interleaved.size() < addresses.size(); ++round)
        for (auto& [site, queue] : by_site)
            if (round < queue.size()) interleaved.push_back(std::move(queue[round]));
    return interleaved;
}

// At most `limit` fetches at once from one site. Thread-safe.
class SiteGate {
public:
    explicit SiteGate(int limit) : m_limit(std::max(1, limit)) {}
    void enter(const std::string& site) {
        std::unique_lock lock(m_mutex);
        m_freed.wait(lock, [&] { return m_busy[site] < m_limit; });
        ++m_busy[site];
    }
    void leave(const std::string& site) {
        {
            std::lock_guard lock(m_mutex);
            --m_busy[site];
        }
        m_freed.notify_all();
    }

private:
    int m_limit;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::map<std::string, int> m_busy;
};

// Records one check with its bytes, then forgets the bytes of the item's older checks except
// those of its check at the deadline (the newest made by the OIT entry window's last day).
Result<core::UrlCheck> record_check(storage::Store& store, int fiscal_year, const Address& address, evidence::EvidenceCheck& check,
                                    const std::string& checked_at, const std::optional<std::string>& closing_day) {
    auto record = record_of(address, check, checked_at);
    std::optional<storage::EvidenceSnapshot> snapshot;
    if (!record.snapshot.empty())
        snapshot = storage::EvidenceSnapshot{record.snapshot, check.fetched.content_type, std::move(check.fetched.body)};
    ITA_TRY(check_id, store.record_url_check(fiscal_year, record, snapshot));
    record.check_id = check_id;
    std::vector<std::int64_t> keep{check_id};
    if (closing_day) {
        ITA_TRY(at_deadline, store.url_checks_before(fiscal_year, address.agency_id, deadline_cutoff(*closing_day)));
        for (const auto& earlier : at_deadline)
            if (earlier.item == record.item) keep.push_back(earlier.check_id);
    }
    ITA_TRY_VOID(store.forget_snapshots(fiscal_year, address.agency_id, record.item, keep));
    return record;
}

}  // namespace

Result<std::vector<core::UrlCheck>> check_evidence_addresses(storage::Store& store, const EvidenceCheckRequest& request) {
    ITA_TRY(methodology, methodology_in_force(store, request.fiscal_year, request.methodology_dir));
    ITA_TRY(addresses, addresses_to_check(store, methodology, request));
    ITA_TRY(windows, store.season_windows(request.fiscal_year));
    std::optional<std::string> closing_day;
    for (const auto& window : windows)
        if (window.phase == core::SeasonPhase::oit_entry && window.closes_on != open_ended) closing_day = window.closes_on;

    // Fetches run in parallel (each mostly waits on the network); each finished check is
    // recorded at once on this thread (a store connection is not shared between threads), so
    // no more bodies are held than are waiting to be written.
    struct Finished {
        std::size_t index;
        evidence::EvidenceCheck check;
        std::string checked_at;
    };
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<Finished> finished;
    std::size_t workers_left = 0;
    std::atomic<bool> stop{false};
    evidence::initialise_fetching();
    evidence::RobotsCache robots(request.limits);
    SiteGate gate(request.per_site);
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> workers;
    const auto count =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, request.parallel)), 1, std::max<std::size_t>(1, addresses.size()));
    workers_left = count;
    for (std::size_t worker = 0; worker < count; ++worker)
        workers.emplace_back([&] {
            for (std::size_t index; (index = next++) < addresses.size();) {
                if (stop || (request.cancelled && request.cancelled->load())) break;
                const auto& address = addresses[index];
                const std::string site = evidence::address_parts(address.url).origin;
                gate.enter(site);
                Finished done{index, {}, storage::utc_now()};
                done.check = evidence::check_evidence(
                    address.url, evidence::EvidenceRules::of(*address.item, request.fiscal_year, address.sites), request.limits, robots);
                gate.leave(site);
                std::lock_guard lock(mutex);
                finished.push_back(std::move(done));
                arrived.notify_one();
            }
            std::lock_guard lock(mutex);
            --workers_left;
            arrived.notify_one();
        });

    std::vector<core::UrlCheck> records;
    records.reserve(addresses.size());
    std::optional<Error> failure;
    while (true) {
        std::unique_lock lock(mutex);
        arrived.wait(lock, [&] { return !finished.empty() || workers_left == 0; });
        if (finished.empty()) break;
        auto done = std::move(finished.front());
        finished.pop_front();
        lock.unlock();
        if (failure) continue;  // draining what is under way after a failure
        auto recorded = record_check(store, request.fiscal_year, addresses[done.index], done.check, done.checked_at, closing_day);
        if (!recorded) {
            failure = recorded.error();
            stop = true;
            continue;
        }
        records.push_back(std::move(*recorded));
    }
    workers.clear();
    if (failure) return std::unexpected(std::move(*failure));
    std::sort(records.begin(), records.end(), [](const core::UrlCheck& a, const core::UrlCheck& b) {
        return std::tie(a.agency_id, a.item) < std::tie(b.agency_id, b.item);
    });
    return records;
}

std::vector<DueItem> readiness_due(const OitWorkspace& workspace, const std::string& today, int horizon_days) {
    std::vector<DueItem> listed;
    for (const auto& due : core::evidence_due(workspace.methodology, workspace.items, workspace.methodology.fiscal_year, today)) {
        const auto& item = workspace.methodology.items[due.item];
        DueItem row{due, &item, core::days_between(today, due.due_on), workspace.entries.contains(item.code), std::nullopt};
        if (const auto check = workspace.latest_checks.find(item.code); check != workspace.latest_checks.end()) row.check = check->second;
        const bool in_order = row.entered && row.check && row.check->status == "ok";
        if (row.days > horizon_days || (row.days <= 0 && in_order)) continue;
        listed.push_back(std::move(row));
    }
    return listed;
}

std::string deadline_cutoff(const std::string& closing_day) {
    return closing_day + "T17:00:00Z";  // stamps are UTC; the day ends at midnight in Thailand (UTC+7)
}

std::optional<core::UrlCheck> check_at_deadline(const std::vector<core::UrlCheck>& history_newest_first, const std::string& closing_day) {
    const std::string cutoff = deadline_cutoff(closing_day);
    for (const auto& check : history_newest_first)
        if (check.checked_at < cutoff) return check;
    return std::nullopt;
}

}  // namespace ita::service
