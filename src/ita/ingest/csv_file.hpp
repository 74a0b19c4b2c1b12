// Shared frame of the CSV readers: map the file, read it with a CsvTable under a progress bar,
// and turn collected problems into one Error. Internal to ingest.
#pragma once

#include <ita/ingest/csv_table.hpp>
#include <ita/util/error.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/progress.hpp>

#include <string>

namespace ita::ingest {

// Calls `read(table)`; succeeds when no problem was reported.
template <typename ReadRows>
Result<void> read_csv_file(const std::string& path, std::string_view what, ReadRows&& read) {
    ITA_TRY(file, util::MappedFile::open(path));
    util::DiagnosticList problems(path);
    CsvTable table(file.text(), problems);
    read(table);
    if (problems.empty()) return {};
    return std::unexpected(problems.into_error(std::string(what) + " file " + path + " has " +
                                               std::to_string(problems.count()) + " problems; nothing was used"));
}

// Advances through rows, updating a progress bar by bytes read.
class RowProgress {
public:
    RowProgress(const CsvTable& table, std::size_t total, std::string label)
        : m_table(table), m_bar(std::move(label), total) {}
    void tick() {
        if ((++m_rows & 0x3FFF) == 0) m_bar.update(m_table.offset());
    }

private:
    const CsvTable& m_table;
    util::ProgressBar m_bar;
    std::size_t m_rows = 0;
};

}  // namespace ita::ingest
