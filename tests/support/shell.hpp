// What a shell command prints on standard output, and what `ita` prints with its exit status,
// for tests that check a command's output.
#pragma once

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <string>

namespace ita::test {

inline std::string output_of(const std::string& command) {
    std::string output;
    std::FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return output;
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), read);
    ::pclose(pipe);
    return output;
}

// What `ita <arguments>` printed (stderr too, unless `with_stderr` is false) and its exit status.
struct Outcome {
    int exit_code = -1;
    std::string output;
};

inline Outcome run_ita(const std::string& arguments, bool with_stderr = true) {
    Outcome outcome;
    std::FILE* pipe = ::popen((std::string(ITA_BINARY) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) outcome.output.append(buffer.data(), read);
    const int status = ::pclose(pipe);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

// A synthetic 2565 season of `agencies` agencies (`ita gen`, then its agencies, OIT verdicts and
// answers imported) in the SQLite file `db`; `data` is the folder for the generated files.
// Whether every step succeeded.
inline bool import_synthetic_season(const std::string& db, const std::string& data, int agencies, int seed) {
    const auto ok = [](const Outcome& outcome) { return outcome.exit_code == 0; };
    return ok(run_ita("gen --agencies " + std::to_string(agencies) + " --seed " + std::to_string(seed) + " --year 2565 --out " + data)) &&
           ok(run_ita("import --db " + db + " agencies " + data + "/agencies.csv")) &&
           ok(run_ita("import --db " + db + " --year 2565 oit " + data + "/oit.csv")) &&
           ok(run_ita("import --db " + db + " --year 2565 responses " + data + "/responses_iit.csv " + data + "/responses_eit.csv"));
}

}  // namespace ita::test
