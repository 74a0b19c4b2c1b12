#include <ita/service/methodology_in_force.hpp>

#include <ita/ingest/methodology_reader.hpp>

#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

namespace ita::service {

namespace {

bool folder_has(const std::optional<std::string>& dir, int year) {
    std::error_code error;
    return dir && std::filesystem::exists(std::filesystem::path(*dir) / ("ita-" + std::to_string(year) + ".json"), error);
}

std::string database_origin(const std::string& version) { return "database " + version; }

}  // namespace

Result<core::Methodology> methodology_in_force(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir) {
    if (folder_has(methodology_dir, fiscal_year)) return ingest::load_methodology(fiscal_year, methodology_dir);
    ITA_TRY(stamp, store.methodology_stamp(fiscal_year));
    if (!stamp) return ingest::load_methodology(fiscal_year, std::nullopt);
    // Versions are never changed once recorded: a (year, version, length) parsed before is it.
    using Key = std::tuple<int, std::string, std::int64_t>;
    static std::mutex mutex;
    static std::map<Key, core::Methodology> parsed;
    const Key key{fiscal_year, stamp->first, stamp->second};
    {
        const std::scoped_lock lock(mutex);
        if (const auto found = parsed.find(key); found != parsed.end()) return found->second;
    }
    ITA_TRY(stored, store.current_methodology(fiscal_year));
    if (!stored) return ingest::load_methodology(fiscal_year, std::nullopt);
    ITA_TRY(methodology, ingest::parse_methodology(stored->document, database_origin(stored->version)));
    const std::scoped_lock lock(mutex);
    return parsed.insert_or_assign(Key{fiscal_year, stored->version, stamp->second}, std::move(methodology)).first->second;
}

Result<MethodologyText> methodology_text_in_force(storage::Store& store, int fiscal_year,
                                                  const std::optional<std::string>& methodology_dir) {
    if (folder_has(methodology_dir, fiscal_year)) {
        ITA_TRY(text, ingest::methodology_text(fiscal_year, methodology_dir));
        return MethodologyText{std::move(text),
                               (std::filesystem::path(*methodology_dir) / ("ita-" + std::to_string(fiscal_year) + ".json")).string()};
    }
    ITA_TRY(stored, store.current_methodology(fiscal_year));
    if (stored) return MethodologyText{std::move(stored->document), database_origin(stored->version)};
    ITA_TRY(text, ingest::methodology_text(fiscal_year, std::nullopt));
    return MethodologyText{std::move(text), "compiled into ita"};
}

Result<core::Methodology> record_methodology(storage::Store& store, std::string_view text, const std::string& source,
                                             const std::string& reason, const std::string& actor) {
    ITA_TRY(methodology, ingest::parse_methodology(text, source));
    ITA_TRY_VOID(store.record_methodology({methodology.fiscal_year, methodology.version, std::string(text), reason, actor, {}, false}));
    return methodology;
}

Result<void> freeze_methodology_in_force(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir,
                                         const std::string& actor) {
    ITA_TRY(stored, store.current_methodology(fiscal_year));
    const bool folder = folder_has(methodology_dir, fiscal_year);
    if (stored && !folder) {
        if (stored->frozen) return {};
        return store.freeze_methodology(fiscal_year, actor);
    }
    ITA_TRY(text, methodology_text_in_force(store, fiscal_year, methodology_dir));
    ITA_TRY(methodology, ingest::parse_methodology(text.text, text.origin));
    // The folder's file, opened with, is the year's from now on, unless it is the version in force.
    if (stored && stored->version == methodology.version)
        return stored->frozen ? Result<void>{} : store.freeze_methodology(fiscal_year, actor);
    ITA_TRY_VOID(store.record_methodology(
        {fiscal_year, methodology.version, text.text, stored ? "season opened with " + text.origin : std::string(), actor, {}, true}));
    return {};
}

}  // namespace ita::service
