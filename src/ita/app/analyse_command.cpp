#include <ita/app/analyse_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/analysis_outputs.hpp>
#include <ita/service/analyse_agency.hpp>

#include <iostream>

namespace ita::app {

int run_analyse_command(const AnalyseCommand& command) {
    Result<std::unique_ptr<service::AgencyAnalysis>> result = fail(ErrorCode::internal, "");
    if (command.db) {
        auto store = storage::open_store(*command.db);
        if (!store) {
            std::cerr << "ita analyse: " << store.error().to_string() << "\n";
            return exit_code_for(store.error());
        }
        result = service::analyse_from_store(**store, command.files.fiscal_year, command.agency_id, command.files.methodology_dir);
    } else {
        result = service::analyse_from_files(command.files, command.agency_id);
    }
    if (!result) {
        std::cerr << "ita analyse: " << result.error().to_string() << "\n";
        return exit_code_for(result.error());
    }
    const auto& analysed = **result;
    const report::AnalysisView view{&analysed.run.methodology, analysed.agency->agency, &analysed.agency->scores, &analysed.analysis,
                                    &analysed.paths};
    return write_output("ita analyse", command.out, [&](std::ostream& out) {
        if (command.json)
            report::write_analysis_json(out, view);
        else
            report::write_analysis_text(out, view);
    });
}

}  // namespace ita::app
