#include <ita/report/xlsx_writer.hpp>

#include <ita/util/text.hpp>

#include <ita/core/verdict.hpp>
#include <ita/report/agency_report_parts.hpp>
#include <ita/report/score_format.hpp>
#include <ita/thai/dates.hpp>

#include <algorithm>
#include <cmath>

#include <xlsxwriter.h>

namespace ita::report {

namespace {

// Writes rows to one sheet, a row at a time; absent numbers stay empty cells. The header row is
// bold and frozen; scores show two decimals while the cell keeps the full value.
class Sheet {
public:
    Sheet(lxw_workbook* workbook, const char* name, lxw_format* bold, std::initializer_list<const char*> header) :
            m_sheet(workbook_add_worksheet(workbook, name)) {
        lxw_col_t column = 0;
        for (const char* title : header) worksheet_write_string(m_sheet, 0, column++, title, bold);
        finish_header(column);
    }
    Sheet(lxw_workbook* workbook, const char* name, lxw_format* bold, const std::vector<std::string>& header) :
            m_sheet(workbook_add_worksheet(workbook, name)) {
        lxw_col_t column = 0;
        for (const auto& title : header) worksheet_write_string(m_sheet, 0, column++, title.c_str(), bold);
        finish_header(column);
    }
    // Column widths in characters, first column first; `wrap` wraps long text in those columns.
    // (a cell takes no format from its column, so text cells of wrapped columns get `wrap` each)
    Sheet& widths(std::initializer_list<double> characters, lxw_format* wrap = nullptr, lxw_format* top = nullptr) {
        lxw_col_t column = 0;
        m_formats.clear();
        m_widths.clear();
        m_top = top;
        for (const double width : characters) {
            lxw_format* format = width >= 24 ? wrap : top;
            worksheet_set_column(m_sheet, column, column, width, format);
            m_formats.push_back(format);
            m_widths.push_back(width);
            ++column;
        }
        return *this;
    }
    // Prints on A4 landscape (a wide table), still one page wide.
    Sheet& landscape() {
        worksheet_set_landscape(m_sheet);
        return *this;
    }
    Sheet& text(const std::string& value) {
        lxw_format* format = m_column < m_formats.size() ? m_formats[m_column] : nullptr;
        if (format && format != m_top) m_row_lines = std::max(m_row_lines, lines_in(value, m_widths[m_column]));
        worksheet_write_string(m_sheet, m_row, m_column++, value.c_str(), format);
        return *this;
    }
    Sheet& number(const std::optional<double>& value, lxw_format* format = nullptr) {
        if (value) worksheet_write_number(m_sheet, m_row, m_column, *value, format ? format : m_top);
        ++m_column;
        return *this;
    }
    // A web address as a link (only http and https reach here: validated when it was filed).
    Sheet& link(const std::string& url) {
        if (url.starts_with("https://") || url.starts_with("http://")) worksheet_write_url(m_sheet, m_row, m_column, url.c_str(), nullptr);
        ++m_column;
        return *this;
    }
    void end_row() {
        // Spreadsheet programs do not grow a row for wrapped text they did not type themselves.
        if (m_row_lines > 1) worksheet_set_row(m_sheet, m_row, 15.0 * m_row_lines, nullptr);
        ++m_row;
        m_column = 0;
        m_row_lines = 1;
    }

private:
    // About how many lines `text` takes in a column `width` characters wide: letters that sit
    // above or below another (Thai vowels and tone marks) take no width of their own.
    static int lines_in(const std::string& text, double width) {
        int lines = 0;
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto end = std::min(text.find('\n', start), text.size());
            double letters = 0;
            for (std::size_t at = start; at < end; ++at) {
                const auto byte = static_cast<unsigned char>(text[at]);
                if ((byte & 0xC0) == 0x80) continue;  // a continuation byte
                if (byte == 0xE0 && at + 2 < end) {
                    const unsigned code = ((byte & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[at + 1]) & 0x3Fu) << 6) |
                                          (static_cast<unsigned char>(text[at + 2]) & 0x3Fu);
                    if (code == 0x0E31 || (code >= 0x0E34 && code <= 0x0E3A) || (code >= 0x0E47 && code <= 0x0E4E)) continue;
                }
                letters += 1;
            }
            lines += std::max(1, static_cast<int>(std::ceil(letters / std::max(1.0, width * 0.9))));
            start = end + 1;
        }
        return std::max(1, lines);
    }

