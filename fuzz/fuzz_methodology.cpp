// The methodology JSON reader on arbitrary bytes: a methodology or a JSON-pointer error, never a
// crash (the NACC authors these files, and an officer may upload one).
#include <ita/ingest/methodology_reader.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)ita::ingest::parse_methodology(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    return 0;
}
