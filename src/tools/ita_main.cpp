// The `ita` binary: everything lives in the library; this only guards the process boundary.
#include <ita/cli/cli.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    try {
        return ita::cli::run(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "ita: internal error: " << error.what() << "\n";
        return 1;
    }
}
