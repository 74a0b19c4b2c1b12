#include <ita/util/mapped_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <utility>

namespace ita::util {

namespace {
std::unexpected<Error> io_error(const std::string& path, const char* what) {
    return fail(ErrorCode::io, path + ": " + what + ": " + std::strerror(errno));
}
}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return io_error(path, "cannot open");
    struct stat status {};
    if (::fstat(descriptor, &status) != 0) {
        auto error = io_error(path, "cannot read its size");
        ::close(descriptor);
        return error;
    }
    if (S_ISDIR(status.st_mode)) {
        ::close(descriptor);
        return fail(ErrorCode::io, path + ": is a directory, not a file");
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    if (size == 0) {
        ::close(descriptor);
        return MappedFile(nullptr, 0);
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    ::close(descriptor);
    if (data == MAP_FAILED) return io_error(path, "cannot map");
    ::madvise(data, size, MADV_SEQUENTIAL);
    return MappedFile(static_cast<const char*>(data), size);
}

void MappedFile::release_before(std::size_t offset) const {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t length = std::min(offset, m_size) / page * page;
    if (m_data && length > 0) ::madvise(const_cast<char*>(m_data), length, MADV_DONTNEED);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
}

Result<std::string> read_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) return io_error(path, "cannot open");
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

}  // namespace ita::util
