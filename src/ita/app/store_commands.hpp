// The commands over a store: `ita import`, `ita rank`, `ita publish`, `ita backup`, `ita restore`. Each
// returns the process exit code (0; 2 for bad input or a conflict; 1 for a database or I/O
// failure) and writes problems to stderr.
#pragma once

#include <ita/app/score_command.hpp>
#include <ita/service/import_files.hpp>
#include <ita/service/rank_nation.hpp>
#include <ita/service/season.hpp>

namespace ita::app {

struct ImportCommand {
    std::string db;
    service::ImportRequest request;
};
int run_import_command(const ImportCommand& command);

struct RankCommand {
    std::string db;
    service::RankRequest request;
    OutputFormat format = OutputFormat::table;
    std::optional<std::string> out;
};
int run_rank_command(const RankCommand& command);

// `ita codes`: prints `count` new one-time staff-survey codes of the agency, one per line.
int run_codes_command(const std::string& db, int fiscal_year, const std::string& agency_id, std::size_t count,
                      const std::optional<std::string>& methodology_dir);

// `ita season open`: registers the fiscal year with its methodology, the agencies assessed and
// the calendar of phases; the open year is the one the public links answer. `ita season show`
// prints the calendar.
int run_season_open_command(const std::string& db, service::SeasonRequest request);
int run_season_show_command(const std::string& db, int fiscal_year);

// `ita users add`: the password is the first line of standard input.
int run_users_add_command(const std::string& db, const std::string& user_id, const std::string& name, const std::string& role,
                          const std::string& agency_id);

struct BackupCommand {
    std::string db;
    std::string out;       // a file, or
    std::string folder;    // a folder, the file named ita-YYYYMMDD-HHMMSS.<sqlite|dump> by Bangkok time
    std::size_t keep = 0;  // with `folder`: the newest this many kept, older ones deleted (0: all kept)
};
int run_backup_command(const BackupCommand& command);
// `ita copy --from ita.db --to postgresql://…`: a SQLite deployment moved to PostgreSQL.
int run_copy_command(const std::string& from, const std::string& to);
// Applies the migrations this build has that the database lacks (`ita serve` refuses an older
// schema until this has run) and says which schema it is at.
int run_migrate_command(const std::string& db);
int run_restore_command(const std::string& db, const std::string& from);

}  // namespace ita::app
