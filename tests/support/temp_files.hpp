// TempDir: a temporary folder for a test's files, removed at the end of the test.
#pragma once

#include <stdlib.h>
#include <unistd.h>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

namespace ita::test {

class TempDir {
public:
    // mkdtemp, not a name from the pid: a folder left by a killed test whose pid comes round
    // again must never be taken over (a stale ita.db made an import refuse its rows in CI).
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "ita-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::filesystem::filesystem_error("mkdtemp", pattern, std::error_code(errno, std::generic_category()));
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(m_path / name, std::ios::binary) << text;
        return (m_path / name).string();
    }
    [[nodiscard]] std::string path(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

}  // namespace ita::test
