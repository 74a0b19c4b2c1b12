#include <ita/storage/measure_rows.hpp>

namespace ita::storage {

std::string join_targets(const std::vector<std::string>& targets) {
    std::string text;
    for (const auto& target : targets) text += (text.empty() ? "" : ",") + target;
    return text;
}

std::vector<std::string> split_targets(std::string_view text) {
    std::vector<std::string> targets;
    while (!text.empty()) {
        const auto comma = text.find(',');
        targets.emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return targets;
}

}  // namespace ita::storage
