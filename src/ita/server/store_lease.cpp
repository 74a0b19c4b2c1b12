#include <ita/server/store_lease.hpp>

#include <map>
#include <memory>

namespace ita::server {

Result<StoreLease> lease_store(const std::string& db) {
    thread_local std::map<std::string, std::unique_ptr<storage::Store>> kept;
    auto& store = kept[db];
    if (store && !store->usable()) store.reset();
    if (!store) {
        ITA_TRY(opened, storage::open_store(db, storage::Migrations::refuse_older));
        store = std::move(opened);
    }
    return StoreLease(store.get());
}

}  // namespace ita::server
