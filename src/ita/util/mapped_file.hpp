// MappedFile: a whole file mapped read-only into memory, for one pass of a reader. Movable,
// not copyable; the text() view lives as long as the object. Thread-safe to read.
#pragma once

#include <ita/util/error.hpp>

#include <string>
#include <string_view>

namespace ita::util {

class MappedFile {
public:
    // Maps `path`. Fails with ErrorCode::io naming the path and the system's reason.
    static Result<MappedFile> open(const std::string& path);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    [[nodiscard]] std::string_view text() const { return {m_data, m_size}; }

    // Tells the kernel the bytes before `offset` will not be read again, so their pages leave
    // the process's memory (they are clean: reading them again would fetch them from the file).
    void release_before(std::size_t offset) const;

private:
    MappedFile(const char* data, std::size_t size) : m_data(data), m_size(size) {}
    const char* m_data = nullptr;
    std::size_t m_size = 0;
};

// Reads a whole (small) file into a string; fails with ErrorCode::io naming the path.
Result<std::string> read_file(const std::string& path);

}  // namespace ita::util
