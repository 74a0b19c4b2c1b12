// What the long-form reader keeps of each answer of a file in no order between reading it and
// scoring it, and the memory it keeps them in. Internal to ingest.
#pragma once

#include <ita/ingest/short_text.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <vector>

#include <sys/mman.h>

namespace ita::ingest {

// One answer in 16 bytes, for any file: the respondent's label inline when short, else its
// offset in the file (whose pages are then kept).
struct WideRecord {
    static constexpr std::size_t inline_label_bytes = 7;
    static constexpr std::size_t max_label_bytes = 255;

    std::uint32_t agency_index;  // the share's own index of the agency
    std::uint16_t sub_item_index;
    std::uint8_t option_index;
    std::uint8_t part_index;  // as ScoringInputs::Respondent::part
    std::uint8_t label_size;
    std::array<char, inline_label_bytes> label_bytes;

    // Fills `record` from a row's values; `text` is the whole file. Never refuses a row.
    static bool write(WideRecord& record, std::uint32_t agency, std::uint32_t sub_item, int option, int part, std::string_view label,
                      std::string_view text, bool& keeps_pages) {
        // Written field by field: a record put together on the stack and copied was read back
        // before its byte-sized stores had landed, a stall on every row.
        record.agency_index = agency;
        record.sub_item_index = static_cast<std::uint16_t>(sub_item);
        record.option_index = static_cast<std::uint8_t>(option);
        record.part_index = static_cast<std::uint8_t>(part);
        record.label_size = static_cast<std::uint8_t>(label.size());
        const std::uint64_t offset = static_cast<std::uint64_t>(label.data() - text.data());
        if (label.size() > inline_label_bytes) {
            std::memcpy(record.label_bytes.data(), &offset, inline_label_bytes);  // files under 2^56 bytes
            keeps_pages = true;
        } else if (text.size() - offset >= inline_label_bytes)
            std::memcpy(record.label_bytes.data(), label.data(), inline_label_bytes);  // what follows the label is ignored
        else
            std::memcpy(record.label_bytes.data(), label.data(), label.size());
        return true;
    }

    [[nodiscard]] std::uint32_t agency() const { return agency_index; }
    [[nodiscard]] std::uint32_t sub_item() const { return sub_item_index; }
    [[nodiscard]] std::uint32_t option() const { return option_index; }
    [[nodiscard]] std::uint8_t part() const { return part_index; }
    // The label as one integer (its size byte and bytes, what followed it masked off); 0 for a
    // label kept as an offset, which is looked up by its text.
    [[nodiscard]] std::uint64_t label_key() const {
        if (label_size > inline_label_bytes) return 0;
        std::uint64_t key = 0;
        std::memcpy(&key, &label_size, sizeof key);
        const unsigned kept_bits = 8 * (label_size + 1u);
        return kept_bits == 64 ? key : key & ((std::uint64_t{1} << kept_bits) - 1);
    }
    [[nodiscard]] std::string_view label(std::string_view text, std::array<char, 8>& /*buffer*/) const {
        if (label_size <= inline_label_bytes) return {label_bytes.data(), label_size};
        std::uint64_t offset = 0;
        std::memcpy(&offset, label_bytes.data(), inline_label_bytes);
        return text.substr(offset, label_size);
    }
};
static_assert(sizeof(WideRecord) == 16);

// One answer in 8 bytes, for the usual file: fewer than 65,536 agencies, 1,024 sub-items and
// 31 EIT parts, and respondents labelled by numbers of up to seven digits. Half the memory of
// a WideRecord: the pages a nation's records take cost a tenth of the time in the kernel.
struct CompactRecord {
    std::uint64_t bits;  // label value 24 | label digits 3 | part 5 | option 2 | sub-item 10 | agency 16

    static constexpr std::uint32_t max_agencies = 1U << 16, max_sub_items = 1U << 10, max_parts = (1U << 5) - 1;

    // Fills `record` from a row's values; false when they do not fit (another label, say).
    static bool write(CompactRecord& record, std::uint32_t agency, std::uint32_t sub_item, int option, int part, std::string_view label,
                      std::string_view text, bool& /*keeps_pages*/) {
        const std::uint32_t value = digits_value(label, text);
        if (value == not_digits || agency >= max_agencies || sub_item >= max_sub_items || part > static_cast<int>(max_parts)) return false;
        record.bits = value | (std::uint64_t{label.size()} << 24) | (std::uint64_t(part) << 27) | (std::uint64_t(option) << 32) |
                      (std::uint64_t{sub_item} << 34) | (std::uint64_t{agency} << 44);
        return true;
    }

