#include <ita/server/store_lease.hpp>

#include <ita/util/metrics.hpp>

#include <map>
#include <memory>

namespace ita::server {

Result<StoreLease> lease_store(const std::string& db) {
    thread_local std::map<std::string, std::unique_ptr<storage::Store>> kept;
    auto& store = kept[db];
    constexpr const char* gauge = "ita_db_connections";
    constexpr const char* help = "Database connections the worker threads hold open";
    if (store && !store->usable()) {
        store.reset();
        util::metrics::add_to_gauge(gauge, help, -1);
    }
    if (!store) {
        ITA_TRY(opened, storage::open_store(db, storage::Migrations::refuse_older));
        store = std::move(opened);
        util::metrics::add_to_gauge(gauge, help, 1);
    }
    return StoreLease(store.get());
}

}  // namespace ita::server
