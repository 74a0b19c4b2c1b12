#include <ita/app/version.hpp>

#include <ita/storage/migrations.hpp>

namespace ita::app {

std::string version_text() {
    return std::string("ita ") + ITA_VERSION + " (database schema " + std::to_string(storage::newest_schema_version()) + ")";
}

}  // namespace ita::app
