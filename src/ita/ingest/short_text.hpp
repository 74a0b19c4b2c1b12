// Short texts (agency ids, question codes, respondent labels) as one integer, and tables that look them
// up on every row of a national file. Internal to ingest.
#pragma once

#include <ita/ingest/text_table.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace ita::ingest {

// Look-ups answer `none` rather than an empty std::optional, which GCC 12 builds in memory
// with two stores and reads back with one load: a store-forwarding stall on every row.
inline constexpr std::uint32_t none = UINT32_MAX;

// Texts of up to seven bytes as one integer: the bytes in place (zeros above them) and the
// length in the top byte; 0 only for the empty text.
inline constexpr std::size_t short_text_bytes = 7;
constexpr std::uint64_t short_key(std::string_view text) {
    std::uint64_t number = std::uint64_t{text.size()} << 56;
    for (std::size_t at = 0; at < text.size(); ++at) number |= std::uint64_t{static_cast<unsigned char>(text[at])} << (8 * at);
    return number;
}
// The same for a text of up to seven bytes inside a file that ends at `end`: one load and a
// mask, with no branch on the text's length (which varies at random row to row in a file in no
// order: a branch on it mispredicted).
[[gnu::always_inline]] inline std::uint64_t short_key_in(std::string_view text, const char* end) {
    if (end - text.data() < 8) [[unlikely]]
        return short_key(text);
    std::uint64_t word = 0;
    std::memcpy(&word, text.data(), sizeof word);
    const auto size = static_cast<unsigned>(text.size());
    return (word & ((std::uint64_t{1} << (8 * size)) - 1)) | (std::uint64_t{size} << 56);
}

// Numbers by short text (agency ids, question codes), looked up on every row. Short texts are
// keyed by their integer in an open-addressing table of its own (a multiply for a hash, one
// compare for a hit: Abseil's general table was an eighth of a shuffled file's time); longer
// ones by the text. Keys and values sit in two arrays, so that a hit waits on one load from
// memory (the value's is asked for at once) and a nation's agencies take 384 KB, not 512.
class ShortTextIndex {
public:
    ShortTextIndex() : m_keys(16, 0), m_values(16, none) {}

    [[nodiscard]] std::uint32_t find(std::string_view text) const {
        if (text.size() <= short_text_bytes) return find_short(short_key(text));
        const auto found = m_by_text.find(text);
        return found == m_by_text.end() ? none : found->second;
    }
    // `key` is short_key of a text of up to seven bytes.
    [[nodiscard]] std::uint32_t find_short(std::uint64_t key) const {
        for (std::size_t at = slot_of(key);; at = (at + 1) & (m_keys.size() - 1)) {
            const std::uint64_t slot_key = m_keys[at];
            if (slot_key == key) return m_values[at];
            if (slot_key == 0) return none;
        }
    }
    void add(std::string_view text, std::uint32_t value) {
        if (text.size() > short_text_bytes) {
            m_by_text.emplace(std::string(text), value);
            return;
        }
        const std::uint64_t key = short_key(text);
        if (key == 0 || find_short(key) != none) return;  // the empty text is never found; the first value stays
        if (2 * (m_count + 1) > m_keys.size()) grow();
        place(key, value);
        ++m_count;
    }

private:
    [[nodiscard]] std::size_t slot_of(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }
    void place(std::uint64_t key, std::uint32_t value) {
        std::size_t at = slot_of(key);
        while (m_keys[at] != 0) at = (at + 1) & (m_keys.size() - 1);
        m_keys[at] = key;
        m_values[at] = value;
    }
    void grow() {
        std::vector<std::uint64_t> keys(m_keys.size() * 2, 0);
        std::vector<std::uint32_t> values(m_keys.size() * 2, none);
        keys.swap(m_keys);
        values.swap(m_values);
        --m_shift;
        for (std::size_t slot = 0; slot < keys.size(); ++slot)
            if (keys[slot] != 0) place(keys[slot], values[slot]);
    }
    std::vector<std::uint64_t> m_keys;  // 0 for a free slot; a power of two, at most half full
    std::vector<std::uint32_t> m_values;
    unsigned m_shift = 64 - 4;
    std::size_t m_count = 0;
    TextTable<std::uint32_t> m_by_text;
};

// A fixed set of short texts mapped to values with no two in one slot (a multiplier is tried
// until none collide), so that looking up a text of the set is one multiply, one load and one
// compare, and never a mispredicted branch on a file in no order. A text outside the set is
// not found; the caller asks a general table then.
class PerfectShortTable {
public:
    PerfectShortTable() = default;
    // Keys are short_key of texts of up to seven bytes, none of them twice.
    explicit PerfectShortTable(std::span<const std::pair<std::uint64_t, std::uint32_t>> entries) {
        std::uint64_t seed = 0x243F6A8885A308D3ULL;
        for (auto bits = static_cast<unsigned>(std::bit_width(entries.size() * 2)); bits <= 16; ++bits)
            for (int attempt = 0; attempt < 64; ++attempt) {
                seed += 0x9E3779B97F4A7C15ULL;  // splitmix64
                std::uint64_t multiplier = seed;
                multiplier = (multiplier ^ (multiplier >> 30)) * 0xBF58476D1CE4E5B9ULL;
                multiplier = (multiplier ^ (multiplier >> 27)) * 0x94D049BB133111EBULL;
                multiplier = (multiplier ^ (multiplier >> 31)) | 1;
                if (try_fill(entries, bits, multiplier)) return;
            }
        m_slots.assign(1, Slot{});  // none found (never seen): every look-up misses, which is still right
        m_shift = 63;
        m_multiplier = 0;
    }

    [[nodiscard]] std::uint32_t find(std::uint64_t key) const {
        const Slot& slot = m_slots[(key * m_multiplier) >> m_shift];
        return slot.key == key ? slot.value : none;
    }

private:
    struct Slot {
        std::uint64_t key = 0;  // 0, the empty text's key, for a free slot
        std::uint32_t value = none;
    };
    bool try_fill(std::span<const std::pair<std::uint64_t, std::uint32_t>> entries, unsigned bits, std::uint64_t multiplier) {
        std::vector<Slot> slots(std::size_t{1} << bits);
        for (const auto& [key, value] : entries) {
            Slot& slot = slots[(key * multiplier) >> (64 - bits)];
            if (slot.key != 0 || key == 0) return false;
            slot = {key, value};
        }
        m_slots = std::move(slots);
        m_shift = 64 - bits;
        m_multiplier = multiplier;
        return true;
    }
    std::vector<Slot> m_slots{Slot{}};
    unsigned m_shift = 63;
    std::uint64_t m_multiplier = 0;
};

}  // namespace ita::ingest
