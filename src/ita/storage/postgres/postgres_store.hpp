// PostgresStore: the Store on a PostgreSQL 15 database via libpq. Everything but opening,
// backup and restore is SqlStore's, except the two survey submissions, which run here as one
// statement each (one round trip and one commit per answer: the submission rate of a national
// survey day depends on it). Imports of one fiscal year take an advisory lock, so concurrent
// imports queue rather than interleave. See store.hpp for the contract.
#pragma once

#include <ita/storage/postgres/pg_database.hpp>
#include <ita/storage/sql/sql_store.hpp>

namespace ita::storage::postgres {

// Its declarations are those of Store a backend must give (as in the other backend's header).
class PostgresStore final : public SqlStore {
public:
    // Connects and applies pending migrations (under an advisory lock, so several processes
    // starting at once migrate once).
    static Result<std::unique_ptr<PostgresStore>> open(const std::string& conninfo, Migrations migrations = Migrations::apply);

    [[nodiscard]] std::string_view backend() const override { return "postgresql"; }
    Result<void> submit_survey(std::string_view code, const HeldSubmission& submission) override;
    Result<void> submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token, core::Instrument instrument,
                                      const HeldSubmission& submission) override;
    // pg_dump / pg_restore (Debian: postgresql-client), with the store's connection string; the
    // password goes to their environment, never their command line.
    Result<void> backup(const std::string& path) override;
    Result<void> restore(const std::string& path) override;

private:
    PostgresStore(std::unique_ptr<PgDatabase> database, std::string conninfo) :
            SqlStore(std::move(database)), m_conninfo(std::move(conninfo)) {}

    std::string m_conninfo;
};

}  // namespace ita::storage::postgres
