// One share of a long-form responses file read on one thread: its rows scored directly (a file
// grouped by agency and instrument) or gathered as records by partition of agencies (a file in
// no order). Internal to the long-form reader (long_form_reader.cpp).
#pragma once

#include <ita/ingest/answer_option.hpp>
#include <ita/ingest/answer_records.hpp>
#include <ita/ingest/answer_spec.hpp>
#include <ita/ingest/scoring_inputs.hpp>
#include <ita/ingest/separator_scanner.hpp>
#include <ita/ingest/short_text.hpp>
#include <ita/ingest/text_table.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/progress.hpp>
#include <ita/util/text.hpp>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ita::ingest::long_form {

enum Column : std::size_t { agency_id, instrument, respondent, question, answer, part, column_count };
inline constexpr std::array<std::string_view, column_count> column_names{"agency_id", "instrument", "respondent",
                                                                         "question",  "answer",     "part"};

// Records go to partitions of agencies rather than to each agency's own bucket: in a file in
// no order every row went to another of thousands of buckets, and writing its record missed
// the cache; a thousand partitions' open lines stay in it, and scoring a partition finds its
// few agencies' respondents in the cache. An agency's partition follows from its id, so every
// share puts it in the same one, and one thread scores each partition.
inline constexpr std::size_t partition_count = 1024;

// Where a file's columns are.
struct Layout {
    std::array<std::size_t, column_count> position{};
    std::size_t fields = 0;
    bool has_part = false;
    std::size_t body = 0;  // offset of the first row
};

// What every thread reads and nothing writes, but the flags.
struct Shared {
    std::string_view text;
    const util::MappedFile* file = nullptr;
    const core::Methodology* methodology = nullptr;
    std::vector<AnswerSpec> specs;
    // The methodology's sub-item codes, found without a mispredicted branch in a file in no order.
    PerfectShortTable sub_items;
    Layout layout;
    // The agencies file's agencies by id, when there is one; they are the only ones taken.
    TextViewTable<std::uint32_t> directory;
    bool has_directory = false;
    std::atomic<bool> declined{false};
    std::atomic<std::size_t> bytes_read{0};
};

// An agency's partition, from its id alone (the same in every share).
inline std::uint32_t partition_of(std::string_view agency_id) {
    if (agency_id.size() <= short_text_bytes)
        return static_cast<std::uint32_t>((short_key(agency_id) * 0x9E3779B97F4A7C15ULL) >> (64 - std::countr_zero(partition_count)));
    return static_cast<std::uint32_t>(absl::Hash<std::string_view>{}(agency_id) % partition_count);
}

using Fields = std::array<std::string_view, column_count + 1>;

enum class ShareOutcome { read, declined, not_grouped, not_compact };

// Parses one share of the rows (whole lines from `begin` to `end`), scoring them directly or
// into records of type Record by partition.
// Cache-line aligned: each thread's parser and inputs are written on every row, and two
// sharing a line made the threads wait on each other.
template <typename Record>
class alignas(64) ShareParser {
public:
    // Scores the rows straight into `direct` when given (a file grouped by agency and
    // instrument), else gathers them into partitions.
    ShareParser(Shared& shared, std::size_t begin, std::size_t end, bool draws_progress, ScoringInputs* direct = nullptr) :
            m_shared(shared), m_begin(begin), m_end(end), m_draws_progress(draws_progress), m_direct(direct) {}

    using Block = RecordBlock<Record>;
    using Bucket = std::vector<Block*>;
    static constexpr std::size_t records_per_line = 64 / sizeof(Record);

    ShareOutcome parse() {
        if (parse_rows()) return ShareOutcome::read;
        return m_not_grouped ? ShareOutcome::not_grouped : m_not_compact ? ShareOutcome::not_compact : ShareOutcome::declined;
    }

