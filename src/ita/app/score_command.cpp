#include <ita/app/score_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/service/score_store.hpp>
#include <ita/storage/store.hpp>

#include <iostream>

namespace ita::app {

namespace {
int write_run(const ScoreCommand& command, const service::ScoreRun& run) {
    return write_output("ita score", command.out, [&](std::ostream& out) {
        switch (command.format) {
            case OutputFormat::table: report::write_scores_table(out, run.methodology, run.scored); break;
            case OutputFormat::json: report::write_scores_json(out, run.methodology, run.scored); break;
            case OutputFormat::csv: report::write_scores_csv(out, run.methodology, run.scored); break;
        }
    });
}
}  // namespace

int run_score_command(const ScoreCommand& command) {
    Result<service::ScoreRun> run = fail(ErrorCode::internal, "");
    if (command.db) {
        const auto& request = command.request;
        if (!request.responses.empty() || request.oit || request.published || request.agencies) {
            std::cerr << "ita score: give either --db or input files, not both\n";
            return 2;
        }
        auto store = storage::open_store(*command.db);
        if (!store) {
            std::cerr << "ita score: " << store.error().to_string() << "\n";
            return exit_code_for(store.error());
        }
        run = service::score_store(**store, {request.fiscal_year, command.agency, request.methodology_dir, true});
    } else {
        if (command.agency) {
            std::cerr << "ita score: --agency needs --db\n";
            return 2;
        }
        run = service::score_files(command.request);
    }
    if (!run) {
        std::cerr << "ita score: " << run.error().to_string() << "\n";
        return exit_code_for(run.error());
    }
    return write_run(command, *run);
}

}  // namespace ita::app
