// Indexes the separators of a long-form CSV share and checks it is UTF-8 on the way.
// Internal to ingest.
#pragma once

#include <ita/util/text.hpp>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

namespace ita::ingest {

// Indexes a share a chunk of whole lines at a time, as simdjson finds JSON's structure: 64
// bytes at a time with SSE2 compares, every ',' and '\n' written to an array of offsets, eight
// at a time with no branch per separator. Rows then take their fields from the array with no
// branch that depends on where a separator falls (a scanner handing out one separator at a
// time mispredicted at every block end in a file in no order). A quote, a CR not ending a
// line or bytes that are not UTF-8 mark the share as one for the full reader, which says where.
class SeparatorIndex {
public:
    static constexpr std::uint32_t line_feed = std::uint32_t{1} << 31;  // flags a line feed's offset

    SeparatorIndex(std::string_view text, std::size_t begin, std::size_t end) : m_text(text), m_at(begin), m_end(end) {}

    // Indexes the next chunk of whole lines; false at the share's end. The chunk's last
    // separator is a line feed (the share's end stands for one when the file has none there).
    bool next_chunk() {
        if (m_at >= m_end) return false;
        const std::size_t begin = m_at;
        std::size_t end = m_end;
        if (m_end - begin > chunk_bytes) {
            const std::size_t line_end = m_text.find('\n', begin + chunk_bytes - 1);
            end = line_end == std::string_view::npos || line_end >= m_end ? m_end : line_end + 1;
        }
        m_at = end;
        m_begin = begin;
        m_count = 0;
        if (end - begin >= line_feed) {  // a line of 2 GB: not answers
            m_malformed = true;
            return true;
        }
        if (m_capacity < end - begin + 9) {
            m_capacity = end - begin + 9;  // at most one separator a byte, the share's end, and eight written past the last
            m_offsets = std::make_unique_for_overwrite<std::uint32_t[]>(m_capacity);
        }
        bool ascii = true;
        for (std::size_t block = begin; block < end; block += 64) index_block(block, end, ascii);
        if (!ascii && util::invalid_utf8_at(m_text.substr(begin, end - begin))) m_malformed = true;
        if (end == m_text.size() && m_text[end - 1] != '\n') m_offsets[m_count++] = static_cast<std::uint32_t>(end - begin) | line_feed;
        return true;
    }

    [[nodiscard]] std::size_t chunk_begin() const { return m_begin; }
    // Offsets from chunk_begin(), in order; line feeds flagged with `line_feed`.
    [[nodiscard]] std::span<const std::uint32_t> separators() const { return {m_offsets.get(), m_count}; }
    [[nodiscard]] bool malformed() const { return m_malformed; }

private:
    static constexpr std::size_t chunk_bytes = std::size_t{64} << 10;

    void index_block(std::size_t block, std::size_t end, bool& ascii) {
        alignas(16) std::array<char, 64> copy{};
        const char* bytes = m_text.data() + block;
        if (block + 64 > m_text.size()) {  // never read past the mapping
            std::memcpy(copy.data(), bytes, m_text.size() - block);
            bytes = copy.data();
        }
        __m128i chunks[4];  // NOLINT(cppcoreguidelines-avoid-c-arrays): std::array drops the vector type's alignment attribute
        for (std::size_t part = 0; part < 4; ++part) chunks[part] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * part));
        const std::uint64_t in_chunk = end - block >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (end - block)) - 1;
        const std::uint64_t line_feeds = equal_bits(chunks, '\n') & in_chunk;
        std::uint64_t separators = (equal_bits(chunks, ',') & in_chunk) | line_feeds;
        const std::uint64_t returns = equal_bits(chunks, '\r') & in_chunk;
        if ((equal_bits(chunks, '"') & in_chunk) != 0) m_malformed = true;
        if (returns != 0) check_returns(block, returns, line_feeds);
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(chunks[0], chunks[1]), _mm_or_si128(chunks[2], chunks[3]))) != 0) ascii = false;

        const auto base = static_cast<std::uint32_t>(block - m_begin);
        std::uint32_t* out = m_offsets.get() + m_count;
        m_count += in_chunk == ~std::uint64_t{0} ? count_separators(chunks) : static_cast<std::size_t>(std::popcount(separators));
        while (separators != 0) {
            for (int each = 0; each < 8; ++each) {  // past the last, countr_zero is 64: written, never counted
                const auto bit = static_cast<unsigned>(std::countr_zero(separators));
                *out++ = (base + bit) | (static_cast<std::uint32_t>((line_feeds >> (bit & 63)) & 1) << 31);
                separators &= separators - 1;
            }
        }
    }

    // A CR is allowed only before a line feed.
    void check_returns(std::size_t block, std::uint64_t returns, std::uint64_t line_feeds) {
        for (; returns != 0; returns &= returns - 1) {
            const auto bit = static_cast<unsigned>(std::countr_zero(returns));
            const bool before_line_feed =
                bit < 63 ? ((line_feeds >> (bit + 1)) & 1) != 0 : block + 64 < m_text.size() && m_text[block + 64] == '\n';
            if (!before_line_feed && block + bit + 1 != m_text.size()) m_malformed = true;
        }
    }

    // How many commas and line feeds a whole block holds, counted in SSE2 (the build targets
    // every x86-64, whose std::popcount is a library call).
    static std::size_t count_separators(const __m128i (&chunks)[4]) {  // NOLINT(cppcoreguidelines-avoid-c-arrays)
        const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n'), one = _mm_set1_epi8(1);
        __m128i ones = _mm_setzero_si128();  // 1 in each byte that is a separator, summed over the four parts
        for (std::size_t part = 0; part < 4; ++part)
            ones = _mm_add_epi8(
                ones, _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(chunks[part], comma), _mm_cmpeq_epi8(chunks[part], newline)), one));
        const __m128i sums = _mm_sad_epu8(ones, _mm_setzero_si128());
        return static_cast<std::size_t>(_mm_cvtsi128_si64(sums) + _mm_extract_epi16(sums, 4));
    }

    static std::uint64_t equal_bits(const __m128i (&chunks)[4], char wanted) {  // NOLINT(cppcoreguidelines-avoid-c-arrays)
        const __m128i pattern = _mm_set1_epi8(wanted);
        std::uint64_t bits = 0;
        for (std::size_t part = 0; part < 4; ++part)
            bits |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunks[part], pattern)))} << (16 * part);
        return bits;
    }

    std::string_view m_text;
    std::size_t m_at;
    std::size_t m_end;
    std::size_t m_begin = 0;
    std::unique_ptr<std::uint32_t[]> m_offsets;  // NOLINT(cppcoreguidelines-avoid-c-arrays): written eight at a time past the end
    std::size_t m_capacity = 0;
    std::size_t m_count = 0;
    bool m_malformed = false;
};

}  // namespace ita::ingest