    [[nodiscard]] std::uint32_t agency() const { return static_cast<std::uint32_t>(bits >> 44); }
    [[nodiscard]] std::uint32_t sub_item() const { return static_cast<std::uint32_t>((bits >> 34) & 0x3FF); }
    [[nodiscard]] std::uint32_t option() const { return static_cast<std::uint32_t>((bits >> 32) & 3); }
    [[nodiscard]] std::uint8_t part() const { return static_cast<std::uint8_t>((bits >> 27) & 0x1F); }
    [[nodiscard]] std::uint64_t label_key() const { return bits & 0x7FFFFFF; }  // never 0: a label has a digit
    [[nodiscard]] std::string_view label(std::string_view /*text*/, std::array<char, 8>& buffer) const {
        const auto digits = static_cast<std::size_t>((bits >> 24) & 7);
        auto value = static_cast<std::uint32_t>(bits & 0xFFFFFF);
        for (std::size_t at = digits; at-- > 0; value /= 10) buffer[at] = static_cast<char>('0' + value % 10);
        return {buffer.data(), digits};
    }

private:
    static constexpr std::uint32_t not_digits = UINT32_MAX;
    // The value of a label of one to seven ASCII digits (leading zeros kept by its size), eight
    // bytes at a time: label sizes vary at random in a file in no order, and a loop per digit
    // mispredicted on them.
    static std::uint32_t digits_value(std::string_view label, std::string_view text) {
        const std::size_t size = label.size();
        if (size == 0 || size > 7) return not_digits;
        if (static_cast<std::size_t>(text.data() + text.size() - label.data()) < 8) {  // the file's last bytes
            std::uint32_t value = 0;
            for (const char c : label) {
                if (c < '0' || c > '9') return not_digits;
                value = value * 10 + static_cast<std::uint32_t>(c - '0');
            }
            return value;
        }
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, label.data(), 8);
        const unsigned dropped = static_cast<unsigned>(8 - size) * 8;  // the label's bytes to the top, zeros below
        chunk <<= dropped;
        const std::uint64_t kept = ~std::uint64_t{0} << dropped;
        const std::uint64_t digits = chunk - (0x3030303030303030ULL & kept);
        if ((((digits + 0x7676767676767676ULL) | digits) & 0x8080808080808080ULL & kept) != 0) return not_digits;
        // Eight digits at once (Lemire): pairs, then fours, then the whole.
        std::uint64_t value = digits * 10 + (digits >> 8);
        value = (((value & 0x000000FF000000FFULL) * 0x000F424000000064ULL) +
                 (((value >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >>
                32;
        return static_cast<std::uint32_t>(value);
    }
};
static_assert(sizeof(CompactRecord) == 8);

// A share's records of one partition, in blocks of 4 KiB; all full but a partition's last.
template <typename Record>
struct alignas(64) RecordBlock {
    static constexpr std::size_t capacity = 4096 / sizeof(Record);
    std::array<Record, capacity> records;  // not initialised: written by the parser
};

// Hands out a share's blocks from 16 MiB slabs mapped with their pages in place: taking 4 KiB
// at a time from malloc grew each thread's heap a page at a time under the address-space lock,
// and a page fault for each of a nation's 160,000 pages of records was a fifth of the time.
class BlockPool {
public:
    BlockPool() = default;
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;
    BlockPool(BlockPool&& other) noexcept : m_slabs(std::move(other.m_slabs)), m_used(other.m_used) { other.m_slabs.clear(); }
    BlockPool& operator=(BlockPool&&) = delete;
    ~BlockPool() {
        for (void* slab : m_slabs) ::munmap(slab, slab_bytes);  // blocks are trivially destructible
    }

    template <typename Record>
    RecordBlock<Record>* take() {
        static_assert(sizeof(RecordBlock<Record>) == block_bytes);
        if (m_used == slab_blocks) {
            void* memory = ::mmap(nullptr, slab_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
            if (memory == MAP_FAILED) throw std::bad_alloc();
            m_slabs.push_back(memory);
            m_used = 0;
        }
        return new (static_cast<char*>(m_slabs.back()) + block_bytes * m_used++) RecordBlock<Record>;
    }

private:
    static constexpr std::size_t block_bytes = 4096;
    static constexpr std::size_t slab_bytes = std::size_t{16} << 20;
    static constexpr std::size_t slab_blocks = slab_bytes / block_bytes;
    std::vector<void*> m_slabs;
    std::size_t m_used = slab_blocks;
};

// The respondents one thread met in one partition, by agency, instrument and label key as
// integers: a file in no order looks a respondent up for every answer, and hashing and
// comparing the label's text in the agency's book was the scoring's largest cost.
class RespondentCache {
public:
    struct Entry {
        std::uint64_t agency_and_instrument = 0;
        std::uint64_t label = 0;  // 0: a free slot
        std::uint32_t slot = 0;
        std::uint8_t part = 0;
    };
    RespondentCache() : m_slots(1024) {}

    // The entry for the key, free (label 0) when the respondent is not cached yet.
    Entry& find(std::uint64_t agency_and_instrument, std::uint64_t label) {
        if (2 * (m_count + 1) > m_slots.size()) grow();
        std::size_t at = slot_of(agency_and_instrument, label);
        for (;; at = (at + 1) & (m_slots.size() - 1)) {
            Entry& entry = m_slots[at];
            if (entry.label == 0 || (entry.label == label && entry.agency_and_instrument == agency_and_instrument)) return entry;
        }
    }
    void filled() { ++m_count; }  // after a free entry returned by find() was filled
    void clear() {
        if (m_count == 0) return;
        std::fill(m_slots.begin(), m_slots.end(), Entry{});
        m_count = 0;
    }

private:
    [[nodiscard]] std::size_t slot_of(std::uint64_t agency_and_instrument, std::uint64_t label) const {
        return static_cast<std::size_t>(((label ^ (agency_and_instrument * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }
    void grow() {
        std::vector<Entry> old(m_slots.size() * 2);
        old.swap(m_slots);
        --m_shift;
        for (const Entry& entry : old)
            if (entry.label != 0) {
                std::size_t at = slot_of(entry.agency_and_instrument, entry.label);
                while (m_slots[at].label != 0) at = (at + 1) & (m_slots.size() - 1);
                m_slots[at] = entry;
            }
    }
    std::vector<Entry> m_slots;  // a power of two, at most half full
    unsigned m_shift = 64 - 10;
    std::size_t m_count = 0;
};

}  // namespace ita::ingest
