#include <ita/app/store_commands.hpp>

#include <ita/app/output_file.hpp>
#include <ita/core/answer_layout.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/accounts.hpp>
#include <ita/service/public_results.hpp>
#include <ita/service/surveys.hpp>
#include <ita/storage/copy_store.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/log.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

namespace ita::app {

namespace {

// Opens the store or explains why not; nullptr after printing the reason.
std::unique_ptr<storage::Store> open_or_report(const std::string& command, const std::string& db, int& exit_code) {
    auto store = storage::open_store(db);
    if (store) return std::move(*store);
    std::cerr << command << ": " << store.error().to_string() << "\n";
    exit_code = exit_code_for(store.error());
    return nullptr;
}

const char* unit_of(service::ImportKind kind) {
    switch (kind) {
        case service::ImportKind::agencies: return "agencies";
        case service::ImportKind::responses: return "respondents";
        case service::ImportKind::oit: return "OIT items";
        case service::ImportKind::published: return "published scores";
    }
    return "rows";
}

}  // namespace

int run_import_command(const ImportCommand& command) {
    int exit_code = 0;
    const auto store = open_or_report("ita import", command.db, exit_code);
    if (!store) return exit_code;
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = service::import_files(*store, command.request);
    if (!outcome) {
        std::cerr << "ita import: " << outcome.error().to_string() << "\n";
        return exit_code_for(outcome.error());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto& report = outcome->report;
    std::cerr << "ita import: " << unit_of(command.request.kind) << ": " << report.added << " added, " << report.changed << " changed, "
              << report.unchanged << " unchanged";
    if (outcome->answers > 0) std::cerr << " (" << outcome->answers << " answers)";
    std::cerr << " in " << static_cast<long long>(seconds * 1000) << " ms\n";
    if (command.request.kind == service::ImportKind::oit)
        std::cerr << "ita import: the addresses of items marked present are checked by `ita check-urls --year "
                  << command.request.fiscal_year
                  << "` (and each night by `ita serve` while the OIT window is open); those of items marked absent are kept, not checked\n";
    return 0;
}

int run_rank_command(const RankCommand& command) {
    int exit_code = 0;
    const auto store = open_or_report("ita rank", command.db, exit_code);
    if (!store) return exit_code;
    const auto run = service::rank_nation(*store, command.request);
    if (!run) {
        std::cerr << "ita rank: " << run.error().to_string() << "\n";
        return exit_code_for(run.error());
    }
    const auto& methodology = (*run)->scores.methodology;
    return write_output("ita rank", command.out, [&](std::ostream& out) {
        switch (command.format) {
            case OutputFormat::table: report::write_rank_table(out, methodology, (*run)->report); break;
            case OutputFormat::json: report::write_rank_json(out, methodology, (*run)->report); break;
            case OutputFormat::csv: report::write_rank_csv(out, methodology, (*run)->report); break;
        }
    });
}

int run_codes_command(const std::string& db, int fiscal_year, const std::string& agency_id, std::size_t count,
                      const std::optional<std::string>& methodology_dir) {
    int exit_code = 0;
    const auto store = open_or_report("ita codes", db, exit_code);
    if (!store) return exit_code;
    const auto agencies = store->agencies();
    if (agencies &&
        std::none_of(agencies->begin(), agencies->end(), [&](const core::Agency& agency) { return agency.agency_id == agency_id; })) {
        std::cerr << "ita codes: agency " << agency_id << " is not in the database\n";
        return 2;
    }
    const auto codes = service::issue_codes(*store, fiscal_year, agency_id, count, methodology_dir, "cli");
    if (!codes) {
        std::cerr << "ita codes: " << codes.error().to_string() << "\n";
        return exit_code_for(codes.error());
    }
    for (const auto& code : *codes) std::cout << code << "\n";
    return 0;
}

int run_season_open_command(const std::string& db, service::SeasonRequest request) {
    int exit_code = 0;
    const auto store = open_or_report("ita season", db, exit_code);
    if (!store) return exit_code;
    request.today = util::bangkok_date_today();
    const auto windows = service::open_season(*store, request);
    if (!windows) {
        std::cerr << "ita season: " << windows.error().to_string() << "\n";
        return exit_code_for(windows.error());
    }
    std::cerr << "ita season: fiscal year " << request.fiscal_year << " is open\n";
    for (const auto& window : *windows)
        std::cout << core::season_phase_code(window.phase) << "\t" << window.opens_on << "\t"
                  << (window.closes_on == service::open_ended ? "" : window.closes_on) << "\n";
    return 0;
}

int run_season_show_command(const std::string& db, int fiscal_year) {
    int exit_code = 0;
    const auto store = open_or_report("ita season", db, exit_code);
    if (!store) return exit_code;
    const auto windows = store->season_windows(fiscal_year);
    if (!windows) {
        std::cerr << "ita season: " << windows.error().to_string() << "\n";
        return exit_code_for(windows.error());
    }
    for (const auto& window : *windows)
        std::cout << core::season_phase_code(window.phase) << "\t" << window.opens_on << "\t"
                  << (window.closes_on == service::open_ended ? "" : window.closes_on) << "\n";
    return 0;
}

int run_users_add_command(const std::string& db, const std::string& user_id, const std::string& name, const std::string& role,
                          const std::string& agency_id) {
    int exit_code = 0;
    const auto store = open_or_report("ita users", db, exit_code);
    if (!store) return exit_code;
    std::string password;
    std::getline(std::cin, password);
    if (auto added = service::add_user(*store, user_id, name, role, agency_id, password, "cli"); !added) {
        std::cerr << "ita users: " << added.error().to_string() << "\n";
        return exit_code_for(added.error());
    }
    std::cerr << "ita users: " << user_id << " added\n";
    return 0;
}

int run_migrate_command(const std::string& db) {
    int exit_code = 0;
    const auto store = open_or_report("ita migrate", db, exit_code);
    if (!store) return exit_code;
    const auto version = store->schema_version();
    if (!version) {
        std::cerr << "ita migrate: " << version.error().to_string() << "\n";
        return exit_code_for(version.error());
    }
    const auto readable = store->schema_readable_from();
    const int known = storage::newest_schema_version();
    if (*version > known) {
        std::cerr << "ita migrate: the " << store->backend() << " database is at schema " << *version << ", newer than this ita (" << known
                  << "), which its newer ita says can still run on it; nothing to do\n";
        return 0;
    }
    std::cerr << "ita migrate: the " << store->backend() << " database is at schema " << *version << ", the newest this ita knows\n";
    // What a rolling upgrade needs to know: may the processes still running the previous
    // release keep serving while each is restarted?
    if (readable && *readable > 0 && *readable < *version)
        std::cerr << "ita migrate: an ita at schema " << *readable << " or newer can still run on it: restart the servers one at a time\n";
    else
        std::cerr << "ita migrate: only an ita at schema " << *version << " runs on it: every ita serve must be this version\n";
    return 0;
}

namespace {

// "ita-20261130-183000.dump": sorts by time as text.
std::string timed_backup_name(std::string_view backend) {
    const std::string stamp = util::bangkok_timestamp_now();  // 2026-11-30T18:30:00.123+07:00
    std::string compact = stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2) + "-" + stamp.substr(11, 2) + stamp.substr(14, 2) +
                          stamp.substr(17, 2);
    return "ita-" + compact + (backend == "sqlite" ? ".sqlite" : ".dump");
}

bool is_timed_backup(const std::string& name) {
    return name.starts_with("ita-") && name.size() == 4 + 15 + (name.ends_with(".sqlite") ? 7 : 5) &&
           (name.ends_with(".sqlite") || name.ends_with(".dump"));
}

// Deletes the oldest timed backups in `folder` beyond the newest `keep`; returns how many.
std::size_t prune_backups(const std::string& folder, std::size_t keep) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && is_timed_backup(entry.path().filename().string())) names.push_back(entry.path().filename().string());
    std::ranges::sort(names, std::greater<>());
    std::size_t removed = 0;
    for (std::size_t index = keep; index < names.size(); ++index) {
        std::error_code ignored;
        if (std::filesystem::remove(std::filesystem::path(folder) / names[index], ignored)) ++removed;
    }
    return removed;
}

}  // namespace

