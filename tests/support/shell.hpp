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

}  // namespace ita::test
