// The `ita` command line: subcommands over the app layer. The only translation unit that
// includes CLI11.
#pragma once

namespace ita::cli {

// Parses the arguments and runs the subcommand; returns the process exit code.
int run(int argc, char** argv);

}  // namespace ita::cli