int run_backup_command(const BackupCommand& command) {
    int exit_code = 0;
    const auto store = open_or_report("ita backup", command.db, exit_code);
    if (!store) return exit_code;
    std::string out = command.out;
    if (!command.folder.empty()) {
        std::error_code failed;
        std::filesystem::create_directories(command.folder, failed);
        if (failed) {
            std::cerr << "ita backup: cannot create the folder " << command.folder << ": " << failed.message() << "\n";
            return 1;
        }
        std::filesystem::permissions(command.folder, std::filesystem::perms::owner_all, failed);
        out = (std::filesystem::path(command.folder) / timed_backup_name(store->backend())).string();
    }
    if (auto done = store->backup(out); !done) {
        std::cerr << "ita backup: " << done.error().to_string() << "\n";
        return exit_code_for(done.error());
    }
    std::cerr << "ita backup: " << store->backend() << " database copied to " << out << "\n";
    if (!command.folder.empty() && command.keep > 0)
        if (const auto removed = prune_backups(command.folder, command.keep); removed > 0)
            std::cerr << "ita backup: " << removed << " older backup(s) deleted, the newest " << command.keep << " kept\n";
    return 0;
}

int run_copy_command(const std::string& from, const std::string& to) {
    auto copied = storage::copy_store(from, to);
    if (!copied) {
        std::cerr << "ita copy: " << copied.error().to_string() << "\n";
        return exit_code_for(copied.error());
    }
    std::int64_t rows = 0;
    for (const auto& [table, count] : copied->tables) {
        std::cerr << "ita copy: " << table << ": " << count << " rows\n";
        rows += count;
    }
    std::cerr << "ita copy: " << rows << " rows in " << copied->tables.size()
              << " tables copied in one transaction; point the settings' db at the PostgreSQL database\n";
    return 0;
}

int run_restore_command(const std::string& db, const std::string& from) {
    int exit_code = 0;
    const auto store = open_or_report("ita restore", db, exit_code);
    if (!store) return exit_code;
    if (auto done = store->restore(from); !done) {
        std::cerr << "ita restore: " << done.error().to_string() << "\n";
        return exit_code_for(done.error());
    }
    std::cerr << "ita restore: " << store->backend() << " database replaced by " << from << "\n";
    return 0;
}

}  // namespace ita::app
