// `ita integrity`: the response-integrity analytics of a year, for auditors.
#pragma once

#include <ita/service/response_integrity.hpp>

#include <optional>
#include <string>

namespace ita::app {

struct IntegrityCommand {
    std::string db;
    service::IntegrityRequest request;
    bool json = false;
    std::optional<std::string> out;
};

// Returns the process exit code (0; 2 for an unknown agency or year; 1 for the database or I/O).
int run_integrity_command(const IntegrityCommand& command);

}  // namespace ita::app