    // The agencies and instruments of a share scored directly, in order: (agency << 1) | instrument.
    [[nodiscard]] const std::vector<std::uint64_t>& groups() const { return m_groups; }

private:
    // False when the share holds anything for the full reader to report (or, scoring
    // directly, is not grouped).
    bool parse_rows() {
        const std::string_view text = m_shared.text;
        std::optional<util::ProgressBar> bar;
        if (m_draws_progress) bar.emplace("responses", text.size());
        const std::size_t field_count = m_shared.layout.fields;
        constexpr std::uint32_t line_feed = SeparatorIndex::line_feed;
        std::size_t released = m_begin;
        SeparatorIndex index(text, m_begin, m_end);
        Fields fields;
        while (index.next_chunk()) {
            if (index.malformed()) return false;
            const char* const chunk = text.data() + index.chunk_begin();
            const std::span<const std::uint32_t> separators = index.separators();
            std::uint32_t start = 0;  // of the row, from the chunk's start
            for (std::size_t next = 0; next < separators.size();) {
                if ((separators[next] & line_feed) != 0) {  // a line of one field: blank (skipped, as the full reader does) or wrong
                    std::string_view line(chunk + start, (separators[next] & ~line_feed) - start);
                    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                    if (!line.empty() || field_count == 1) return false;
                    start = (separators[next++] & ~line_feed) + 1;
                    continue;
                }
                if (separators.size() - next < field_count) return false;
                // The row's separators: commas, then its line feed; anything else is the full reader's.
                std::uint32_t wrong = 0;
                for (std::size_t field = 0; field < field_count; ++field) {
                    const std::uint32_t separator = separators[next + field];
                    const std::uint32_t at = separator & ~line_feed;
                    fields[field] = std::string_view(chunk + start, at - start);
                    start = at + 1;
                    wrong |= (separator & line_feed) ^ (field + 1 == field_count ? line_feed : 0);
                }
                next += field_count;
                if (wrong != 0) return false;
                // A CR before the line feed is the line's end, not the field's.
                if (std::string_view& last = fields[field_count - 1]; !last.empty() && last.back() == '\r') last.remove_suffix(1);
                if (!take_row(fields)) return false;
            }
            const std::size_t done = index.chunk_begin() + start;
            if (done - released >= (std::size_t{8} << 20) || done >= m_end) {
                if (m_shared.declined.load(std::memory_order_relaxed)) return false;
                m_shared.bytes_read.fetch_add(done - released, std::memory_order_relaxed);
                // Pages already parsed leave memory, unless a long label is still to be read from them.
                if (!m_keeps_pages) m_shared.file->release_range(released, done);
                released = done;
                if (bar) bar->update(m_shared.bytes_read.load(std::memory_order_relaxed));
            }
        }
        close_blocks();
        return true;
    }

public:
    // The share's agencies by local index (without an agencies file; with one the index is the directory's).
    [[nodiscard]] const std::vector<std::string>& agency_ids() const { return m_agency_ids; }
    [[nodiscard]] const std::array<Bucket, partition_count>& partitions() const { return m_partitions; }
    // How many records a block of the partition holds.
    [[nodiscard]] std::size_t records_in(std::size_t partition, const Block* block) const {
        return block == m_partitions[partition].back() ? m_last_block_counts[partition] : Block::capacity;
    }

private:
    [[nodiscard]] const char* text_end() const { return m_shared.text.data() + m_shared.text.size(); }

    bool take_row(const Fields& fields) {
        const auto& position = m_shared.layout.position;
        const std::uint32_t agency = agency_of(util::trim(fields[position[agency_id]]));
        const int kind = survey_instrument_of(util::trim(fields[position[instrument]]));  // IIT and EIT alternate at random in no order
        const std::string_view label = util::trim(fields[position[respondent]]);
        if (agency == none || kind < 0 || label.empty() || label.size() > WideRecord::max_label_bytes) return false;
        const int part_index = part_of(fields, static_cast<core::Instrument>(kind));
        const std::uint32_t sub_item = sub_item_of(util::trim(fields[position[question]]));
        if (part_index < 0 || sub_item == none) return false;
        const std::string_view text = util::trim(fields[position[answer]]);
        if (text.empty()) return true;  // not answered
        const AnswerSpec& spec = m_shared.specs[sub_item];
        if (spec.instrument != static_cast<core::Instrument>(kind)) return false;
        const int option = answer_option(spec, text);
        if (option < 0) return false;
        if (m_direct != nullptr)
            return score_row(agency, static_cast<core::Instrument>(kind), label, part_index, sub_item, spec.points[option]);

        // A record is put together in its partition's line in the cache and the line written
        // to the block, uncached, once full: writing into the blocks themselves read every
        // line from memory first and pushed the look-up tables out of the cache.
        const std::uint32_t partition = m_partition_of_agency[agency];  // partition_of its id
        OpenBlock& open = m_open_blocks[partition];
        if (open.block == nullptr || open.count == Block::capacity) {
            open.block = m_partitions[partition].emplace_back(m_pool.template take<Record>());
            open.count = 0;
        }
        StagedLine& line = m_staged[partition];
        const std::uint32_t in_line = open.count % records_per_line;
        if (!Record::write(line.records[in_line], agency, sub_item, option, part_index, label, m_shared.text, m_keeps_pages)) {
            m_not_compact = true;
            return false;
        }
        if (in_line == records_per_line - 1) {
            auto* to = reinterpret_cast<__m128i*>(open.block->records.data() + open.count - in_line);
            const auto* from = reinterpret_cast<const __m128i*>(line.records.data());
            for (std::size_t part = 0; part < 64 / sizeof(__m128i); ++part) _mm_stream_si128(to + part, _mm_load_si128(from + part));
        }
        ++open.count;
        return true;
    }

