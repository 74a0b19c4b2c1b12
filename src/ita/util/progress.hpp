// ProgressBar: a one-line bar on stderr while a long command runs, drawn only when stderr is a
// terminal (quiet when piped or in CI). Redraws at most ten times a second. Only one bar draws
// at a time: a bar made while another is alive stays quiet, so parallel readers do not garble
// the line. One object is not thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ita::util {

class ProgressBar {
public:
    ProgressBar(std::string label, std::size_t total);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::size_t done);
    void finish();

private:
    void draw(std::size_t done);

    std::string m_label;
    std::size_t m_total;
    bool m_enabled;
    bool m_owns_terminal = false;
    bool m_finished = false;
    std::chrono::steady_clock::time_point m_last_draw{};
};

}  // namespace ita::util
