#include <ita/storage/migrations.hpp>

#include <ita/util/embedded_file.hpp>

#include <algorithm>
#include <string>

namespace ita::util {
std::span<const EmbeddedFile> embedded_sqlite_migrations();
std::span<const EmbeddedFile> embedded_postgres_migrations();
}  // namespace ita::util

namespace ita::storage {

std::vector<Migration> migrations_for(std::string_view backend) {
    const auto files = backend == "sqlite" ? util::embedded_sqlite_migrations() : util::embedded_postgres_migrations();
    std::vector<Migration> list;
    for (const auto& file : files) list.push_back({std::stoi(std::string(file.name.substr(0, 3))), file.name, file.content});
    std::sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return list;
}

Result<void> require_known_schema(int stored_version, std::string_view backend) {
    const int known = migrations_for(backend).back().version;
    if (stored_version <= known) return {};
    return fail(ErrorCode::conflict, "the database is at schema " + std::to_string(stored_version) + ", newer than this ita knows (" +
                                         std::to_string(known) + "): use the ita that wrote it, or a newer one");
}

Result<void> require_current_schema(int stored_version, std::string_view backend, Migrations migrations) {
    ITA_TRY_VOID(require_known_schema(stored_version, backend));
    const int known = migrations_for(backend).back().version;
    if (migrations == Migrations::apply || stored_version == 0 || stored_version == known) return {};
    return fail(ErrorCode::conflict, "the database is at schema " + std::to_string(stored_version) + " and this ita needs " + std::to_string(known) +
                                         ": stop every ita serve, back it up (ita backup), run `ita migrate --db …`, then start them again");
}

}  // namespace ita::storage
