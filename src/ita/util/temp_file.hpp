// For writers that take a path (libxlsxwriter, cairo, libzip) when the bytes are wanted in
// memory: a private temporary file (mkstemp, 0600), written, read back and removed.
#pragma once

#include <ita/util/error.hpp>

#include <functional>
#include <string>

namespace ita::util {

Result<std::string> bytes_written_to_temp_file(const std::function<Result<void>(const std::string& path)>& write);

// The other way: `bytes` in a private temporary file (0600) for a reader that takes a path,
// removed afterwards whatever `read` returned.
Result<void> read_from_temp_file(std::string_view bytes, const std::function<Result<void>(const std::string& path)>& read);

}  // namespace ita::util
