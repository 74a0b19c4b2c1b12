// MappedFile: a whole file mapped read-only into memory, for one pass of a reader. Movable,
// not copyable; the text() view lives as long as the object. Thread-safe to read.
#pragma once

#include <ita/util/error.hpp>

#include <string>
#include <string_view>

namespace ita::util {

class MappedFile {
public:
    // Maps `path`. Fails with ErrorCode::io naming the path and the system's reason, and with
    // ErrorCode::invalid_input for what is not a regular file (a pipe, socket or device, which
    // could hang or change under the reader): those are to be saved to a file first.
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
    // The same for the whole pages within [begin, end), for readers of one part of the file.
    void release_range(std::size_t begin, std::size_t end) const;

    // Whether the file changed since it was mapped: another size, time or file at the path, or
    // a page that vanished under the reader (the file shrank). A read of such a file must be
    // thrown away. A page that vanished reads as zeros instead of killing the process (SIGBUS).
    [[nodiscard]] bool changed() const;

private:
    MappedFile(const char* data, std::size_t size) : m_data(data), m_size(size) {}
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    std::string m_path;
    struct stat_key {
        unsigned long long device = 0, inode = 0;
        long long size = 0, seconds = 0, nanoseconds = 0;
        bool operator==(const stat_key&) const = default;
    } m_stat;
    int m_slot = -1;  // in the registry of mappings the SIGBUS handler knows
};

// Reads a whole (small) file into a string; fails with ErrorCode::io naming the path.
Result<std::string> read_file(const std::string& path);

}  // namespace ita::util
