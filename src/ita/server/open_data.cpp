#include <ita/server/open_data.hpp>

#include <ita/report/rank_outputs.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/report/svg_chart.hpp>
#include <ita/report/xlsx_writer.hpp>
#include <ita/util/csv_writer.hpp>
#include <ita/util/decimal.hpp>

#include <unistd.h>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace ita::server {

namespace {

// An ostream's buffer that hands every 16 KiB to a BodyWriter.
class WriterBuffer : public std::streambuf {
public:
    explicit WriterBuffer(const BodyWriter& write) : m_write(write) { setp(m_buffer.data(), m_buffer.data() + m_buffer.size()); }
    ~WriterBuffer() override { hand_over(); }

protected:
    int_type overflow(int_type c) override {
        hand_over();
        if (c != traits_type::eof()) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override {
        hand_over();
        return 0;
    }

private:
    void hand_over() {
        if (pptr() > pbase()) m_write(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
        setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    }
    const BodyWriter& m_write;
    std::array<char, 16384> m_buffer{};
};

void stream_xlsx(const service::PublishedYear& year, const BodyWriter& write) {
    char pattern[] = "/tmp/ita-data-XXXXXX";
    const int descriptor = ::mkstemp(pattern);
    if (descriptor < 0) return;
    ::close(descriptor);
    const std::string path = pattern;
    if (report::write_rank_xlsx(year.ranks, path)) {
        std::ifstream in(path, std::ios::binary);
        std::array<char, 65536> chunk{};
        while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0)
            write(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
    }
    std::filesystem::remove(path);
}

}  // namespace

const char* content_type_of(DataFormat format) {
    switch (format) {
        case DataFormat::csv: return "text/csv; charset=utf-8";
        case DataFormat::json: return "application/json";
        case DataFormat::xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "application/octet-stream";
}

void write_national_scores(const service::PublishedYear& year, DataFormat format, const BodyWriter& write) {
    if (format == DataFormat::xlsx) return stream_xlsx(year, write);
    WriterBuffer buffer(write);
    std::ostream out(&buffer);
    if (format == DataFormat::csv) {
        out << "\xEF\xBB\xBF";  // so that Excel opens Thai text as UTF-8
        report::write_rank_csv(out, year.methodology, year.ranks);
    } else {
        report::write_rank_json(out, year.methodology, year.ranks);
    }
    out.flush();
}

std::string agency_scores_csv(const service::PublishedYear& year, std::size_t agency) {
    const auto& methodology = year.methodology;
    const auto& scores = year.scored[agency].scores;
    std::ostringstream out;
    out << "\xEF\xBB\xBF";
    util::CsvWriter csv(out);
    csv.field("agency_id").field("level").field("code").field("score").end_row();
    const auto row = [&](const char* level, const std::string& code, const core::Score& score) {
        if (score) csv.field(scores.agency_id).field(level).field(code).field(util::format_shortest(*score)).end_row();
    };
    row("overall", "overall", scores.overall);
    for (const auto instrument : core::all_instruments)
        row("instrument", std::string(core::instrument_code(instrument)), scores.instruments[static_cast<std::size_t>(instrument)]);
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index)
        row("indicator", std::to_string(methodology.indicators[index].number), scores.indicators[index]);
    for (std::size_t index = 0; index < methodology.questions.size(); ++index)
        row("question", methodology.questions[index].code, scores.questions[index]);
    return out.str();
}

std::string agency_scores_json(const service::PublishedYear& year, std::size_t agency) {
    return report::agency_scores_json(year.methodology, year.scored[agency]) + "\n";
}

std::string score_badge_svg(const service::PublishedYear* year, std::optional<std::size_t> agency) {
    std::string label = "ITA", value = "ยังไม่มีผล", colour = "#6b7280";
    if (year && agency) {
        const auto& scores = year->scored[*agency].scores;
        label = "ITA " + std::to_string(year->fiscal_year());
        if (scores.overall) {
            value = util::format_fixed(*scores.overall) + (scores.pass && *scores.pass ? " ผ่าน" : " ไม่ผ่าน");
            colour = scores.pass && *scores.pass ? "#2e7d32" : "#b3261e";
        }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"220\" height=\"28\" role=\"img\" aria-label=\"" +
           report::escape_html(label + ": " + value) + "\"><title>" + report::escape_html(label + ": " + value) +
           "</title><rect width=\"90\" height=\"28\" rx=\"4\" fill=\"#1f2937\"/>"
           "<rect x=\"86\" width=\"134\" height=\"28\" rx=\"4\" fill=\"" +
           colour + "\"/><rect x=\"86\" width=\"8\" height=\"28\" fill=\"" + colour +
           "\"/><g fill=\"#fff\" font-family=\"Sarabun,Laksaman,'Noto Sans Thai',sans-serif\" font-size=\"14\" text-anchor=\"middle\">"
           "<text x=\"45\" y=\"19\">" +
           report::escape_html(label) + "</text><text x=\"153\" y=\"19\">" + report::escape_html(value) + "</text></g></svg>\n";
}

}  // namespace ita::server
