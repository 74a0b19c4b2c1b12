#include <ita/service/methodology_in_force.hpp>

#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/calendar.hpp>

#include <filesystem>
#include <map>
#include <memory>
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

Result<std::shared_ptr<const core::Methodology>> shared_methodology_in_force(storage::Store& store, int fiscal_year,
                                                                             const std::optional<std::string>& methodology_dir) {
    if (folder_has(methodology_dir, fiscal_year)) {
        ITA_TRY(methodology, ingest::load_methodology(fiscal_year, methodology_dir));
        return std::make_shared<const core::Methodology>(std::move(methodology));
    }
    ITA_TRY(stamp, store.methodology_stamp(fiscal_year));
    // Versions are never changed once recorded: a (year, version, length) parsed before is it;
    // the compiled-in file of a year without a recorded version is kept under an empty version.
    using Key = std::tuple<int, std::string, std::int64_t>;
    static std::mutex mutex;
    static std::map<Key, std::shared_ptr<const core::Methodology>> parsed;
    const Key key = stamp ? Key{fiscal_year, stamp->first, stamp->second} : Key{fiscal_year, std::string(), -1};
    {
        const std::scoped_lock lock(mutex);
        if (const auto found = parsed.find(key); found != parsed.end()) return found->second;
    }
    Result<core::Methodology> loaded = fail(ErrorCode::not_found, "");
    Key stored_key = key;
    if (stamp) {
        ITA_TRY(stored, store.current_methodology(fiscal_year));
        if (stored) {
            loaded = ingest::parse_methodology(stored->document, database_origin(stored->version));
            stored_key = Key{fiscal_year, stored->version, stamp->second};
        }
    }
    if (!loaded && loaded.error().code == ErrorCode::not_found) {
        loaded = ingest::load_methodology(fiscal_year, std::nullopt);
        stored_key = Key{fiscal_year, std::string(), -1};
    }
    if (!loaded) return std::unexpected(std::move(loaded).error());
    auto shared = std::make_shared<const core::Methodology>(std::move(*loaded));
    const std::scoped_lock lock(mutex);
    return parsed.insert_or_assign(stored_key, std::move(shared)).first->second;
}

Result<core::Methodology> methodology_in_force(storage::Store& store, int fiscal_year, const std::optional<std::string>& methodology_dir) {
    ITA_TRY(shared, shared_methodology_in_force(store, fiscal_year, methodology_dir));
    return *shared;
}

Result<std::set<int>> methodology_years(storage::Store* store, const std::optional<std::string>& methodology_dir) {
    const auto embedded = ingest::embedded_methodology_years();
    std::set<int> years(embedded.begin(), embedded.end());
    std::error_code error;
    if (methodology_dir)
        for (const auto& entry : std::filesystem::directory_iterator(*methodology_dir, error)) {
            const std::string name = entry.path().filename().string();
            if (name.size() != 13 || !name.starts_with("ita-") || !name.ends_with(".json")) continue;
            if (const auto year = util::parse_fiscal_year(std::string_view(name).substr(4, 4))) years.insert(*year);
        }
    if (store) {
        ITA_TRY(history, store->methodology_history());
        for (const auto& version : history) years.insert(version.fiscal_year);
    }
    return years;
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