    // Scores a row of a file grouped by agency and instrument where it is read: all of a group's
    // rows are in this share, in file order, so its sums are the full reader's to the bit. A
    // group met again after another is not grouped: the partitions are for such a file.
    bool score_row(std::uint32_t agency, core::Instrument kind, std::string_view label, int part, std::uint32_t sub_item, double points) {
        const std::uint64_t group = (std::uint64_t{agency} << 1) | static_cast<std::uint64_t>(kind);
        if (group != m_group) {
            if (m_group_seen.size() <= group) m_group_seen.resize(std::max<std::size_t>(group + 1, 2 * m_group_seen.size()), false);
            if (m_group_seen[group]) {
                m_not_grouped = true;
                return false;
            }
            m_group_seen[group] = true;
            m_groups.push_back(group);
            m_group = group;
            m_label_key = 0;
            m_label = {};
        }
        // The same respondent as the row before: compared as one integer when short.
        const std::uint64_t label_key = label.size() <= short_text_bytes ? short_key_in(label, text_end()) : 0;
        if (label_key != 0 ? label_key != m_label_key : label != m_label) {
            const auto found = m_direct->respondent(agency, kind, label, static_cast<std::uint8_t>(part));
            // A respondent in two parts: the full reader says where.
            if (found.part != part) return false;
            m_answers = m_direct->answers_of(found);
            m_label_key = label_key;
            m_label = label;
        } else if (m_part != part)
            return false;
        m_part = static_cast<std::uint8_t>(part);
        // Answering twice: the full reader says where.
        return m_answers.record(sub_item, points) == ScoringInputs::AnswerOutcome::recorded;
    }

    // Writes each partition's records still in its line and notes how many its last block holds.
    void close_blocks() {
        for (std::size_t partition = 0; partition < partition_count; ++partition) {
            const OpenBlock& open = m_open_blocks[partition];
            if (open.block == nullptr) continue;
            const std::uint32_t in_line = open.count % records_per_line;
            std::memcpy(open.block->records.data() + open.count - in_line, m_staged[partition].records.data(), in_line * sizeof(Record));
            m_last_block_counts[partition] = open.count;
        }
        _mm_sfence();  // the uncached writes are seen by the threads that score them
    }

    std::uint32_t agency_of(std::string_view id) {
        if (id.empty()) return none;
        std::uint32_t index = none;
        if (id.size() <= short_text_bytes) {
            // Files are often grouped by agency: the last one is compared as one integer.
            const std::uint64_t key = short_key_in(id, text_end());
            if (key == m_last_agency_key) return m_last_agency;
            index = m_agency_by_id.find_short(key);
            if (index == none) index = new_agency(id);
            if (index != none) {
                m_last_agency_key = key;
                m_last_agency = index;
            }
            return index;
        }
        index = m_agency_by_id.find(id);
        return index != none ? index : new_agency(id);
    }

