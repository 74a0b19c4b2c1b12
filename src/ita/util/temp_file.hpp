// For writers that take a path (libxlsxwriter, cairo, libzip) when the bytes are wanted in
// memory: a private temporary file (mkstemp, 0600), written, read back and removed.
#pragma once

#include <ita/util/error.hpp>

#include <functional>
#include <string>

namespace ita::util {

Result<std::string> bytes_written_to_temp_file(const std::function<Result<void>(const std::string& path)>& write);

}  // namespace ita::util
