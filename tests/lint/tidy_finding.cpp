// A use after move, which the chosen clang-tidy checks must report (ctest lint_detects_tidy_finding).
#include <string>
#include <utility>

std::size_t twice(std::string text) {
    std::string moved = std::move(text);
    return moved.size() + text.size();
}
