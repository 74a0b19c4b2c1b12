#include <ita/ingest/long_form_reader.hpp>

#include <ita/ingest/answer_spec.hpp>
#include <ita/ingest/text_table.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/progress.hpp>
#include <ita/util/text.hpp>

#include <emmintrin.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <thread>

#include <sys/mman.h>

namespace ita::ingest {

namespace {

enum Column : std::size_t { agency_id, instrument, respondent, question, answer, part, column_count };
constexpr std::array<std::string_view, column_count> column_names{"agency_id", "instrument", "respondent", "question", "answer", "part"};

// One answer, 16 bytes: a nation's 40 M answers fit in memory beside the file's pages.
constexpr std::size_t inline_label_bytes = 11;
constexpr std::size_t max_label_bytes = 255;
struct AnswerRecord {
    std::uint16_t sub_item;
    std::uint8_t option;
    std::uint8_t part;  // as ScoringInputs::Respondent::part
    std::uint8_t label_size;
    std::array<char, inline_label_bytes> label;  // the respondent label, or its offset in the file when longer
};
static_assert(sizeof(AnswerRecord) == 16);

// An agency's records from one share of the file, in blocks of 4 KiB.
struct RecordBlock {
    static constexpr std::size_t capacity = 255;
    std::uint32_t count = 0;
    std::array<AnswerRecord, capacity> records;
};
using Bucket = std::vector<RecordBlock*>;

// Hands out a share's blocks from 2 MiB slabs (huge pages where the kernel gives them): taking
// 4 KiB at a time from malloc grew each thread's heap a page at a time, with a system call and
// the address-space lock for every block.
class BlockPool {
public:
    RecordBlock* take() {
        if (m_used == slab_blocks) {
            void* memory = std::aligned_alloc(slab_bytes, slab_bytes);
            if (memory == nullptr) throw std::bad_alloc();
            m_slabs.emplace_back(static_cast<RecordBlock*>(memory));
            m_used = 0;
        }
        return new (m_slabs.back().get() + m_used++) RecordBlock();
    }

private:
    static constexpr std::size_t slab_bytes = std::size_t{2} << 20;
    static constexpr std::size_t slab_blocks = slab_bytes / sizeof(RecordBlock);
    struct Free {
        void operator()(RecordBlock* slab) const { std::free(slab); }  // blocks are trivially destructible
    };
    std::vector<std::unique_ptr<RecordBlock, Free>> m_slabs;
    std::size_t m_used = slab_blocks;
};

// Where the columns are; nullopt for a header the full reader is to judge.
struct Layout {
    std::array<std::size_t, column_count> position{};
    std::size_t fields = 0;
    bool has_part = false;
    std::size_t body = 0;  // offset of the first row
};

std::optional<Layout> long_form_layout(std::string_view text) {
    Layout layout;
    std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view header = text.substr(start, end - start);
    if (header.ends_with('\r')) header.remove_suffix(1);
    if (header.find_first_of("\"\r") != std::string_view::npos) return std::nullopt;
    std::array<bool, column_count> seen{};
    for (std::size_t from = 0;; ++layout.fields) {
        const std::size_t comma = header.find(',', from);
        const std::string_view name =
            util::trim(header.substr(from, comma == std::string_view::npos ? header.size() - from : comma - from));
        const auto* known = std::find(column_names.begin(), column_names.end(), name);
        if (known == column_names.end()) return std::nullopt;
        const auto column = static_cast<std::size_t>(known - column_names.begin());
        if (seen[column]) return std::nullopt;
        seen[column] = true;
        layout.position[column] = layout.fields;
        if (comma == std::string_view::npos) break;
        from = comma + 1;
    }
    ++layout.fields;
    for (std::size_t column = 0; column < part; ++column)
        if (!seen[column]) return std::nullopt;
    layout.has_part = seen[part];
    layout.body = end + 1;
    return layout;
}

// What every thread reads and nothing writes, but the flags.
struct Shared {
    std::string_view text;
    const util::MappedFile* file = nullptr;
    const core::Methodology* methodology = nullptr;
    std::vector<AnswerSpec> specs;
    Layout layout;
    // The agencies file's agencies by id, when there is one; they are the only ones taken.
    TextViewTable<std::uint32_t> directory;
    bool has_directory = false;
    std::atomic<bool> declined{false};
    std::atomic<std::size_t> bytes_read{0};
};

// Numbers by short text (agency ids, question codes): those of up to seven bytes are keyed by
// one integer, which a shuffled file's per-row look-ups hash and compare far faster; longer
// ones by the text.
// Look-ups answer `none` rather than an empty std::optional, which GCC 12 builds in memory
// with two stores and reads back with one load: a store-forwarding stall on every row.
constexpr std::uint32_t none = UINT32_MAX;
class ShortTextIndex {
public:
    [[nodiscard]] std::uint32_t find(std::string_view text) const {
        if (text.size() < 8) {
            const auto found = m_by_number.find(number_of(text));
            return found == m_by_number.end() ? none : found->second;
        }
        const auto found = m_by_text.find(text);
        return found == m_by_text.end() ? none : found->second;
    }
    void add(std::string_view text, std::uint32_t value) {
        if (text.size() < 8)
            m_by_number.emplace(number_of(text), value);
        else
            m_by_text.emplace(std::string(text), value);
    }

private:
    // The bytes in place and the length in the top byte. Read by two overlapping loads (a byte
    // copy into the integer stalled every look-up on store forwarding).
    static std::uint64_t number_of(std::string_view text) {
        const std::size_t size = text.size();
        const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
        std::uint64_t number = std::uint64_t{size} << 56;
        if (size >= 4) {
            std::uint32_t low = 0, high = 0;
            std::memcpy(&low, bytes, 4);
            std::memcpy(&high, bytes + size - 4, 4);
            return number | low | (std::uint64_t{high} << ((size - 4) * 8));
        }
        if (size > 0)
            number |= std::uint64_t{bytes[0]} | (std::uint64_t{bytes[size / 2]} << (size / 2 * 8)) |
                      (std::uint64_t{bytes[size - 1]} << ((size - 1) * 8));
        return number;
    }
    absl::flat_hash_map<std::uint64_t, std::uint32_t> m_by_number;
    TextTable<std::uint32_t> m_by_text;
};

// Finds the commas and line ends of a share 64 bytes at a time with SSE2 compares, so that a
// row's fields cost a few bit operations instead of a branch on every byte. A quote, or a CR
// not ending a line, marks the share as one for the full reader.
class SeparatorScanner {
public:
    SeparatorScanner(std::string_view text, std::size_t begin, std::size_t end) : m_text(text), m_end(end), m_next_block(begin) {}

