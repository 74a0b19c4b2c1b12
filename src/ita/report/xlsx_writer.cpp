#include <ita/report/xlsx_writer.hpp>

#include <ita/util/text.hpp>

#include <ita/core/verdict.hpp>

#include <xlsxwriter.h>

namespace ita::report {

namespace {

// Writes rows to one sheet, a row at a time; absent numbers stay empty cells.
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
    Sheet& text(const std::string& value) {
        worksheet_write_string(m_sheet, m_row, m_column++, value.c_str(), nullptr);
        return *this;
    }
    Sheet& number(const std::optional<double>& value) {
        if (value) worksheet_write_number(m_sheet, m_row, m_column, *value, nullptr);
        ++m_column;
        return *this;
    }
    void end_row() {
        ++m_row;
        m_column = 0;
    }

private:
    void finish_header(lxw_col_t columns) {
        worksheet_freeze_panes(m_sheet, 1, 0);
        worksheet_set_column(m_sheet, 0, columns, 16, nullptr);
    }

public:
private:
    lxw_worksheet* m_sheet;
    lxw_row_t m_row = 1;
    lxw_col_t m_column = 0;
};

}  // namespace

Result<void> write_xlsx(const AgencyReportInput& input, const std::string& path) {
    const auto& methodology = *input.methodology;
    const auto& scores = *input.scores;
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (!workbook) return fail(ErrorCode::io, "cannot write " + path);
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);

    Sheet summary(workbook, "สรุป", bold, {"รายการ", "ค่า"});
    summary.text("หน่วยงาน").text(scores.agency_id).end_row();
    if (input.agency) summary.text("ชื่อหน่วยงาน").text(input.agency->name).end_row();
    summary.text("ปีงบประมาณ").number(methodology.fiscal_year).end_row();
    summary.text("วิธีการประเมิน").text(methodology.version + " (" + std::string(core::status_code(methodology.status)) + ")").end_row();
    for (const auto& instrument : methodology.instruments)
        summary.text(std::string(core::instrument_code(instrument.code)))
            .number(scores.instruments[static_cast<std::size_t>(instrument.code)])
            .end_row();
    summary.text("คะแนนรวม").number(scores.overall).end_row();
    summary.text("ระดับ").text(scores.rating.empty() ? scores.withheld_reason : scores.rating).end_row();
    if (input.analysis->rank)
        summary.text("ลำดับในประเภท")
            .text(std::to_string(input.analysis->rank->rank) + "/" + std::to_string(input.analysis->rank->of))
            .end_row();

    Sheet indicators(workbook, "ตัวชี้วัด", bold, {"ตัวชี้วัด", "ชื่อ", "เครื่องมือ", "คะแนน", "ผลการประเมิน", "สถานะ", "เปลี่ยนจากปีก่อน"});
    for (std::size_t index = 0; index < methodology.indicators.size(); ++index) {
        const auto& indicator = methodology.indicators[index];
        const core::IndicatorFinding* finding = nullptr;
        for (const auto& candidate : input.analysis->indicators)
            if (candidate.indicator == index) finding = &candidate;
        const auto& score = scores.indicators[index];
        indicators.number(indicator.number)
            .text(indicator.name)
            .text(std::string(core::instrument_code(indicator.instrument)))
            .number(score);
        indicators.text(score ? std::string(core::pass_label(core::passes(methodology, *score))) : "");
        indicators.text(finding ? std::string(core::status_label(finding->status)) : "").number(finding ? finding->change : std::nullopt);
        indicators.end_row();
    }

    Sheet questions(workbook, "ข้อคำถาม", bold, {"ข้อ", "ข้อย่อย", "ตัวชี้วัด", "ข้อความ", "คะแนนข้อย่อย", "คะแนนข้อคำถาม"});
    for (std::size_t index = 0; index < methodology.questions.size(); ++index) {
        const auto& question = methodology.questions[index];
        for (const auto sub_item : question.sub_items) {
            questions.text(question.code).text(methodology.sub_items[sub_item].code).number(question.indicator);
            questions.text(methodology.sub_items[sub_item].text.empty() ? question.text : methodology.sub_items[sub_item].text);
            questions.number(scores.sub_items[sub_item]).number(scores.questions[index]).end_row();
        }
    }

    Sheet items(workbook, "OIT", bold, {"ข้อ", "ชื่อ", "ตัวชี้วัดย่อย", "คะแนนข้อ", "คะแนนตัวชี้วัดย่อย"});
    for (std::size_t index = 0; index < methodology.items.size(); ++index) {
        const auto& item = methodology.items[index];
        const auto& sub_indicator = methodology.sub_indicators[item.sub_indicator];
        items.text(item.code)
            .text(item.name)
            .text(sub_indicator.code)
            .number(scores.items[index])
            .number(scores.sub_indicators[item.sub_indicator])
            .end_row();
    }

    Sheet measures(workbook, "มาตรการ", bold,
                   {"รหัส", "ตัวชี้วัด/ข้อ", "โครงการ/กิจกรรม", "ผลการวิเคราะห์", "ขั้นตอน", "เริ่ม", "สิ้นสุด", "การรายงาน", "ผู้รับผิดชอบ", "สถานะ",
                    "ความก้าวหน้าล่าสุด (%)"});
    for (const auto& measure : input.measures) {
        std::string targets;
        for (const auto& target : measure.targets) targets += (targets.empty() ? "" : ", ") + target;
        const auto percent = core::latest_progress(measure);
        std::optional<double> latest;
        if (percent) latest = static_cast<double>(*percent);
        measures.number(static_cast<double>(measure.measure_id))
            .text(targets)
            .text(measure.title)
            .text(measure.analysis)
            .text(measure.steps);
        measures.text(measure.start_on)
            .text(measure.end_on)
            .text(std::string(core::cadence_label(measure.cadence)))
            .text(measure.responsible);
        measures.text(std::string(core::measure_status_code(measure.status))).number(latest).end_row();
    }

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
