// `ita analyse`: one agency's analysis and paths to its targets, from a store or from files.
#pragma once

#include <ita/service/score_files.hpp>

#include <optional>
#include <string>

namespace ita::app {

struct AnalyseCommand {
    service::ScoreRequest files;  // used when db is empty
    std::optional<std::string> db;
    std::string agency_id;
    bool json = false;
    std::optional<std::string> out;
};

// Returns the process exit code (0; 2 for bad input or an unknown agency; 1 for I/O).
int run_analyse_command(const AnalyseCommand& command);

}  // namespace ita::app