    // The offset of the next ',', '\n' or '\r' of the share, or its end.
    std::size_t next() {
        while (m_pending == 0) {
            if (m_next_block >= m_end) return m_end;
            load_block();
        }
        const std::size_t at = m_base + static_cast<std::size_t>(std::countr_zero(m_pending));
        m_pending &= m_pending - 1;
        return at;
    }
    [[nodiscard]] bool malformed() const { return m_malformed; }

private:
    void load_block() {
        m_base = m_next_block;
        m_next_block += 64;
        alignas(16) std::array<char, 64> copy{};
        const char* bytes = m_text.data() + m_base;
        if (m_base + 64 > m_text.size()) {  // never read past the mapping
            std::memcpy(copy.data(), bytes, m_text.size() - m_base);
            bytes = copy.data();
        }
        const std::uint64_t commas = equal_bits(bytes, ',');
        const std::uint64_t line_feeds = equal_bits(bytes, '\n');
        std::uint64_t returns = equal_bits(bytes, '\r');
        std::uint64_t quotes = equal_bits(bytes, '"');
        if (const std::size_t left = m_end - m_base; left < 64) {
            const std::uint64_t in_share = (std::uint64_t{1} << left) - 1;
            returns &= in_share;
            quotes &= in_share;
            m_pending = (commas | line_feeds | returns) & in_share;
        } else
            m_pending = commas | line_feeds | returns;
        if (quotes != 0) m_malformed = true;
        for (std::uint64_t each = returns; each != 0; each &= each - 1) {
            const std::size_t after = m_base + static_cast<std::size_t>(std::countr_zero(each)) + 1;
            if (after != m_end && m_text[after] != '\n') m_malformed = true;
        }
    }

    static std::uint64_t equal_bits(const char* bytes, char wanted) {
        const __m128i pattern = _mm_set1_epi8(wanted);
        std::uint64_t bits = 0;
        for (std::size_t part = 0; part < 4; ++part) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * part));
            bits |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, pattern)))} << (16 * part);
        }
        return bits;
    }

    std::string_view m_text;
    std::size_t m_end;
    std::size_t m_next_block;
    std::size_t m_base = 0;
    std::uint64_t m_pending = 0;
    bool m_malformed = false;
};

