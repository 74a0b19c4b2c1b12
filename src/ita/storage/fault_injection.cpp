#include <ita/storage/fault_injection.hpp>

#include <csignal>
#include <cstdlib>
#include <string>

namespace ita::storage {

FaultInjection::FaultInjection() {
    if (const char* value = std::getenv("ITA_FAULT_KILL_AFTER_ROWS")) m_kill_after = std::stoul(value);
}

void FaultInjection::die() {
    std::raise(SIGKILL);
    std::abort();
}

}  // namespace ita::storage