    // Frozen and repeated on every printed page; A4, one page wide, as an officer prints it.
    void finish_header(lxw_col_t columns) {
        worksheet_freeze_panes(m_sheet, 1, 0);
        worksheet_set_column(m_sheet, 0, columns, 16, nullptr);
        worksheet_set_paper(m_sheet, 9);
        worksheet_fit_to_pages(m_sheet, 1, 0);
        worksheet_repeat_rows(m_sheet, 0, 0);
    }

    lxw_worksheet* m_sheet;
    std::vector<lxw_format*> m_formats;  // per column: wrapped text or none
    std::vector<double> m_widths;        // per column, in characters
    int m_row_lines = 1;
    lxw_format* m_top = nullptr;  // cells top-aligned, level with wrapped neighbours
    lxw_row_t m_row = 1;
    lxw_col_t m_column = 0;
};

}  // namespace

namespace {

// The workbook's formats: bold wrapped headers, scores at two decimals, wrapped text.
struct Formats {
    lxw_format* bold = nullptr;
    lxw_format* two = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* top = nullptr;
};

void summary_sheet(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    const auto& methodology = *input.methodology;
    const auto& scores = *input.scores;
    const auto& analysis = *input.analysis;
    Sheet summary(workbook, "สรุป", bold, {"รายการ", "ค่า"});
    summary.widths({30, 56}, wrap, top);
    summary.text("หน่วยงาน").text(scores.agency_id).end_row();
    if (input.agency) {
        summary.text("ชื่อหน่วยงาน").text(input.agency->name).end_row();
        summary.text("ประเภท").text(input.agency->type).end_row();
        summary.text("จังหวัด").text(input.agency->province).end_row();
    }
    summary.text("ปีงบประมาณ พ.ศ.").number(methodology.fiscal_year).end_row();
    summary.text("วิธีการประเมิน")
        .text(methodology.version + (methodology.status == core::Status::provisional ? " (ฉบับชั่วคราว)" : ""))
        .end_row();
    for (const auto& instrument : methodology.instruments)
        summary.text(instrument.name).number(scores.instruments[static_cast<std::size_t>(instrument.code)], two).end_row();
    summary.text("คะแนนรวม").number(scores.overall, two).end_row();
    summary.text("ระดับ").text(scores.rating.empty() ? "ยังไม่ให้ระดับ (" + scores.withheld_reason + ")" : scores.rating).end_row();
    if (!scores.rating.empty()) summary.text("ผลการประเมิน").text(std::string(core::pass_label(scores.pass.value_or(false)))).end_row();
    if (analysis.rank)
        summary.text("ลำดับในประเภท")
            .text("ลำดับที่ " + std::to_string(analysis.rank->rank) + " จาก " + std::to_string(analysis.rank->of))
            .end_row();
    else if (!analysis.rank_note.empty())
        summary.text("ลำดับในประเภท").text(analysis.rank_note).end_row();
    if (analysis.overall_change) summary.text("เทียบกับปีก่อน").text(change_in_words(*analysis.overall_change)).end_row();
    if (input.nation && input.nation->scored > 1) {
        summary.text("หน่วยงานที่มีคะแนนรวม (ผลที่ประกาศ)").number(static_cast<double>(input.nation->scored)).end_row();
        summary.text("คะแนนเฉลี่ย (ผลที่ประกาศ)").number(input.nation->mean, two).end_row();
        summary.text("ร้อยละที่ผ่านเกณฑ์ (ผลที่ประกาศ)").number(input.nation->share_passing_percent, two).end_row();
        summary.text("เป้าหมายร้อยละที่ผ่านเกณฑ์").number(methodology.national_target_percent).end_row();
    }
}

void indicator_sheet(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    const auto& methodology = *input.methodology;
    const auto& scores = *input.scores;
    Sheet indicators(workbook, "ตัวชี้วัด", bold, {"ตัวชี้วัด", "ชื่อ", "เครื่องมือ", "คะแนน", "ผลการประเมิน", "สถานะ", "เปลี่ยนจากปีก่อน"});
    indicators.widths({9, 30, 10, 9, 14, 26, 14}, wrap, top);
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        const core::IndicatorFinding* finding = nullptr;
        for (const auto& candidate : input.analysis->indicators)
            if (candidate.indicator == index) finding = &candidate;
        const auto& score = scores.indicators[index];
        indicators.number(indicator.number)
            .text(indicator.name)
            .text(std::string(core::instrument_code(indicator.instrument)))
            .number(score, two);
        indicators.text(score ? std::string(core::pass_label(core::passes(methodology, *score))) : "");
        indicators.text(finding ? std::string(core::status_label(finding->status)) : "")
            .number(finding ? finding->change : std::nullopt, two);
        indicators.end_row();
    }
}

