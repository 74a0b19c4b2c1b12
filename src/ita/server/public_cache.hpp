// PublicCache: the public pages' shared, read-only state in one server process — the
// PublicResults of the current public generation, and the pages rendered from them.
//
// At most once per `check_interval`, one request reads Store::public_generation (one row);
// when any process has published results or changed a measure since, the results are read
// again (requests meanwhile keep getting the previous ones) and every rendered page is
// dropped. The database stays the only authority: a process holds nothing another could miss.
// Thread-safe.
#pragma once

#include <ita/service/public_results.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace ita::server {

struct CachedPage {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string etag;  // strong: the generation and a hash of the body
};

class PublicCache {
public:
    PublicCache(std::string db, std::optional<std::string> methodology_dir, std::chrono::milliseconds check_interval);

    // The current results; fails only when nothing could ever be read.
    Result<std::shared_ptr<const service::PublicResults>> results();
    // Makes the next request check the generation (after this process published).
    void invalidate() { m_checked_at = 0; }
    // The page `key` of `results`, rendered by `render` the first time it is asked for (a page
    // with a 5xx status is rendered again next time).
    std::shared_ptr<const CachedPage> page(const service::PublicResults& results, const std::string& key,
                                           const std::function<CachedPage()>& render);

private:
    Result<std::shared_ptr<const service::PublicResults>> reload(std::shared_ptr<const service::PublicResults> current);

    std::string m_db;
    std::optional<std::string> m_methodology_dir;
    std::int64_t m_interval_ms;
    std::atomic<std::int64_t> m_checked_at{0};
    std::mutex m_reload;
    std::shared_mutex m_state;
    std::shared_ptr<const service::PublicResults> m_results;
    std::unordered_map<std::string, std::shared_ptr<const CachedPage>> m_pages;
};

// A strong ETag for a body of a generation: "g<generation>-<hash>".
std::string entity_tag(std::int64_t generation, std::string_view body);

}  // namespace ita::server