// Parses one share of the rows (whole lines from `begin` to `end`) into buckets by agency.
// Cache-line aligned: each thread's parser and inputs are written on every row, and two
// sharing a line made the threads wait on each other.
class alignas(64) ShareParser {
public:
    ShareParser(Shared& shared, std::size_t begin, std::size_t end, bool draws_progress) :
            m_shared(shared), m_begin(begin), m_end(end), m_draws_progress(draws_progress) {
        if (shared.has_directory) {
            m_buckets.resize(shared.directory.size());
            m_open_blocks.resize(shared.directory.size());
        }
    }

    // False when the share holds anything for the full reader to report.
    bool parse() {
        const std::string_view text = m_shared.text;
        if (util::invalid_utf8_at(text.substr(m_begin, m_end - m_begin))) return false;
        std::optional<util::ProgressBar> bar;
        if (m_draws_progress) bar.emplace("responses", text.size());
        std::array<std::string_view, column_count + 1> fields;
        const std::size_t field_count = m_shared.layout.fields;
        std::size_t released = m_begin;
        std::size_t rows = 0;
        SeparatorScanner separators(text, m_begin, m_end);
        std::size_t at = m_begin;
        while (at < m_end) {
            std::size_t field = at;
            std::size_t count = 0;
            for (;;) {
                std::size_t separator = separators.next();
                if (separators.malformed() || count == field_count) return false;
                fields[count++] = text.substr(field, separator - field);
                const char ending = separator < m_end ? text[separator] : '\n';
                if (ending == ',') {
                    field = separator + 1;
                    continue;
                }
                if (ending == '\r') separator = separators.next();  // the line feed after it
                at = separator + 1;
                break;
            }
            if (count == 1 && fields[0].empty()) continue;  // a blank line, as the full reader skips it
            if (count != field_count || !take_row(fields)) return false;
            if ((++rows & 0x3FFFF) == 0) {
                if (m_shared.declined.load(std::memory_order_relaxed)) return false;
                const std::size_t offset = std::min(at, m_end);
                m_shared.bytes_read.fetch_add(offset - released, std::memory_order_relaxed);
                // Pages already parsed leave memory, unless a long label is still to be read from them.
                if (!m_keeps_pages) m_shared.file->release_range(released, offset);
                released = offset;
                if (bar) bar->update(m_shared.bytes_read.load(std::memory_order_relaxed));
            }
        }
        close_blocks();
        return true;
    }

    // The share's agencies by local index (without an agencies file; with one the index is the directory's).
    [[nodiscard]] const std::vector<std::string>& agency_ids() const { return m_agency_ids; }
    [[nodiscard]] const std::vector<Bucket>& buckets() const { return m_buckets; }

private:
    bool take_row(const std::array<std::string_view, column_count + 1>& fields) {
        const auto& position = m_shared.layout.position;
        const std::uint32_t agency = agency_of(util::trim(fields[position[agency_id]]));
        const auto kind = core::parse_instrument(util::trim(fields[position[instrument]]));
        const std::string_view label = util::trim(fields[position[respondent]]);
        if (agency == none || !kind || *kind == core::Instrument::oit || label.empty() || label.size() > max_label_bytes) return false;
        const auto part_index = part_of(fields, *kind);
        const std::uint32_t sub_item = sub_item_of(util::trim(fields[position[question]]));
        if (!part_index || sub_item == none) return false;
        const std::string_view text = util::trim(fields[position[answer]]);
        if (text.empty()) return true;  // not answered
        const AnswerSpec& spec = m_shared.specs[sub_item];
        if (spec.instrument != *kind) return false;
        const int option = answer_option(spec, text);
        if (option < 0) return false;

        // Written in place, field by field: a record put together on the stack and copied was
        // read back before its byte-sized stores had landed, a stall on every row.
        OpenBlock& open = m_open_blocks[agency];
        if (open.block == nullptr || open.count == RecordBlock::capacity) {
            if (open.block != nullptr) open.block->count = open.count;
            open.block = m_buckets[agency].emplace_back(m_pool.take());
            open.count = 0;
        }
        AnswerRecord& record = open.block->records[open.count++];
        record.sub_item = static_cast<std::uint16_t>(sub_item);
        record.option = static_cast<std::uint8_t>(option);
        record.part = *part_index;
        record.label_size = static_cast<std::uint8_t>(label.size());
        const std::uint64_t label_offset = static_cast<std::size_t>(label.data() - m_shared.text.data());
        if (label.size() > inline_label_bytes) {
            std::memcpy(record.label.data(), &label_offset, sizeof label_offset);
            m_keeps_pages = true;
        } else if (m_shared.text.size() - label_offset >= inline_label_bytes)
            std::memcpy(record.label.data(), label.data(), inline_label_bytes);  // what follows the label is ignored
        else
            std::memcpy(record.label.data(), label.data(), label.size());
        return true;
    }