void detail_sheets(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    const auto& methodology = *input.methodology;
    const auto& scores = *input.scores;
    Sheet questions(workbook, "ข้อคำถาม", bold, {"ข้อ", "ข้อย่อย", "ตัวชี้วัด", "ข้อความ", "คะแนนข้อย่อย", "คะแนนข้อคำถาม"});
    questions.widths({7, 9, 9, 56, 12, 12}, wrap, top);
    for (std::size_t index = 0; index < methodology.questions.size(); ++index) {
        const auto& question = methodology.questions[index];
        for (const auto sub_item : question.sub_items) {
            questions.text(question.code).text(methodology.sub_items[sub_item].code).number(question.indicator);
            questions.text(methodology.sub_items[sub_item].text.empty() ? question.text : methodology.sub_items[sub_item].text);
            questions.number(scores.sub_items[sub_item], two).number(scores.questions[index], two).end_row();
        }
    }
    Sheet items(workbook, "OIT", bold, {"ข้อ", "ชื่อ", "ตัวชี้วัดย่อย", "คะแนนข้อ", "คะแนนตัวชี้วัดย่อย"});
    items.widths({7, 56, 12, 10, 16}, wrap, top);
    for (std::size_t index = 0; index < methodology.items.size(); ++index) {
        const auto& item = methodology.items[index];
        const auto& sub_indicator = methodology.sub_indicators[item.sub_indicator];
        items.text(item.code)
            .text(item.name)
            .text(sub_indicator.code)
            .number(scores.items[index], two)
            .number(scores.sub_indicators[item.sub_indicator], two)
            .end_row();
    }
}

// Every indicator below the pass mark with its low questions and OIT items at 0 and advice.
void analysis_sheet(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    const auto& methodology = *input.methodology;
    const auto& analysis = *input.analysis;
    Sheet sheet(workbook, "จุดอ่อน", bold, {"ตัวชี้วัด", "ชื่อ", "คะแนนตัวชี้วัด", "เร่งด่วน", "ข้อ", "ประเด็น", "คะแนนข้อ", "แนวทางพัฒนา"});
    sheet.widths({9, 24, 10, 12, 7, 40, 9, 40}, wrap, top).landscape();
    for (const auto position : analysis.weaknesses) {
        const auto& finding = analysis.indicators[position];
        const auto& indicator = methodology.indicators[finding.indicator];
        const auto urgent = std::find(analysis.urgent_weaknesses.begin(), analysis.urgent_weaknesses.end(), position);
        const std::string urgency = urgent == analysis.urgent_weaknesses.end()
                                        ? std::string()
                                        : "ลำดับที่ " + std::to_string(urgent - analysis.urgent_weaknesses.begin() + 1);
        const auto row = [&](const std::string& code, const std::string& text, const std::optional<double>& score,
                             const std::string& advice) {
            sheet.number(indicator.number).text(indicator.name).number(finding.score, two).text(urgency);
            sheet.text(code).text(text).number(score, two).text(advice).end_row();
        };
        row("", "", std::nullopt, sections::advice(input.guidance, &core::Guidance::indicators, std::to_string(indicator.number), true));
        for (const auto& question : finding.questions)
            if (!question.passes) {
                const auto& code = methodology.questions[question.question].code;
                row(code, methodology.questions[question.question].text, question.score,
                    sections::advice(input.guidance, &core::Guidance::questions, code, true));
            }
        for (const auto item : finding.items_scored_zero)
            row(methodology.items[item].code, methodology.items[item].name, 0.0,
                sections::advice(input.guidance, &core::Guidance::items, methodology.items[item].code, true));
    }
}

