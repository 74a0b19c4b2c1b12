// Helpers shared by the backends' measure tables: targets as one comma-separated column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ita::storage {

std::string join_targets(const std::vector<std::string>& targets);
std::vector<std::string> split_targets(std::string_view text);

}  // namespace ita::storage
