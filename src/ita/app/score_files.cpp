#include <ita/app/score_files.hpp>

#include <ita/core/scoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/ingest/scoring_inputs.hpp>

namespace ita::app {

namespace {

// Collects the problems of several files into one Error.
class ProblemCollector {
public:
    void take(Error error) {
        ++m_files;
        if (m_error.diagnostics.empty() && m_error.message.empty()) m_error = std::move(error);
        else {
            m_error.message += "\n" + error.message;
            for (auto& diagnostic : error.diagnostics) m_error.diagnostics.push_back(std::move(diagnostic));
            m_error.diagnostics_dropped += error.diagnostics_dropped;
        }
    }
    template <typename T>
    void check(const Result<T>& result) {
        if (!result) take(result.error());
    }
    [[nodiscard]] bool empty() const { return m_files == 0; }
    Error release() {
        m_error.code = ErrorCode::invalid_input;
        return std::move(m_error);
    }

private:
    Error m_error;
    std::size_t m_files = 0;
};

}  // namespace

Result<ScoreRun> score_files(const ScoreRequest& request) {
    ScoreRun run;
    ITA_TRY(methodology, ingest::load_methodology(request.fiscal_year, request.methodology_dir));
    run.methodology = std::move(methodology);
    ingest::ScoringInputs inputs(run.methodology);
    ProblemCollector problems;
    if (request.agencies) {
        auto agencies = ingest::read_agencies(*request.agencies);
        problems.check(agencies);
        if (agencies) {
            run.agencies = *agencies;
            inputs.set_directory(std::move(*agencies));
        }
    }
    // With a broken agencies file every agency would look unknown: stop at its problems.
    if (!problems.empty()) return std::unexpected(problems.release());
    for (const auto& path : request.responses) problems.check(ingest::read_responses(path, inputs));
    if (request.oit) problems.check(ingest::read_oit(*request.oit, inputs));
    if (request.published) problems.check(ingest::read_published(*request.published, inputs));
    if (!problems.empty()) return std::unexpected(problems.release());

    for (const std::size_t agency : inputs.output_order())
        run.scored.push_back(report::ScoredAgency{nullptr, core::score_agency(run.methodology, inputs.inputs()[agency])});
    if (inputs.has_directory())
        for (std::size_t index = 0; index < run.scored.size(); ++index) run.scored[index].agency = &run.agencies[index];
    return run;
}

}  // namespace ita::app
