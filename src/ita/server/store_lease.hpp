// The store connection a request uses: each server worker thread keeps one open connection
// per database and lends it to the request it is serving, instead of connecting (and checking
// migrations) per request. Nothing a request leaves behind matters to the next: transactions
// are scoped, sessions, limits and codes live in the database. A connection that is no longer
// usable (a PostgreSQL server restarted) is replaced at the next lease.
#pragma once

#include <ita/storage/store.hpp>

#include <string>

namespace ita::server {

class StoreLease {
public:
    explicit StoreLease(storage::Store* store) : m_store(store) {}
    storage::Store& operator*() const { return *m_store; }
    storage::Store* operator->() const { return m_store; }

private:
    storage::Store* m_store;
};

// The calling thread's connection to `db`, opened (and migrated) on first use.
Result<StoreLease> lease_store(const std::string& db);

}  // namespace ita::server
