// A test hook: with ITA_FAULT_KILL_AFTER_ROWS=N in the environment, an import kills its own
// process (SIGKILL, no clean-up) after writing N rows inside its transaction, so tests can
// prove that a killed import leaves the database as it was. Costs one branch per row otherwise.
#pragma once

#include <cstddef>

namespace ita::storage {

class FaultInjection {
public:
    FaultInjection();
    // Counts a written row; dies here when the configured count is reached.
    void row_written() {
        if (m_kill_after != 0 && ++m_rows >= m_kill_after) die();
    }

private:
    [[noreturn]] static void die();
    std::size_t m_kill_after = 0;
    std::size_t m_rows = 0;
};

}  // namespace ita::storage
