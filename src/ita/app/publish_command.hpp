// `ita publish`: the command-line side of publication. `--preview` prints what would become
// public and what still stands in the way; without it the year is published when nothing
// does (the command itself is the typed confirmation). `--reason` is required for a
// correction; `--embargo` makes the public see it later; `--withdraw` removes a version still
// waiting for its embargo.
#pragma once

#include <optional>
#include <string>

namespace ita::app {

struct PublishCommand {
    std::string db;
    int fiscal_year = 0;
    std::optional<std::string> methodology_dir;
    bool preview = false;
    bool withdraw = false;
    std::string reason;
    std::string embargo;  // "31/10/2566 09:00" or "2023-10-31 09:00", Bangkok time
};

int run_publish_command(const PublishCommand& command);

}  // namespace ita::app
