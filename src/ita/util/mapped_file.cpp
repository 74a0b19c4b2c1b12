#include <ita/util/mapped_file.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <utility>

namespace ita::util {

namespace {
std::unexpected<Error> io_error(const std::string& path, const char* what) {
    return fail(ErrorCode::io, path + ": " + what + ": " + std::strerror(errno));
}

// The mappings being read, for the SIGBUS handler: a page of a file that shrank under the
// reader is replaced by a page of zeros, and the mapping is marked as changed.
struct Slot {
    std::atomic<std::uintptr_t> begin{0};
    std::atomic<std::size_t> size{0};
    std::atomic<bool> changed{false};
};
std::array<Slot, 256> slots;
struct sigaction previous_bus_action {};

void on_bus_error(int signal, siginfo_t* info, void* context) {
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (auto& slot : slots) {
        const auto begin = slot.begin.load();
        if (begin == 0 || address < begin || address >= begin + slot.size.load()) continue;
        static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
        // The faulting page, from the signal's address.
        void* at = reinterpret_cast<void*>(address & ~(page - 1));  // NOLINT(performance-no-int-to-ptr)
        if (::mmap(at, page, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED) {
            slot.changed = true;
            return;  // the read is retried and sees zeros
        }
    }
    // Not one of ours: what would have happened without this handler.
    ::sigaction(SIGBUS, &previous_bus_action, nullptr);
    if (previous_bus_action.sa_flags & SA_SIGINFO) {
        if (previous_bus_action.sa_sigaction) previous_bus_action.sa_sigaction(signal, info, context);
    } else if (previous_bus_action.sa_handler != SIG_DFL && previous_bus_action.sa_handler != SIG_IGN) {
        previous_bus_action.sa_handler(signal);
    }
}

int register_mapping(const char* data, std::size_t size) {
    static std::once_flag installed;
    std::call_once(installed, [] {
        struct sigaction action {};
        action.sa_sigaction = on_bus_error;
        action.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, &previous_bus_action);
    });
    for (std::size_t index = 0; index < slots.size(); ++index) {
        std::uintptr_t free_slot = 0;
        if (slots[index].begin.load() != 0) continue;
        slots[index].size = size;
        slots[index].changed = false;
        if (slots[index].begin.compare_exchange_strong(free_slot, reinterpret_cast<std::uintptr_t>(data))) return static_cast<int>(index);
    }
    return -1;  // more than 256 files at once: read unguarded
}

void unregister_mapping(int slot) {
    if (slot >= 0) slots[static_cast<std::size_t>(slot)].begin = 0;
}

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
    // Non-blocking, so that a named pipe without a writer cannot hang the open.
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    // A file that is missing or unreadable is bad input, like a bad row (exit status 2).
    if (descriptor < 0) return fail(ErrorCode::invalid_input, path + ": cannot open: " + std::strerror(errno));
    struct stat status {};
    if (::fstat(descriptor, &status) != 0) {
        auto error = io_error(path, "cannot read its size");
        ::close(descriptor);
        return error;
    }
    if (S_ISDIR(status.st_mode)) {
        ::close(descriptor);
        return fail(ErrorCode::invalid_input, path + ": is a directory, not a file");
    }
    if (!S_ISREG(status.st_mode)) {
        ::close(descriptor);
        return fail(ErrorCode::invalid_input, path + ": is not a regular file (a pipe, socket or device): save it to a file and give that");
    }
    const auto size = static_cast<std::size_t>(status.st_size);
    const stat_key key{static_cast<unsigned long long>(status.st_dev), static_cast<unsigned long long>(status.st_ino),
                       static_cast<long long>(status.st_size), static_cast<long long>(status.st_mtim.tv_sec),
                       static_cast<long long>(status.st_mtim.tv_nsec)};
    if (size == 0) {
        ::close(descriptor);
        MappedFile empty(nullptr, 0);
        empty.m_path = path;
        empty.m_stat = key;
        return empty;
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    ::close(descriptor);
    if (data == MAP_FAILED) return io_error(path, "cannot map");
    ::madvise(data, size, MADV_SEQUENTIAL);
    MappedFile file(static_cast<const char*>(data), size);
    file.m_path = path;
    file.m_stat = key;
    file.m_slot = register_mapping(file.m_data, size);
    return file;
}

bool MappedFile::changed() const {
    if (m_slot >= 0 && slots[static_cast<std::size_t>(m_slot)].changed.load()) return true;
    struct stat status {};
    if (::stat(m_path.c_str(), &status) != 0) return true;
    const stat_key now{static_cast<unsigned long long>(status.st_dev), static_cast<unsigned long long>(status.st_ino),
                       static_cast<long long>(status.st_size), static_cast<long long>(status.st_mtim.tv_sec),
                       static_cast<long long>(status.st_mtim.tv_nsec)};
    return !(now == m_stat);
}

void MappedFile::release_before(std::size_t offset) const {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t length = std::min(offset, m_size) / page * page;
    if (m_data && length > 0) ::madvise(const_cast<char*>(m_data), length, MADV_DONTNEED);
}

void MappedFile::release_range(std::size_t begin, std::size_t end) const {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t first = (begin + page - 1) / page * page;
    const std::size_t last = std::min(end, m_size) / page * page;
    if (m_data && last > first) ::madvise(const_cast<char*>(m_data) + first, last - first, MADV_DONTNEED);
}

MappedFile::MappedFile(MappedFile&& other) noexcept :
        m_data(std::exchange(other.m_data, nullptr)),
        m_size(std::exchange(other.m_size, 0)),
        m_path(std::move(other.m_path)),
        m_stat(other.m_stat),
        m_slot(std::exchange(other.m_slot, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        unregister_mapping(m_slot);
        if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_path = std::move(other.m_path);
        m_stat = other.m_stat;
        m_slot = std::exchange(other.m_slot, -1);
    }
    return *this;
}

MappedFile::~MappedFile() {
    unregister_mapping(m_slot);
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
