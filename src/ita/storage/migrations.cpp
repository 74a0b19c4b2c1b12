#include <ita/storage/migrations.hpp>

#include <ita/util/embedded_file.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace ita::util {
std::span<const EmbeddedFile> embedded_migrations();
}  // namespace ita::util

namespace ita::storage {

std::vector<Migration> migrations() {
    std::vector<Migration> list;
    for (const auto& file : util::embedded_migrations())
        list.push_back({std::stoi(std::string(file.name.substr(0, 3))), file.name, file.content});
    std::sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return list;
}

int newest_schema_version() { return migrations().back().version; }

int readable_from(const Migration& migration) {
    constexpr std::string_view marker = "-- readable by schema ";
    if (!migration.text.starts_with(marker)) return migration.version;
    const auto rest = migration.text.substr(marker.size());
    const auto number = rest.substr(0, rest.find_first_not_of("0123456789"));
    const int version = number.empty() ? migration.version : std::stoi(std::string(number));
    return std::min(version, migration.version);
}

int readable_from_at(int version) {
    int oldest = 0;
    for (const auto& migration : migrations())
        if (migration.version <= version) oldest = std::max(oldest, readable_from(migration));
    return oldest;
}

std::string render_migration(std::string_view text, sql::Dialect dialect) {
    const bool sqlite = dialect == sql::Dialect::sqlite;
    static constexpr std::array<std::array<std::string_view, 3>, 7> tokens{{
        {"{bytes}", "BLOB", "BYTEA"},
        {"{bigint}", "INTEGER", "BIGINT"},
        {"{real}", "REAL", "DOUBLE PRECISION"},
        {"{boolean}", "INTEGER", "BOOLEAN"},
        {"{date}", "TEXT", "DATE"},
        {"{serial_key}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
        {"{without_rowid}", " WITHOUT ROWID", ""},
    }};
    std::string rendered;
    enum class Section { both, sqlite_only, postgresql_only } section = Section::both;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string line(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line == "-- @sqlite")
            section = Section::sqlite_only;
        else if (line == "-- @postgresql")
            section = Section::postgresql_only;
        else if (line == "-- @end")
            section = Section::both;
        else if (section == Section::both || (section == Section::sqlite_only) == sqlite) {
            for (const auto& [token, for_sqlite, for_postgresql] : tokens)
                for (auto at = line.find(token); at != std::string::npos; at = line.find(token, at))
                    line.replace(at, token.size(), sqlite ? for_sqlite : for_postgresql);
            rendered += line + '\n';
        }
    }
    return rendered;
}

Result<void> require_known_schema(int stored_version, int stored_readable_from) {
    const int known = newest_schema_version();
    if (stored_version <= known || (stored_readable_from > 0 && stored_readable_from <= known)) return {};
    const std::string needed =
        stored_readable_from > 0 ? ", and the ita that migrated it needs schema " + std::to_string(stored_readable_from) + " or newer" : "";
    return fail(ErrorCode::conflict, "the database is at schema " + std::to_string(stored_version) + ", newer than this ita knows (" +
                                         std::to_string(known) + ")" + needed + ": use the ita that migrated it, or a newer one");
}

Result<void> require_current_schema(int stored_version, int stored_readable_from, Migrations migrations) {
    ITA_TRY_VOID(require_known_schema(stored_version, stored_readable_from));
    const int known = newest_schema_version();
    if (migrations == Migrations::apply || stored_version == 0 || stored_version >= known) return {};
    return fail(ErrorCode::conflict,
                "the database is at schema " + std::to_string(stored_version) + " and this ita needs " + std::to_string(known) +
                    ": stop every ita serve, back it up (ita backup), run `ita migrate --db …`, then start them again");
}

}  // namespace ita::storage
