#include <ita/server/public_cache.hpp>

#include <ita/util/metrics.hpp>

#include <ita/server/store_lease.hpp>

#include <cstdio>

namespace ita::server {

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Rendered pages kept per generation; past this many the map starts over (a crawler walking
// all 8,317 agencies of several years must not grow a process without bound).
constexpr std::size_t max_cached_pages = 20000;

}  // namespace

std::string entity_tag(std::int64_t generation, std::string_view body) {
    // FNV-1a, 64 bits: stable across processes and builds, unlike std::hash.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    char text[48];
    std::snprintf(text, sizeof text, "\"g%lld-%016llx\"", static_cast<long long>(generation), static_cast<unsigned long long>(hash));
    return text;
}

PublicCache::PublicCache(std::string db, std::optional<std::string> methodology_dir, std::chrono::milliseconds check_interval) :
        m_db(std::move(db)), m_methodology_dir(std::move(methodology_dir)), m_interval_ms(check_interval.count()) {}

Result<std::shared_ptr<const service::PublicResults>> PublicCache::results() {
    std::shared_ptr<const service::PublicResults> current;
    {
        std::shared_lock lock(m_state);
        current = m_results;
    }
    const std::int64_t now = now_ms();
    std::int64_t checked = m_checked_at.load();
    if (current && now - checked < m_interval_ms) return current;
    // One request checks; the others keep serving what there is.
    if (current && !m_checked_at.compare_exchange_strong(checked, now)) return current;
    return reload(std::move(current));
}

Result<std::shared_ptr<const service::PublicResults>> PublicCache::reload(std::shared_ptr<const service::PublicResults> current) {
    std::unique_lock reloading(m_reload);
    {
        std::shared_lock lock(m_state);
        if (m_results != current) return m_results;  // another thread reloaded meanwhile
    }
    auto store = lease_store(m_db);
    if (!store) return current ? Result<std::shared_ptr<const service::PublicResults>>(current) : std::unexpected(store.error());
    if (current) {
        const auto generation = (*store)->public_generation();
        if (!generation || *generation == current->generation) return current;  // unchanged, or the database is briefly away
    }
    auto loaded = service::load_public_results(**store, m_methodology_dir);
    if (!loaded) return current ? Result<std::shared_ptr<const service::PublicResults>>(current) : std::unexpected(loaded.error());
    m_checked_at = now_ms();
    util::metrics::set_gauge("ita_public_generation", "The publication generation this process's public pages show",
                             static_cast<double>((*loaded)->generation));
    std::unique_lock lock(m_state);
    m_results = *loaded;
    m_pages.clear();
    return m_results;
}

std::shared_ptr<const CachedPage> PublicCache::page(const service::PublicResults& results, const std::string& key,
                                                    const std::function<CachedPage()>& render) {
    {
        std::shared_lock lock(m_state);
        if (m_results.get() == &results)
            if (const auto found = m_pages.find(key); found != m_pages.end()) return found->second;
    }
    auto rendered = std::make_shared<CachedPage>(render());
    rendered->etag = entity_tag(results.generation, rendered->body);
    if (rendered->status >= 500) return rendered;  // a passing failure (the database away) is not kept
    std::unique_lock lock(m_state);
    if (m_results.get() == &results) {  // never keep a page of results already replaced
        if (m_pages.size() >= max_cached_pages) m_pages.clear();
        m_pages.emplace(key, rendered);
    }
    return rendered;
}

}  // namespace ita::server
