#include <ita/service/score_files.hpp>

#include <ita/core/scoring.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/ingest/scoring_inputs.hpp>

#include <algorithm>
#include <thread>

namespace ita::service {

namespace {

// Collects the problems of several files into one Error.
class ProblemCollector {
public:
    void take(Error error) {
        ++m_files;
        if (m_error.diagnostics.empty() && m_error.message.empty())
            m_error = std::move(error);
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
    // Each responses file is read on its own thread into its own inputs, merged in file order;
    // the OIT and published files are read meanwhile on this thread.
    std::vector<ingest::ScoringInputs> partials;
    std::vector<Result<void>> outcomes(request.responses.size());
    Result<void> oit_outcome;
    Result<void> published_outcome;
    for (std::size_t file = 0; file < request.responses.size(); ++file) partials.push_back(inputs.same_agencies());
    {
        std::vector<std::jthread> readers;
        for (std::size_t file = 0; file < request.responses.size(); ++file)
            readers.emplace_back([&, file] { outcomes[file] = ingest::read_responses(request.responses[file], partials[file]); });
        if (request.oit) oit_outcome = ingest::read_oit(*request.oit, inputs);
        if (request.published) published_outcome = ingest::read_published(*request.published, inputs);
    }
    // Problems are listed in the order the files were named: responses, OIT, published.
    for (std::size_t file = 0; file < request.responses.size(); ++file) {
        problems.check(outcomes[file]);
        if (outcomes[file]) problems.check(inputs.merge(std::move(partials[file]), request.responses[file]));
    }
    problems.check(oit_outcome);
    problems.check(published_outcome);
    if (!problems.empty()) return std::unexpected(problems.release());

    // Agencies are scored on every core: a nation's 8,300 took a tenth of a wide file's time on one.
    const std::vector<std::size_t> order = inputs.output_order();
    run.scored.resize(order.size());
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 1 + order.size() / 256);
    {
        std::vector<std::jthread> scorers;
        for (std::size_t thread = 0; thread < threads; ++thread)
            scorers.emplace_back([&, thread] {
                for (std::size_t index = thread; index < order.size(); index += threads)
                    run.scored[index].scores = core::score_agency(run.methodology, inputs.inputs()[order[index]]);
            });
    }
    if (inputs.has_directory())
        for (std::size_t index = 0; index < run.scored.size(); ++index) run.scored[index].agency = &run.agencies[index];
    return run;
}

}  // namespace ita::service
