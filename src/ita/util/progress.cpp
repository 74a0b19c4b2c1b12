#include <ita/util/progress.hpp>

#include <unistd.h>
#include <atomic>
#include <cstdio>

namespace ita::util {

namespace {
std::atomic<bool> terminal_taken{false};
}

ProgressBar::ProgressBar(std::string label, std::size_t total) :
        m_label(std::move(label)), m_total(total), m_enabled(::isatty(STDERR_FILENO) == 1) {
    if (m_enabled) m_enabled = m_owns_terminal = !terminal_taken.exchange(true);
}

ProgressBar::~ProgressBar() {
    finish();
    if (m_owns_terminal) terminal_taken.store(false);
}

void ProgressBar::update(std::size_t done) {
    if (!m_enabled || m_finished) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(100)) return;
    m_last_draw = now;
    draw(done);
}

void ProgressBar::finish() {
    if (!m_enabled || m_finished) return;
    m_finished = true;
    draw(m_total);
    std::fputc('\n', stderr);
}

void ProgressBar::draw(std::size_t done) {
    constexpr int width = 30;
    const double share = m_total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(m_total);
    const int filled = static_cast<int>(share * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%%", m_label.c_str(), bar.c_str(), static_cast<int>(share * 100));
    std::fflush(stderr);
}

}  // namespace ita::util
