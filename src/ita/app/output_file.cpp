#include <ita/app/output_file.hpp>

#include <ita/util/error.hpp>

#include <fstream>
#include <iostream>

namespace ita::app {

int write_output(const std::string& command, const std::optional<std::string>& path, const std::function<void(std::ostream&)>& write) {
    std::ofstream file;
    if (path) {
        file.open(*path, std::ios::binary);
        if (!file) {
            std::cerr << command << ": cannot write " << *path << "\n";
            return 1;
        }
    }
    std::ostream& out = path ? file : std::cout;
    write(out);
    out.flush();
    if (!out) {
        std::cerr << command << ": writing the output failed" << (path ? " (" + *path + ")" : "") << "\n";
        return 1;
    }
    return 0;
}

int exit_code_for(const Error& error) {
    return error.code == ErrorCode::invalid_input || error.code == ErrorCode::conflict || error.code == ErrorCode::not_found ||
                   error.code == ErrorCode::rate_limited || error.code == ErrorCode::not_open || error.code == ErrorCode::used_up
               ? 2
               : 1;
}

}  // namespace ita::app
