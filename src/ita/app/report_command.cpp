#include <ita/app/report_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/agency_report.hpp>
#include <ita/report/docx_writer.hpp>
#include <ita/report/html_writer.hpp>
#include <ita/report/pdf_writer.hpp>
#include <ita/report/xlsx_writer.hpp>
#include <ita/service/analyse_agency.hpp>
#include <ita/service/score_store.hpp>

#include <iostream>

namespace ita::app {

namespace {

report::Signer signer(const std::string& role, const std::string& given) {
    const auto bar = given.find('|');
    return {role, given.substr(0, bar), bar == std::string::npos ? "" : given.substr(bar + 1)};
}

int report_error(const Error& error) {
    std::cerr << "ita report: " << error.to_string() << "\n";
    return exit_code_for(error);
}

}  // namespace

int run_report_command(const ReportCommand& command) {
    auto store = storage::open_store(command.db);
    if (!store) return report_error(store.error());
    auto analysed = service::analyse_from_store(**store, command.fiscal_year, command.agency_id, command.methodology_dir);
    if (!analysed) return report_error(analysed.error());
    const auto& result = **analysed;
    report::AgencyReportInput input;
    input.methodology = &result.run.methodology;
    input.agency = result.agency->agency;
    input.scores = &result.agency->scores;
    input.analysis = &result.analysis;
    input.paths = &result.paths;
    auto measures = (*store)->measures(command.fiscal_year + 1, command.agency_id);
    if (!measures) return report_error(measures.error());
    input.measures = std::move(*measures);
    auto constraints = (*store)->constraints(command.fiscal_year + 1, command.agency_id);
    if (!constraints) return report_error(constraints.error());
    input.constraints = *constraints;
    // The agency's overall score in every stored year up to this one.
    if (const auto years = (*store)->fiscal_years()) {
        for (const int year : *years) {
            if (year > command.fiscal_year) continue;
            if (year == command.fiscal_year) {
                input.history.emplace_back(year, input.scores->overall);
                continue;
            }
            const auto past = service::score_store(**store, {year, command.agency_id, command.methodology_dir, false});
            if (past && !past->scored.empty()) input.history.emplace_back(year, past->scored.front().scores.overall);
        }
    }
    input.signers = {signer("ผู้รายงานข้อมูล", command.reporter), signer("ผู้รับรองข้อมูล", command.certifier),
                     signer("ผู้เห็นชอบข้อมูล", command.approver)};
    Result<void> written = fail(ErrorCode::invalid_input, "unknown format " + command.format);
    if (command.format == "pdf") written = report::write_pdf(report::agency_report(input), command.out, {command.thai_digits});
    if (command.format == "xlsx") written = report::write_xlsx(input, command.out);
    if (command.format == "html") {
        const auto document = report::agency_report(input);
        const int code = write_output("ita report", command.out, [&](std::ostream& out) { report::write_html(out, document, command.thai_digits); });
        if (code != 0) return code;
        written = {};
    }
    if (command.format == "docx") written = report::write_docx(report::agency_report(input), command.out, command.thai_digits);
    if (!written) return report_error(written.error());
    std::cerr << "ita report: " << command.out << "\n";
    return 0;
}

}  // namespace ita::app
