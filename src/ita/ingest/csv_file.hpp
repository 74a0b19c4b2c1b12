// Shared frame of the CSV readers: map the file, read it with a CsvTable under a progress bar,
// and turn collected problems into one Error. Internal to ingest.
#pragma once

#include <ita/ingest/csv_table.hpp>
#include <ita/util/error.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/progress.hpp>
#include <ita/util/text.hpp>

#include <algorithm>

#include <string>

namespace ita::ingest {

// The 1-based line of byte `offset`.
inline std::size_t line_at(std::string_view text, std::size_t offset) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The checks every CSV input gets before its rows are read: UTF-8, and line ends. Returns
// false (with the problem noted) when the rows cannot be read.
inline bool readable_csv(std::string_view text, util::DiagnosticList& problems) {
    if (const auto bad = util::invalid_utf8_at(text)) {
        problems.add(line_at(text, *bad), "encoding",
                     "is not UTF-8 text (byte " + std::to_string(*bad + 1) + " of the file): save it as UTF-8 (CSV UTF-8)");
        return false;
    }
    if (text.find('\r') != std::string_view::npos && text.find('\n') == std::string_view::npos) {
        problems.add(1, "line ends", "CR line endings are not supported: save the file with LF or CRLF line ends");
        return false;
    }
    return true;
}

inline Error csv_problems(util::DiagnosticList& problems, std::string_view what, const std::string& name) {
    return problems.into_error(std::string(what) + " file " + name + " has " + std::to_string(problems.count()) +
                               " problems; nothing was used");
}

// Calls `read(table, file)`; succeeds when no problem was reported.
template <typename ReadRows>
Result<void> read_csv_file(const std::string& path, std::string_view what, ReadRows&& read) {
    ITA_TRY(file, util::MappedFile::open(path));
    util::DiagnosticList problems(path);
    const auto text = file.text();
    if (readable_csv(text, problems)) {
        CsvTable table(text, problems);
        read(table, file);
    }
    // What was read from a file that changed meanwhile is not what the file says: none of it is used.
    if (file.changed())
        return fail(ErrorCode::invalid_input,
                    path + ": the file changed while it was read; nothing was used (read it again once it is written)");
    if (problems.empty()) return {};
    return std::unexpected(csv_problems(problems, what, path));
}

// The same for text already in memory (a list pasted into a web form), named `name` in messages.
template <typename ReadRows>
Result<void> read_csv_text(std::string_view text, const std::string& name, std::string_view what, ReadRows&& read) {
    util::DiagnosticList problems(name);
    if (readable_csv(text, problems)) {
        CsvTable table(text, problems);
        read(table);
    }
    if (problems.empty()) return {};
    return std::unexpected(csv_problems(problems, what, name));
}

// Follows a reader through a big file: updates the progress bar and hands back the pages
// already read, so a national file costs little more memory than what is kept of it.
class RowProgress {
public:
    RowProgress(const CsvTable& table, const util::MappedFile& file, std::string label) :
            m_table(table), m_file(file), m_bar(std::move(label), table.size()) {}
    void tick() {
        if ((++m_rows & 0x3FFF) != 0) return;
        m_bar.update(m_table.offset());
        m_file.release_before(m_table.record_start());
    }

private:
    const CsvTable& m_table;
    const util::MappedFile& m_file;
    util::ProgressBar m_bar;
    std::size_t m_rows = 0;
};

}  // namespace ita::ingest
