// EmbeddedFile: a data file compiled into the binary (see cmake/embed.cmake). Immutable.
#pragma once

#include <span>
#include <string_view>

namespace ita::util {

struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

}  // namespace ita::util
