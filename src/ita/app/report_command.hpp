// `ita report`: the agency's report (PDF, editable DOCX, or XLSX with every score) from a store,
// or from files as `ita analyse` reads them.
#pragma once

#include <ita/service/score_files.hpp>

#include <optional>
#include <string>

namespace ita::app {

struct ReportCommand {
    std::string db;               // empty: read `files` instead
    service::ScoreRequest files;  // --published, --agencies, --responses, --oit
    std::optional<std::string> methodology_dir;
    int fiscal_year = 0;
    std::string agency_id;
    bool all = false;            // every agency of the year; `out` is then a folder
    unsigned jobs = 0;           // threads for --all; 0: one per core
    std::string format = "pdf";  // pdf | docx | xlsx
    std::string out;
    bool thai_digits = false;
    std::string reporter, certifier, approver;  // "name|position"
    bool draft = false;                         // a working draft: draft measures too, the title marked
};

// Returns the process exit code (0; 2 for bad input or an unknown agency; 1 for I/O).
int run_report_command(const ReportCommand& command);

}  // namespace ita::app
