#include <ita/util/csv_reader.hpp>

#include <emmintrin.h>

#include <bit>
#include <cstring>

namespace ita::util {

namespace {
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
}

CsvReader::CsvReader(std::string_view text) : m_text(text) {
    if (m_text.starts_with(utf8_bom)) m_position = utf8_bom.size();
}

void CsvReader::fail(std::string message) {
    if (!m_problem) m_problem = CsvProblem{m_record_line, m_spans.size(), std::move(message)};
}

void CsvReader::skip_to_line_end() {
    while (m_position < m_text.size() && m_text[m_position] != '\n') ++m_position;
}

void CsvReader::read_plain_field(FieldSpan& span) {
    const std::size_t begin = m_position;
    while (m_position < m_text.size()) {
        const char c = m_text[m_position];
        if (c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
            fail("a quote (\") inside a field that does not start with a quote");
            skip_to_line_end();
            break;
        }
        ++m_position;
    }
    span = FieldSpan{begin, m_position - begin, false};
}

bool CsvReader::read_quoted_field(FieldSpan& span) {
    const std::size_t opening_line = m_line;
    ++m_position;  // opening quote
    const std::size_t begin = m_position;
    bool escaped = false;
    while (m_position < m_text.size()) {
        const char c = m_text[m_position];
        if (c == '"') {
            if (m_position + 1 < m_text.size() && m_text[m_position + 1] == '"') {
                escaped = true;
                m_position += 2;
                continue;
            }
            break;
        }
        if (c == '\n') ++m_line;
        ++m_position;
    }
    if (m_position >= m_text.size()) {
        fail("a quoted field opened on line " + std::to_string(opening_line) + " is never closed");
        span = FieldSpan{begin, m_text.size() - begin, false};
        return false;
    }
    const std::size_t end = m_position;
    ++m_position;  // closing quote
    if (!escaped) {
        span = FieldSpan{begin, end - begin, false};
    } else {
        const std::size_t scratch_begin = m_scratch.size();
        for (std::size_t index = begin; index < end; ++index) {
            m_scratch.push_back(m_text[index]);
            if (m_text[index] == '"') ++index;  // the second quote of a doubled pair
        }
        span = FieldSpan{scratch_begin, m_scratch.size() - scratch_begin, true};
    }
    if (m_position < m_text.size()) {
        const char after = m_text[m_position];
        if (after != ',' && after != '\n' && after != '\r') {
            fail("text after the closing quote of a field");
            skip_to_line_end();
        }
    }
    return true;
}

bool CsvReader::read_simple_line() {
    // Most lines hold no quote at all: split them in one pass, without spans or scratch.
    const char* begin = m_text.data() + m_position;
    const char* end = m_text.data() + m_text.size();
    const char* line_end = static_cast<const char*>(std::memchr(begin, '\n', static_cast<std::size_t>(end - begin)));
    if (!line_end) line_end = end;
    if (std::memchr(begin, '"', static_cast<std::size_t>(line_end - begin))) return false;
    const char* content_end = (line_end > begin && line_end[-1] == '\r') ? line_end - 1 : line_end;
    const char* field = begin;
    const char* cursor = begin;
    // Sixteen bytes at a time (SSE2, every x86-64 has it): a wide responses row is a hundred
    // short fields, and a branch per byte was a tenth of scoring a nation's files.
    const __m128i comma = _mm_set1_epi8(',');
    for (; cursor + 16 <= content_end; cursor += 16) {
        auto commas =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(cursor)), comma)));
        for (; commas != 0; commas &= commas - 1) {
            const char* at = cursor + std::countr_zero(commas);
            m_fields.emplace_back(field, static_cast<std::size_t>(at - field));
            field = at + 1;
        }
    }
    for (; cursor < content_end; ++cursor) {
        if (*cursor == ',') {
            m_fields.emplace_back(field, static_cast<std::size_t>(cursor - field));
            field = cursor + 1;
        }
    }
    m_fields.emplace_back(field, static_cast<std::size_t>(content_end - field));
    m_position = static_cast<std::size_t>(line_end - m_text.data());
    if (line_end < end) {
        ++m_position;
        ++m_line;
    }
    return true;
}

bool CsvReader::next() {
    m_problem.reset();
    m_spans.clear();
    m_fields.clear();
    m_scratch.clear();
    // Blank lines between records are skipped.
    while (m_position < m_text.size() && (m_text[m_position] == '\n' || m_text[m_position] == '\r')) {
        if (m_text[m_position] == '\n') ++m_line;
        ++m_position;
    }
    if (m_position >= m_text.size()) return false;
    m_record_line = m_line;
    m_record_start = m_position;
    if (read_simple_line()) return true;
    while (true) {
        FieldSpan span{};
        if (m_position < m_text.size() && m_text[m_position] == '"') {
            if (!read_quoted_field(span)) {
                m_spans.push_back(span);
                break;
            }
        } else {
            read_plain_field(span);
        }
        m_spans.push_back(span);
        if (m_position >= m_text.size()) break;
        const char c = m_text[m_position];
        if (c == ',') {
            ++m_position;
            continue;
        }
        if (c == '\r') ++m_position;
        if (m_position < m_text.size() && m_text[m_position] == '\n') {
            ++m_position;
            ++m_line;
        }
        break;
    }
    m_fields.reserve(m_spans.size());
    for (const auto& span : m_spans) {
        const std::string_view source = span.in_scratch ? std::string_view(m_scratch) : m_text;
        m_fields.push_back(source.substr(span.begin, span.length));
    }
    return true;
}

}  // namespace ita::util
