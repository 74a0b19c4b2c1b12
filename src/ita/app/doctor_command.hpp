// `ita doctor`: is this deployment ready to run? One line per check (settings, database and
// its schema, secrets, listen address and proxies, log file, templates, fonts, methodologies,
// clock, backup tool), "ok", "warn" or "FAIL" first; exit 1 when any check fails. It changes
// nothing: a database that does not exist yet is reported, not created.
#pragma once

#include <ita/app/serve_command.hpp>

#include <optional>
#include <string>

namespace ita::app {

struct DoctorCommand {
    std::optional<std::string> config_file;  // the --config given, if any
    std::optional<std::string> db;
    std::optional<std::string> methodology_dir;
    ServeCommand serve;  // ita serve's settings as the file and flags gave them
    std::string evidence_check_at = "02:00";
};

int run_doctor_command(const DoctorCommand& command);

}  // namespace ita::app
