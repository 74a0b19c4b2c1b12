#include <ita/app/report_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/docx_writer.hpp>
#include <ita/report/html_writer.hpp>
#include <ita/report/pdf_writer.hpp>
#include <ita/report/xlsx_writer.hpp>
#include <ita/service/season_reports.hpp>
#include <ita/util/progress.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

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

Result<void> write_one(const report::AgencyReportInput& input, const std::string& format, const std::string& path, bool thai_digits) {
    if (format == "xlsx") return report::write_xlsx(input, path);
    const auto document = report::agency_report(input);
    if (format == "pdf") return report::write_pdf(document, path, {thai_digits});
    if (format == "docx") return report::write_docx(document, path, thai_digits);
    std::ofstream out(path, std::ios::binary);
    report::write_html(out, document, thai_digits);
    if (!out.flush()) return fail(ErrorCode::io, "cannot write " + path);
    return {};
}

report::AgencyReportInput input_of(const service::SeasonReports& season, std::size_t position, const std::vector<report::Signer>& signers,
                                   const ReportCommand& command) {
    auto input = season.input_for(position, signers);
    input.draft = command.draft;
    return input;
}

}  // namespace

int run_report_command(const ReportCommand& command) {
    const std::optional<std::string> only = command.all ? std::nullopt : std::optional<std::string>(command.agency_id);
    Result<std::unique_ptr<service::SeasonReports>> prepared = fail(ErrorCode::internal, "not prepared");
    if (command.db.empty()) {
        auto files = command.files;
        files.fiscal_year = command.fiscal_year;
        files.methodology_dir = command.methodology_dir;
        prepared = service::prepare_reports_from_files(files, only);
    } else {
        auto store = storage::open_store(command.db);
        if (!store) return report_error(store.error());
        prepared = service::prepare_reports(**store, command.fiscal_year, only, command.methodology_dir);
    }
    if (!prepared) return report_error(prepared.error());
    const auto& season = **prepared;
    const std::vector<report::Signer> signers{signer("ผู้รายงานข้อมูล", command.reporter), signer("ผู้รับรองข้อมูล", command.certifier),
                                              signer("ผู้เห็นชอบข้อมูล", command.approver)};
    if (!command.all) {
        if (auto written =
                write_one(input_of(season, season.chosen.front(), signers, command), command.format, command.out, command.thai_digits);
            !written)
            return report_error(written.error());
        std::cerr << "ita report: " << command.out << "\n";
        return 0;
    }
    // The whole season: every agency's report in the folder, on every core.
    std::error_code made;
    std::filesystem::create_directories(command.out, made);
    if (made) return report_error(Error{ErrorCode::io, "cannot create " + command.out + ": " + made.message(), {}, 0});
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex failure_lock;
    std::optional<Error> failure;
    util::ProgressBar progress("reports", season.chosen.size());
    const unsigned jobs = command.jobs > 0 ? command.jobs : std::max(1u, std::thread::hardware_concurrency());
    {
        std::vector<std::jthread> workers;
        for (unsigned worker = 0; worker < jobs; ++worker)
            workers.emplace_back([&] {
                for (std::size_t index = next++; index < season.chosen.size(); index = next++) {
                    const std::size_t position = season.chosen[index];
                    const auto path =
                        (std::filesystem::path(command.out) / (season.run.scored[position].scores.agency_id + "." + command.format))
                            .string();
                    if (auto written = write_one(input_of(season, position, signers, command), command.format, path, command.thai_digits);
                        !written) {
                        const std::lock_guard lock(failure_lock);
                        if (!failure) failure = written.error();
                    }
                    ++done;
                }
            });
        while (done < season.chosen.size() && !failure) {
            progress.update(done);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    progress.finish();
    if (failure) return report_error(*failure);
    std::cerr << "ita report: " << season.chosen.size() << " reports in " << command.out << "\n";
    return 0;
}

}  // namespace ita::app
