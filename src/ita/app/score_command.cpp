#include <ita/app/score_command.hpp>

#include <fstream>
#include <iostream>

namespace ita::app {

int run_score_command(const ScoreCommand& command) {
    auto run = service::score_files(command.request);
    if (!run) {
        std::cerr << "ita score: " << run.error().to_string() << "\n";
        return run.error().code == ErrorCode::internal ? 1 : 2;
    }
    std::ofstream file;
    if (command.out) {
        file.open(*command.out, std::ios::binary);
        if (!file) {
            std::cerr << "ita score: cannot write " << *command.out << "\n";
            return 1;
        }
    }
    std::ostream& out = command.out ? file : std::cout;
    switch (command.format) {
        case OutputFormat::table: report::write_scores_table(out, run->methodology, run->scored); break;
        case OutputFormat::json: report::write_scores_json(out, run->methodology, run->scored); break;
        case OutputFormat::csv: report::write_scores_csv(out, run->methodology, run->scored); break;
    }
    out.flush();
    if (!out) {
        std::cerr << "ita score: writing the output failed" << (command.out ? " (" + *command.out + ")" : "") << "\n";
        return 1;
    }
    return 0;
}

}  // namespace ita::app
