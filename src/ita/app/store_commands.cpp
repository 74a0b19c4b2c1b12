#include <ita/app/store_commands.hpp>

#include <ita/app/output_file.hpp>
#include <ita/core/answer_layout.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/accounts.hpp>
#include <ita/service/public_results.hpp>
#include <ita/service/surveys.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/clock.hpp>

#include <algorithm>
#include <chrono>
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
    std::cerr << "ita migrate: the " << store->backend() << " database is at schema " << *version << ", the newest this ita knows\n";
    return 0;
}

int run_backup_command(const std::string& db, const std::string& out) {
    int exit_code = 0;
    const auto store = open_or_report("ita backup", db, exit_code);
    if (!store) return exit_code;
    if (auto done = store->backup(out); !done) {
        std::cerr << "ita backup: " << done.error().to_string() << "\n";
        return exit_code_for(done.error());
    }
    std::cerr << "ita backup: " << store->backend() << " database copied to " << out << "\n";
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