    // Each open block's count is kept beside its pointer while rows come (one cache line for
    // many agencies) and written into the block when it is full or the share is read.
    void close_blocks() {
        for (const OpenBlock& open : m_open_blocks)
            if (open.block != nullptr) open.block->count = open.count;
    }

    std::uint32_t agency_of(std::string_view id) {
        if (m_last_agency != none && id == m_last_agency_id) return m_last_agency;
        if (id.empty()) return none;
        std::uint32_t index = m_agency_by_id.find(id);
        if (index == none) {
            index = new_agency(id);
            if (index == none) return none;
        }
        m_last_agency = index;
        m_last_agency_id = id;
        return index;
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
            m_buckets.emplace_back();
            m_open_blocks.emplace_back();
        }
        m_agency_by_id.add(id, index);
        return index;
    }

    std::uint32_t sub_item_of(std::string_view code) {
        if (const std::uint32_t known = m_sub_item_by_code.find(code); known != none) return known;
        const auto index = m_shared.methodology->sub_item_index(code);
        if (!index || *index > UINT16_MAX) return none;
        m_sub_item_by_code.add(code, static_cast<std::uint32_t>(*index));
        return static_cast<std::uint32_t>(*index);
    }

    // The row's EIT respondent part as the full reader takes it; nullopt for a problem.
    std::optional<std::uint8_t> part_of(const std::array<std::string_view, column_count + 1>& fields, core::Instrument kind) const {
        if (!m_shared.layout.has_part) return 0;
        const std::string_view code = util::trim(fields[m_shared.layout.position[part]]);
        if (code.empty()) return 0;
        const auto& parts = m_shared.methodology->eit_parts();
        if (parts.empty() || kind != core::Instrument::eit) return std::nullopt;
        const auto index = parts.index(code);
        if (!index || *index >= UINT8_MAX) return std::nullopt;
        return static_cast<std::uint8_t>(*index + 1);
    }

    Shared& m_shared;
    std::size_t m_begin;
    std::size_t m_end;
    bool m_draws_progress;
    bool m_keeps_pages = false;
    BlockPool m_pool;
    std::vector<Bucket> m_buckets;
    std::vector<std::string> m_agency_ids;
    struct OpenBlock {
        RecordBlock* block = nullptr;  // the last of the agency's bucket
        std::uint32_t count = 0;
    };
    std::vector<OpenBlock> m_open_blocks;  // per agency
    ShortTextIndex m_agency_by_id;
    ShortTextIndex m_sub_item_by_code;
    std::uint32_t m_last_agency = none;
    std::string_view m_last_agency_id;
};

// Where each share's rows begin and end: whole lines, about equal in bytes.
std::vector<std::pair<std::size_t, std::size_t>> shares_of(std::string_view text, std::size_t body, std::size_t count) {
    std::vector<std::pair<std::size_t, std::size_t>> shares;
    std::size_t begin = body;
    for (std::size_t share = 1; share <= count; ++share) {
        std::size_t end = share == count ? text.size() : body + (text.size() - body) * share / count;
        if (end < begin) end = begin;
        if (share != count) {
            const std::size_t line_end = text.find('\n', end);
            end = line_end == std::string_view::npos ? text.size() : line_end + 1;
        }
        shares.emplace_back(begin, end);
        begin = end;
    }
    return shares;
}

// The global index of each share's local agencies, in the order of first appearance in the
// file; fills `ids` with the agencies in that order (without an agencies file).
std::vector<std::vector<std::uint32_t>> number_agencies(const std::vector<ShareParser>& parsers, std::vector<std::string>& ids) {
    TextViewTable<std::uint32_t> index_by_id;
    std::vector<std::vector<std::uint32_t>> global_of_local;
    for (const auto& parser : parsers) {
        auto& numbers = global_of_local.emplace_back();
        for (const auto& id : parser.agency_ids()) {
            const auto [entry, added] = index_by_id.try_emplace(id, static_cast<std::uint32_t>(ids.size()));
            if (added) ids.push_back(id);
            numbers.push_back(entry->second);
        }
    }
    return global_of_local;
}