void path_sheet(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    const auto& methodology = *input.methodology;
    Sheet sheet(workbook, "แนวทางสู่เป้าหมาย", bold,
                {"เป้าหมาย", "คะแนนเป้าหมาย", "ขาดอีก", "ขั้นตอน", "ข้อ/ตัวชี้วัด", "ชื่อ", "ผลต่อคะแนนรวม", "คะแนนที่ต้องได้"});
    sheet.widths({12, 12, 9, 26, 10, 40, 14, 14}, wrap, top).landscape();
    for (const auto& path : *input.paths) {
        const std::string target = path.label == core::pass_label(true) ? "เกณฑ์ผ่าน" : "ระดับ " + path.label;
        const std::optional<double> gap = path.reached ? std::nullopt : std::optional<double>(path.target - path.current);
        if (path.reached) {
            sheet.text(target).number(path.target, two).number(gap, two).text("บรรลุแล้ว").end_row();
            continue;
        }
        for (const auto& gain : path.items)
            sheet.text(target)
                .number(path.target, two)
                .number(gap, two)
                .text("เผยแพร่ข้อมูล OIT")
                .text(methodology.items[gain.item].code)
                .text(methodology.items[gain.item].name)
                .number(gain.overall_points, two)
                .number(std::nullopt)
                .end_row();
        for (const auto item : path.items_of_unknown_gain)
            sheet.text(target)
                .number(path.target, two)
                .number(gap, two)
                .text("เผยแพร่ข้อมูล OIT (คำนวณผลไม่ได้ ข้อมูลรายข้อไม่ครบ)")
                .text(methodology.items[item].code)
                .text(methodology.items[item].name)
                .end_row();
        if (!path.items_suffice)
            for (const auto& rise : path.rises) {
                const auto& indicator = methodology.indicators[rise.indicator];
                sheet.text(target)
                    .number(path.target, two)
                    .number(gap, two)
                    .text(rise.feasible ? "ยกคะแนนตัวชี้วัด" : "ยกคะแนนตัวชี้วัด (เกิน 100)")
                    .number(indicator.number)
                    .text(indicator.name)
                    .number(std::nullopt)
                    .number(rise.needed_score, two)
                    .end_row();
            }
    }
}

void measure_sheets(lxw_workbook* workbook, const Formats& formats, const AgencyReportInput& input) {
    const auto [bold, two, wrap, top] = formats;
    Sheet measures(workbook, "มาตรการ", bold,
                   {"รหัส", "ตัวชี้วัด/ข้อ", "โครงการ/กิจกรรม", "ผลการวิเคราะห์", "ขั้นตอนหรือวิธีการ", "เริ่ม", "สิ้นสุด", "การรายงาน", "ผู้รับผิดชอบ", "สถานะ",
                    "ความก้าวหน้าล่าสุด (ร้อยละ)"});
    measures.widths({6, 10, 24, 28, 40, 11, 11, 11, 24, 9, 12}, wrap, top).landscape();
    Sheet progress(workbook, "ความก้าวหน้า", bold, {"รหัส", "โครงการ/กิจกรรม", "วันที่รายงาน", "ร้อยละ", "ผลการดำเนินการ", "หลักฐาน"});
    progress.widths({6, 28, 12, 8, 44, 30}, wrap, top).landscape();
    for (const auto& measure : input.measures) {
        if (!input.draft && measure.status == core::MeasureStatus::draft) continue;
        std::string targets;
        for (const auto& target : measure.targets) targets += (targets.empty() ? "" : ", ") + target.substr(target.find(':') + 1);
        const auto percent = core::latest_progress(measure);
        measures.number(static_cast<double>(measure.measure_id))
            .text(targets)
            .text(measure.title)
            .text(measure.analysis)
            .text(measure.steps);
        measures.text(thai::short_thai_date(measure.start_on))
            .text(thai::short_thai_date(measure.end_on))
            .text(std::string(core::cadence_label(measure.cadence)))
            .text(measure.responsible);
        measures.text(std::string(core::measure_status_label(measure.status)))
            .number(percent ? std::optional<double>(*percent) : std::nullopt)
            .end_row();
        for (const auto& report : measure.progress)
            progress.number(static_cast<double>(measure.measure_id))
                .text(measure.title)
                .text(thai::short_thai_date(report.reported_on))
                .number(report.percent)
                .text(report.text)
                .link(report.evidence_url)
                .end_row();
    }
}

}  // namespace

