// PgCluster: a throwaway PostgreSQL cluster for tests — initdb in a temporary folder, listening
// only on a Unix socket in that folder on a port the test picks, run as the `postgres` user
// when the tests run as root (initdb refuses root). Stopped and removed on destruction.
#pragma once

#include <string>

namespace ita::test {

class PgCluster {
public:
    PgCluster();  // throws std::runtime_error with initdb's or pg_ctl's output when it cannot start
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // Creates an empty database and returns its libpq connection string.
    std::string new_database();
    // The connection string of an existing database.
    [[nodiscard]] std::string conninfo(const std::string& database) const;

    // Starts a hot-standby streaming replica of this cluster (pg_basebackup -R), once; returns
    // the connection string of `database` on the replica. Stopped with the cluster.
    std::string replica_conninfo(const std::string& database);

    // The cluster of this test process, started on first use.
    static PgCluster& shared();

private:
    std::string run_as_owner(const std::string& command) const;
    std::string m_bin;
    std::string m_dir;
    int m_port = 0;
    int m_databases = 0;
    int m_replica_port = 0;
    bool m_as_postgres = false;
};

}  // namespace ita::test