std::string_view label_of(const AnswerRecord& record, std::string_view text) {
    if (record.label_size <= inline_label_bytes) return {record.label.data(), record.label_size};
    std::uint64_t offset = 0;
    std::memcpy(&offset, record.label.data(), sizeof offset);
    return text.substr(offset, record.label_size);
}

}  // namespace

bool read_long_form_in_parallel(const std::string& path, ScoringInputs& inputs, unsigned threads) {
    auto file = util::MappedFile::open(path);
    if (!file) return false;
    Shared shared;
    shared.text = file->text();
    shared.file = &*file;
    const auto layout = long_form_layout(shared.text);
    // Wide form, another header, or no line end at all: the full reader's to read or refuse.
    if (!layout) return false;
    shared.layout = *layout;
    shared.methodology = &inputs.methodology();
    shared.specs = answer_specs(inputs.methodology());
    shared.has_directory = inputs.has_directory();
    if (shared.has_directory)
        for (std::size_t index = 0; index < inputs.inputs().size(); ++index)
            shared.directory.emplace(inputs.inputs()[index].agency_id, static_cast<std::uint32_t>(index));

    // One share per core; a file under a few MB is not worth a thread.
    constexpr std::size_t bytes_per_thread = std::size_t{4} << 20;
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    const std::size_t thread_count =
        threads > 0 ? threads : std::clamp<std::size_t>((shared.text.size() - layout->body) / bytes_per_thread, 1, cores);
    std::vector<ShareParser> parsers;
    for (const auto& [begin, end] : shares_of(shared.text, layout->body, thread_count))
        parsers.emplace_back(shared, begin, end, parsers.empty());
    const auto run_on_threads = [&](auto&& work) {
        std::vector<std::jthread> workers;
        for (std::size_t worker = 1; worker < thread_count; ++worker) workers.emplace_back([&, worker] { work(worker); });
        work(0);
    };
    run_on_threads([&](std::size_t share) {
        if (!parsers[share].parse()) shared.declined = true;
    });
    if (shared.declined) return false;

    // The agencies are numbered as the full reader numbers them: the directory's, else in
    // order of first appearance. Each thread scores whole agencies into its own inputs.
    std::vector<std::string> ids;
    const auto global_of_local = number_agencies(parsers, ids);
    const std::size_t agency_count = shared.has_directory ? shared.directory.size() : ids.size();
    std::vector<std::vector<std::int64_t>> local_of_global(parsers.size(), std::vector<std::int64_t>(agency_count, -1));
    for (std::size_t share = 0; share < parsers.size(); ++share)
        for (std::size_t local = 0; local < parsers[share].buckets().size(); ++local)
            local_of_global[share][shared.has_directory ? local : global_of_local[share][local]] = static_cast<std::int64_t>(local);
    struct alignas(64) Partial {
        ScoringInputs inputs;
    };
    std::vector<Partial> partials;
    for (std::size_t worker = 0; worker < thread_count; ++worker) {
        partials.push_back(Partial{inputs.same_agencies()});
        for (const auto& id : ids) (void)partials.back().inputs.agency(id);
    }
    std::atomic<std::size_t> next_agency{0};
    run_on_threads([&](std::size_t worker) {
        ScoringInputs& out = partials[worker].inputs;
        for (std::size_t agency = next_agency++; agency < agency_count && !shared.declined; agency = next_agency++) {
            for (std::size_t share = 0; share < parsers.size(); ++share) {
                const std::int64_t local = local_of_global[share][agency];
                if (local < 0) continue;
                for (const auto& block : parsers[share].buckets()[static_cast<std::size_t>(local)])
                    for (std::size_t index = 0; index < block->count; ++index) {
                        const AnswerRecord& record = block->records[index];
                        const AnswerSpec& spec = shared.specs[record.sub_item];
                        const auto who = out.respondent(agency, spec.instrument, label_of(record, shared.text), record.part);
                        // A respondent in two parts, or answering twice: the full reader says where.
                        if (who.part != record.part || out.record_answer(who, record.sub_item, spec.points[record.option]) ==
                                                           ScoringInputs::AnswerOutcome::duplicate) {
                            shared.declined = true;
                            return;
                        }
                    }
            }
        }
    });
    if (shared.declined || file->changed()) return false;
    // The partials hold different agencies, and `inputs` none of their respondents: nothing can clash.
    for (auto& partial : partials)
        if (!inputs.merge(std::move(partial.inputs), path)) return false;
    return true;
}

}  // namespace ita::ingest
