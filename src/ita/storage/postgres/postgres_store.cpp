#include <ita/storage/postgres/postgres_store.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

extern char** environ;

namespace ita::storage::postgres {

namespace {

// The password goes to the child's environment (which other users cannot read), never to its
// command line (which `ps` shows to everyone).
struct ToolConnection {
    std::string conninfo;
    std::optional<std::string> password;
};

Result<ToolConnection> split_password(const std::string& conninfo) {
    auto parts = split_conninfo(conninfo);
    if (!parts) return fail(ErrorCode::invalid_input, "the PostgreSQL connection string cannot be read");
    return ToolConnection{std::move(parts->without_password), std::move(parts->password)};
}

// Runs pg_dump or pg_restore without a shell; fails with its exit status and `target` (the
// connection without its password) in the message.
Result<void> run_tool(const std::vector<std::string>& arguments, const std::optional<std::string>& password, const std::string& target) {
    std::vector<char*> argv;
    argv.reserve(arguments.size() + 1);
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> environment;
    for (char** variable = environ; *variable; ++variable)
        if (!std::string_view(*variable).starts_with("PGPASSWORD=")) environment.emplace_back(*variable);
    if (password) environment.push_back("PGPASSWORD=" + *password);
    std::vector<char*> envp;
    envp.reserve(environment.size() + 1);
    for (auto& variable : environment) envp.push_back(variable.data());
    envp.push_back(nullptr);
    pid_t child = 0;
    if (const int error = ::posix_spawnp(&child, argv[0], nullptr, nullptr, argv.data(), envp.data()); error != 0)
        return fail(ErrorCode::io, arguments[0] + " could not be started (" + std::strerror(error) + "): install postgresql-client");
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    return fail(ErrorCode::io,
                arguments[0] + " failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ") for " + target);
}

}  // namespace

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& conninfo, Migrations migrations) {
    ITA_TRY(database, PgDatabase::open(conninfo));
    std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(database), conninfo));
    ITA_TRY_VOID(store->migrate(migrations));
    return store;
}

namespace {
std::span<const std::uint8_t> bytes(const RespondentKey& key) { return key; }
}  // namespace

Result<void> PostgresStore::submit_survey(std::string_view code, const HeldSubmission& submission) {
    auto& db = database();
    const auto key = respondent_key(secret(), "survey-code", core::Instrument::iit, code);
    const auto sealed = seal_submission(secret(), submission);
    // One statement, so one round trip and one atomic commit: the row lock of the UPDATE makes
    // concurrent submissions of one code queue, and the second finds spent = 1 and holds
    // nothing. What it writes besides the spent flag is sealed (held_answers.hpp).
    ITA_TRY(stored, db.execute("WITH spent AS (UPDATE survey_codes SET spent = 1 WHERE code_hash = ? AND spent = 0 "
                               "RETURNING fiscal_year, agency_id, instrument) "
                               "INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) "
                               "SELECT fiscal_year, agency_id, instrument, CAST(? AS BYTEA) FROM spent",
                               {bytes(key), std::span<const std::uint8_t>(sealed)}));
    if (stored == 1) return {};
    ITA_TRY_VOID(without_value(survey_code(code)));  // not_found for an unknown code
    return fail(ErrorCode::used_up, "the survey code has already been used");
}

Result<void> PostgresStore::submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                                 core::Instrument instrument, const HeldSubmission& submission) {
    const auto key = token_key(token);
    const auto sealed = seal_submission(secret(), submission);
    ITA_TRY(stored, database().execute(
                        "WITH used AS (INSERT INTO browser_tokens (token_hash, fiscal_year, agency_id, used) "
                        "VALUES (?, ?, ?, 1) ON CONFLICT (token_hash) DO NOTHING RETURNING fiscal_year, agency_id) "
                        "INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) "
                        "SELECT fiscal_year, agency_id, CAST(? AS TEXT), CAST(? AS BYTEA) FROM used",
                        {bytes(key), fiscal_year, agency_id, core::instrument_code(instrument), std::span<const std::uint8_t>(sealed)}));
    if (stored == 0) return fail(ErrorCode::used_up, "this browser has already answered");
    return {};
}

// pg_dump / pg_restore must be on the PATH (Debian: postgresql-client); both take the same
// connection string as ita.
Result<void> PostgresStore::backup(const std::string& path) {
    ITA_TRY(connection, split_password(m_conninfo));
    // The dump holds every answer and account: readable by its owner only, from its first byte.
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (descriptor < 0) return fail(ErrorCode::io, "cannot create " + path + ": " + std::strerror(errno));
    ::fchmod(descriptor, 0600);
    ::close(descriptor);
    return run_tool({"pg_dump", "--format=custom", "--no-owner", "--file=" + path, "--dbname=" + connection.conninfo}, connection.password,
                    database().target());
}

Result<void> PostgresStore::restore(const std::string& path) {
    ITA_TRY(connection, split_password(m_conninfo));
    return run_tool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                     "--dbname=" + connection.conninfo, path},
                    connection.password, database().target());
}

}  // namespace ita::storage::postgres
