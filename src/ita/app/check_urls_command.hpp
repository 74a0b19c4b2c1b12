// `ita check-urls`: check the OIT evidence addresses agencies entered for a year and record
// what was found (readiness, reasons, snapshots).
#pragma once

#include <ita/service/evidence_readiness.hpp>

#include <optional>
#include <string>

namespace ita::app {

struct CheckUrlsCommand {
    std::string db;
    service::EvidenceCheckRequest request;
    bool json = false;
    std::optional<std::string> out;
    bool due = false;                  // the readiness monitor of --agency instead of fetching
    std::optional<std::string> today;  // YYYY-MM-DD; the system date when none
};

// Returns the process exit code (0 whatever the links' state; 2 for an unknown agency or
// year; 1 for the database or I/O).
int run_check_urls_command(const CheckUrlsCommand& command);

}  // namespace ita::app