    // The index of an agency this share had not seen; none when the agencies file lacks it.
    std::uint32_t new_agency(std::string_view id) {
        std::uint32_t index = 0;
        if (m_shared.has_directory) {
            const auto listed = m_shared.directory.find(id);
            if (listed == m_shared.directory.end()) return none;
            index = listed->second;
        } else {
            index = static_cast<std::uint32_t>(m_agency_ids.size());
            m_agency_ids.emplace_back(id);
            // Scoring directly, the share's inputs number the agency the same way.
            if (m_direct != nullptr && m_direct->agency(id) != index) return none;
        }
        if (m_partition_of_agency.size() <= index) m_partition_of_agency.resize(index + 1);
        m_partition_of_agency[index] = partition_of(id);
        m_agency_by_id.add(id, index);
        return index;
    }

    std::uint32_t sub_item_of(std::string_view code) {
        if (code.size() <= short_text_bytes)
            if (const std::uint32_t usual = m_shared.sub_items.find(short_key_in(code, text_end())); usual != none) return usual;
        if (const std::uint32_t known = m_sub_item_by_code.find(code); known != none) return known;
        const auto index = m_shared.methodology->sub_item_index(code);
        if (!index || *index > UINT16_MAX) return none;
        m_sub_item_by_code.add(code, static_cast<std::uint32_t>(*index));
        return static_cast<std::uint32_t>(*index);
    }

    // The row's EIT respondent part as the full reader takes it; -1 for a problem. (Not an
    // std::optional, for the store-forwarding stall GCC 12 makes of one on every row.)
    int part_of(const Fields& fields, core::Instrument kind) const {
        if (!m_shared.layout.has_part) return 0;
        const std::string_view code = util::trim(fields[m_shared.layout.position[part]]);
        if (code.empty()) return 0;
        const auto& parts = m_shared.methodology->eit_parts();
        if (parts.empty() || kind != core::Instrument::eit) return -1;
        const auto index = parts.index(code);
        if (!index || *index >= UINT8_MAX) return -1;
        return static_cast<int>(*index + 1);
    }

    // The survey instrument a row names (IIT 0, EIT 1, as core::Instrument); -1 for OIT or
    // anything else. The usual upper-case spelling without a call, the rest as core reads it.
    int survey_instrument_of(std::string_view text) const {
        constexpr std::uint64_t iit = short_key("IIT"), eit = short_key("EIT");
        const std::uint64_t key = text.size() <= short_text_bytes ? short_key_in(text, text_end()) : 0;
        const bool is_iit = key == iit, is_eit = key == eit;
        if (is_iit | is_eit) return static_cast<int>(is_eit);  // one branch, taken the same way on every row
        const auto kind = core::parse_instrument(text);
        return kind && *kind != core::Instrument::oit ? static_cast<int>(*kind) : -1;
    }

    Shared& m_shared;
    std::size_t m_begin;
    std::size_t m_end;
    bool m_draws_progress;
    bool m_keeps_pages = false;
    BlockPool m_pool;
    std::array<Bucket, partition_count> m_partitions;
    std::vector<std::uint32_t> m_partition_of_agency;  // by the share's agency index
    std::vector<std::string> m_agency_ids;
    struct OpenBlock {
        Block* block = nullptr;  // the last of the partition's bucket
        std::uint32_t count = 0;
    };
    std::array<OpenBlock, partition_count> m_open_blocks;
    struct alignas(64) StagedLine {
        std::array<Record, records_per_line> records;
    };
    std::array<StagedLine, partition_count> m_staged;
    std::array<std::uint32_t, partition_count> m_last_block_counts{};
    ShortTextIndex m_agency_by_id;
    ShortTextIndex m_sub_item_by_code;
    ScoringInputs* m_direct;
    bool m_not_grouped = false;
    bool m_not_compact = false;
    std::vector<bool> m_group_seen;  // by group, (agency << 1) | instrument
    std::vector<std::uint64_t> m_groups;
    std::uint64_t m_group = UINT64_MAX;  // the group of the rows being read
    std::uint64_t m_label_key = 0;       // the last respondent's short_key, 0 when long
    std::string_view m_label;
    ScoringInputs::RespondentAnswers m_answers;  // the last respondent's, in m_direct
    std::uint8_t m_part = 0;
    std::uint64_t m_last_agency_key = 0;  // short_key of the last short agency id; 0 for none
    std::uint32_t m_last_agency = none;
};

}  // namespace ita::ingest::long_form
