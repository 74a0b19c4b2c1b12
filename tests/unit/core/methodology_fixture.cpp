#include "methodology_fixture.hpp"

#include <ita/ingest/methodology_reader.hpp>

#include <map>
#include <stdexcept>

namespace ita::test {

const core::Methodology& methodology(int fiscal_year) {
    static std::map<int, core::Methodology> cache;
    if (const auto found = cache.find(fiscal_year); found != cache.end()) return found->second;
    auto loaded = ingest::load_methodology(fiscal_year, std::nullopt);
    if (!loaded) throw std::runtime_error(loaded.error().to_string());
    return cache.emplace(fiscal_year, std::move(*loaded)).first->second;
}

}  // namespace ita::test
