// Every CSV reader on the same bytes: agencies, responses (long or wide form), OIT verdicts and
// published scores, with 2565's methodology. Each must return rows or row-level errors; none may
// crash, hang or leak. The readers take paths, so the bytes go to a file of this process's own.
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/ingest/scoring_inputs.hpp>

#include <unistd.h>
#include <cstdint>
#include <cstdio>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto methodology = ita::ingest::load_methodology(2565, std::nullopt);
    static const std::string path = "/tmp/ita-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
    if (!methodology) return 0;
    if (std::FILE* file = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, file);
        std::fclose(file);
    }
    (void)ita::ingest::read_agencies(path);
    ita::ingest::ScoringInputs inputs(*methodology);
    (void)ita::ingest::read_responses(path, inputs);
    (void)ita::ingest::read_oit(path, inputs);
    (void)ita::ingest::read_published(path, inputs);
    return 0;
}
