// Writing a command's output to a file or standard output, with one clear error.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace ita::app {

// Calls `write` with the file `path` (or standard output when empty). Returns 0, or 1 after
// printing "<command>: …" to stderr when the output cannot be written.
int write_output(const std::string& command, const std::optional<std::string>& path, const std::function<void(std::ostream&)>& write);

// The exit code of an error: 2 for bad input and conflicts, 1 otherwise.
}  // namespace ita::app

namespace ita {
struct Error;
}

namespace ita::app {
int exit_code_for(const ita::Error& error);

}  // namespace ita::app
