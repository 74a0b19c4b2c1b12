#include <ita/storage/sqlite/sqlite_store.hpp>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ita::storage::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, Migrations migrations) {
    ITA_TRY(database, SqliteDatabase::open(path));
    std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(database)));
    ITA_TRY_VOID(store->migrate(migrations));
    return store;
}

Result<void> SqliteStore::after_key_removed() {
    // The old key must not outlive its row in the WAL or a free page (secure_delete zeroes the
    // page; the checkpoint moves it into the file and empties the WAL).
    return sqlite_database().execute_script("PRAGMA wal_checkpoint(TRUNCATE)");
}

namespace {
// Copies every page of `from` into `to` with SQLite's online backup API.
Result<void> copy_database(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) return fail(ErrorCode::io, what + ": " + sqlite3_errmsg(to));
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK) return fail(ErrorCode::io, what + ": " + sqlite3_errmsg(to));
    return {};
}
}  // namespace

Result<void> SqliteStore::backup(const std::string& path) {
    // The copy holds every answer and account: readable by its owner only (SQLite keeps the mode
    // of a file it opens).
    if (const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600); descriptor >= 0) {
        ::fchmod(descriptor, 0600);
        ::close(descriptor);
    }
    sqlite3* target = nullptr;
    if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string reason = sqlite3_errmsg(target);
        sqlite3_close(target);
        return fail(ErrorCode::io, "cannot write backup " + path + ": " + reason);
    }
    auto copied = copy_database(sqlite_database().connection().handle(), target, "backup to " + path);
    sqlite3_close(target);
    return copied;
}

Result<void> SqliteStore::restore(const std::string& path) {
    sqlite3* source = nullptr;
    if (sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        const std::string reason = sqlite3_errmsg(source);
        sqlite3_close(source);
        return fail(ErrorCode::io, "cannot read backup " + path + ": " + reason);
    }
    auto copied = copy_database(source, sqlite_database().connection().handle(), "restore from " + path);
    sqlite3_close(source);
    return copied;
}

}  // namespace ita::storage::sqlite
