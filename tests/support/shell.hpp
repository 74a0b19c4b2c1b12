// What a shell command prints on standard output, for tests that check a command's output.
#pragma once

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

}  // namespace ita::test
