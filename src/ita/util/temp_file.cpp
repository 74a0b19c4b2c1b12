#include <ita/util/temp_file.hpp>

#include <ita/util/mapped_file.hpp>

#include <filesystem>

#include <unistd.h>

namespace ita::util {

Result<std::string> bytes_written_to_temp_file(const std::function<Result<void>(const std::string& path)>& write) {
    const auto folder = std::filesystem::temp_directory_path().string();
    std::string pattern = folder + "/ita-XXXXXX";
    const int descriptor = ::mkstemp(pattern.data());
    if (descriptor < 0) return fail(ErrorCode::io, "cannot create a temporary file in " + folder);
    ::close(descriptor);
    auto written = write(pattern);
    auto bytes = written ? read_file(pattern) : Result<std::string>(std::unexpected(written.error()));
    std::filesystem::remove(pattern);
    return bytes;
}

Result<void> read_from_temp_file(std::string_view bytes, const std::function<Result<void>(const std::string& path)>& read) {
    const auto folder = std::filesystem::temp_directory_path().string();
    std::string pattern = folder + "/ita-XXXXXX";
    const int descriptor = ::mkstemp(pattern.data());  // 0600
    if (descriptor < 0) return fail(ErrorCode::io, "cannot create a temporary file in " + folder);
    std::size_t written = 0;
    while (written < bytes.size()) {
        const auto result = ::write(descriptor, bytes.data() + written, bytes.size() - written);
        if (result <= 0) break;
        written += static_cast<std::size_t>(result);
    }
    ::close(descriptor);
    auto outcome = written == bytes.size() ? read(pattern) : fail(ErrorCode::io, "cannot write a temporary file in " + folder);
    std::filesystem::remove(pattern);
    return outcome;
}

}  // namespace ita::util
