#include <ita/app/gen_command.hpp>

#include <algorithm>
#include <random>

#include <ita/core/synthetic_nation.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/csv_writer.hpp>
#include <ita/util/progress.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace ita::app {

namespace {

// A buffered file written in large blocks; fails loudly at close when the disk refuses.
class BlockFile {
public:
    explicit BlockFile(const std::filesystem::path& path) : m_path(path.string()), m_file(std::fopen(m_path.c_str(), "wb")) {
        m_buffer.reserve(block_size + 4096);
    }
    ~BlockFile() {
        if (m_file) std::fclose(m_file);
    }
    [[nodiscard]] bool opened() const { return m_file != nullptr; }
    std::string& buffer() { return m_buffer; }
    void maybe_flush() {
        if (m_buffer.size() >= block_size) flush();
    }
    bool close() {
        flush();
        const bool ok = m_ok && std::fclose(m_file) == 0;
        m_file = nullptr;
        return ok;
    }
    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    static constexpr std::size_t block_size = 1 << 20;
    void flush() {
        if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) m_ok = false;
        m_buffer.clear();
    }
    std::string m_path;
    std::FILE* m_file;
    std::string m_buffer;
    bool m_ok = true;
};

const char* option_text(const core::SubItem& sub_item, std::int8_t option) {
    static constexpr const char* scale[] = {"1", "2", "3", "4"};
    if (core::is_yes_no(sub_item.kind)) return option == 0 ? "yes" : "no";
    return scale[option];
}

void write_agencies(const std::filesystem::path& path, const core::SyntheticNation& nation) {
    std::ofstream out(path, std::ios::binary);
    util::CsvWriter csv(out);
    csv.field("agency_id").field("name").field("type").field("province").field("headcount").end_row();
    for (const auto& agency : nation.agencies())
        csv.field(agency.agency_id)
            .field(agency.name)
            .field(agency.type)
            .field(agency.province)
            .field(std::to_string(*agency.headcount))
            .end_row();
}

void write_oit(BlockFile& file, const core::Methodology& methodology, const core::SyntheticNation& nation) {
    file.buffer() += "agency_id,item,present,url,note\n";
    for (std::size_t agency = 0; agency < nation.agencies().size(); ++agency) {
        const auto verdicts = nation.oit_verdicts(agency);
        const auto& id = nation.agencies()[agency].agency_id;
        for (std::size_t item = 0; item < verdicts.size(); ++item) {
            const auto& code = methodology.items[item].code;
            file.buffer() +=
                id + "," + code + "," + (verdicts[item] ? "yes" : "no") + ",https://" + id + ".example.go.th/ita/" + code + ",\n";
        }
        file.maybe_flush();
    }
}

// The answer files (one per instrument in wide form, one in long form), then oit.csv last.
std::vector<std::unique_ptr<BlockFile>> output_files(const std::filesystem::path& dir, bool wide) {
    std::vector<std::unique_ptr<BlockFile>> files;
    if (wide) {
        files.push_back(std::make_unique<BlockFile>(dir / "responses_iit.csv"));
        files.push_back(std::make_unique<BlockFile>(dir / "responses_eit.csv"));
    } else {
        files.push_back(std::make_unique<BlockFile>(dir / "responses.csv"));
    }
    files.push_back(std::make_unique<BlockFile>(dir / "oit.csv"));
    return files;
}

// Per instrument (IIT, EIT), the sub-items in methodology order: the wide-form columns.
std::array<std::vector<std::size_t>, 2> answer_columns(const core::Methodology& methodology) {
    std::array<std::vector<std::size_t>, 2> columns;
    for (std::size_t index = 0; index < methodology.sub_items.size(); ++index) {
        const auto instrument = methodology.questions[methodology.sub_items[index].question].instrument;
        if (instrument != core::Instrument::oit) columns[static_cast<std::size_t>(instrument)].push_back(index);
    }
    return columns;
}

// --shuffle: the long-form rows (each starting at one of `starts`) in a seeded random order.
void write_shuffled(BlockFile& file, const std::string& rows, std::vector<std::size_t> starts, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::shuffle(starts.begin(), starts.end(), random);
    for (const auto start : starts) {
        const auto end = rows.find('\n', start);
        file.buffer().append(rows, start, end - start + 1);
        file.maybe_flush();
    }
}

}  // namespace

int run_gen_command(const GenCommand& command) {
    auto methodology = ingest::load_methodology(command.fiscal_year, command.methodology_dir);
    if (!methodology) {
        std::cerr << "ita gen: " << methodology.error().to_string() << "\n";
        return 2;
    }
    std::error_code error;
    std::filesystem::create_directories(command.out_dir, error);
    if (error) {
        std::cerr << "ita gen: cannot create " << command.out_dir << ": " << error.message() << "\n";
        return 2;
    }
    const std::filesystem::path dir(command.out_dir);
    const core::SyntheticNation nation(*methodology, command.agencies, command.seed);
    write_agencies(dir / "agencies.csv", nation);

    const bool wide = command.form == "wide";
    auto files = output_files(dir, wide);
    for (const auto& file : files)
        if (!file->opened()) {
            std::cerr << "ita gen: cannot write " << file->path() << "\n";
            return 2;
        }
    const auto columns = answer_columns(*methodology);
    if (wide) {
        for (std::size_t slot = 0; slot < 2; ++slot) {
            std::string& header = files[slot]->buffer();
            header += "agency_id,instrument,respondent";
            for (const auto index : columns[slot]) header += "," + methodology->sub_items[index].code;
            header += "\n";
        }
    } else {
        files[0]->buffer() += "agency_id,instrument,respondent,question,answer\n";
    }
    // --shuffle: long-form rows are kept in one buffer, then written in a seeded random order.
    std::string long_rows;
    std::vector<std::size_t> row_starts;
    util::ProgressBar progress("gen", nation.agencies().size());
    for (std::size_t agency = 0; agency < nation.agencies().size(); ++agency) {
        const std::string& id = nation.agencies()[agency].agency_id;
        nation.for_each_respondent(agency, [&](core::Instrument instrument, std::uint32_t number, std::span<const std::int8_t> answers) {
            const auto slot = static_cast<std::size_t>(instrument);
            const std::string prefix = id + "," + std::string(core::instrument_code(instrument)) + "," + std::to_string(number);
            if (wide) {
                std::string& out = files[slot]->buffer();
                out += prefix;
                for (const auto index : columns[slot]) {
                    out += ',';
                    if (answers[index] >= 0) out += option_text(methodology->sub_items[index], answers[index]);
                }
                out += '\n';
                files[slot]->maybe_flush();
            } else {
                std::string& out = command.shuffle ? long_rows : files[0]->buffer();
                for (const auto index : columns[slot]) {
                    if (answers[index] < 0) continue;
                    if (command.shuffle) row_starts.push_back(out.size());
                    out += prefix + "," + methodology->sub_items[index].code + "," +
                           option_text(methodology->sub_items[index], answers[index]) + "\n";
                }
                if (!command.shuffle) files[0]->maybe_flush();
            }
        });
        progress.update(agency);
    }
    if (command.shuffle && !wide) write_shuffled(*files[0], long_rows, row_starts, command.seed);
    write_oit(*files.back(), *methodology, nation);
    progress.finish();
    for (const auto& file : files)
        if (!file->close()) {
            std::cerr << "ita gen: writing " << file->path() << " failed (disk full?)\n";
            return 1;
        }
    return 0;
}

}  // namespace ita::app
