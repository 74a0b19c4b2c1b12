// `ita score`: score files and write the result as a table, JSON or CSV.
#pragma once

#include <ita/service/score_files.hpp>

namespace ita::app {

enum class OutputFormat { table, json, csv };

struct ScoreCommand {
    service::ScoreRequest request;
    OutputFormat format = OutputFormat::table;
    std::optional<std::string> out;     // a file; standard output when empty
    std::optional<std::string> db;      // score what a store holds instead of files
    std::optional<std::string> agency;  // with db: one agency
};

// Runs the command. Returns the process exit code: 0 on success, 2 on bad input (the
// problems are written to stderr), 1 when the output or the database fails.
int run_score_command(const ScoreCommand& command);

}  // namespace ita::app
