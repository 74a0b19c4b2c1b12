// What this build is: its version and the newest database schema it knows, for `ita --version`
// and the health check.
#pragma once

#include <string>

namespace ita::app {

// "ita 0.1.0 (database schema 11)"
std::string version_text();

}  // namespace ita::app