Result<void> write_xlsx(const AgencyReportInput& input, const std::string& path) {
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (!workbook) return fail(ErrorCode::io, "cannot write " + path);
    Formats formats{workbook_add_format(workbook), workbook_add_format(workbook), workbook_add_format(workbook),
                    workbook_add_format(workbook)};
    format_set_align(formats.top, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(formats.two, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(formats.bold);
    format_set_text_wrap(formats.bold);
    format_set_align(formats.bold, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(formats.two, "0.00");
    format_set_text_wrap(formats.wrap);
    format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);

    summary_sheet(workbook, formats, input);
    indicator_sheet(workbook, formats, input);
    detail_sheets(workbook, formats, input);
    analysis_sheet(workbook, formats, input);
    path_sheet(workbook, formats, input);
    measure_sheets(workbook, formats, input);

    const lxw_error status = workbook_close(workbook);
    if (status != LXW_NO_ERROR) return fail(ErrorCode::io, "writing " + path + " failed: " + lxw_strerror(status));
    return {};
}

namespace {

// A workbook written row by row (libxlsxwriter's constant-memory mode) and its bold format.
lxw_workbook* streaming_workbook(const std::string& path, lxw_format*& bold) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
    if (!workbook) return nullptr;
    bold = workbook_add_format(workbook);
    format_set_bold(bold);
    return workbook;
}

}  // namespace

Result<void> write_rank_xlsx(const RankReport& report, const std::string& path) {
    lxw_format* bold = nullptr;
    lxw_workbook* workbook = streaming_workbook(path, bold);
    if (!workbook) return fail(ErrorCode::io, "cannot write " + path);
    Sheet sheet(workbook, "scores", bold, {"agency_id", "type", "province", "overall", "verdict", "rank", "of"});
    for (const auto& ranked : report.agencies) {
        sheet.text(ranked.agency->agency_id).text(ranked.agency->type).text(ranked.agency->province).number(ranked.scores->overall);
        sheet.text(ranked.scores->rating);
        sheet.number(ranked.position ? std::optional<double>(ranked.position->rank) : std::nullopt);
        sheet.number(ranked.position ? std::optional<double>(ranked.position->of) : std::nullopt);
        sheet.end_row();
    }
    if (workbook_close(workbook) != LXW_NO_ERROR) return fail(ErrorCode::io, "cannot write " + path);
    return {};
}

Result<void> write_table_xlsx(const std::string& sheet_name, const std::vector<std::string>& header, const std::vector<bool>& numeric,
                              const std::vector<std::vector<std::string>>& rows, const std::string& path) {
    lxw_format* bold = nullptr;
    lxw_workbook* workbook = streaming_workbook(path, bold);
    if (!workbook) return fail(ErrorCode::io, "cannot write " + path);
    Sheet sheet(workbook, sheet_name.c_str(), bold, header);
    for (const auto& row : rows) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            if (column < numeric.size() && numeric[column])
                sheet.number(util::parse_double(row[column]));
            else
                sheet.text(row[column]);
        }
        sheet.end_row();
    }
    if (workbook_close(workbook) != LXW_NO_ERROR) return fail(ErrorCode::io, "cannot write " + path);
    return {};
}

}  // namespace ita::report
