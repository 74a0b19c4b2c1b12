#include <ita/service/import_files.hpp>

#include <ita/core/answer_layout.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/ingest/response_batch.hpp>
#include <ita/ingest/scoring_inputs.hpp>
#include <ita/service/methodology_in_force.hpp>

namespace ita::service {

namespace {

std::string joined(const std::vector<std::string>& files) {
    std::string text;
    for (const auto& file : files) text += (text.empty() ? "" : ",") + file;
    return text;
}

// Adds the problems of `error` to `all`, so every file's problems are listed together.
void collect(std::optional<Error>& all, Error error) {
    if (!all) {
        all = std::move(error);
        return;
    }
    all->message += "\n" + error.message;
    for (auto& diagnostic : error.diagnostics) all->diagnostics.push_back(std::move(diagnostic));
    all->diagnostics_dropped += error.diagnostics_dropped;
}

// Registers the year with the methodology's version and answer layout.
Result<core::Methodology> prepare_year(storage::Store& store, const ImportRequest& request) {
    ITA_TRY(methodology, methodology_in_force(store, request.fiscal_year, request.methodology_dir));
    const core::AnswerLayout layout(methodology);
    ITA_TRY_VOID(store.ensure_fiscal_year(
        {request.fiscal_year, methodology.version, layout.codes(core::Instrument::iit), layout.codes(core::Instrument::eit)}));
    return methodology;
}

// ScoringInputs restricted to the store's agencies: unknown agencies and items that do not
// apply to an agency's type are reported at their line, as `ita score --agencies` does.
Result<ingest::ScoringInputs> inputs_for_store(storage::Store& store, const core::Methodology& methodology) {
    ITA_TRY(agencies, store.agencies());
    ingest::ScoringInputs inputs(methodology);
    inputs.set_directory(std::move(agencies));
    return inputs;
}

}  // namespace

Result<ImportOutcome> import_files(storage::Store& store, const ImportRequest& request) {
    storage::ImportOptions options{request.replace, request.actor, joined(request.files)};
    std::optional<Error> problems;
    ImportOutcome outcome;
    switch (request.kind) {
        case ImportKind::agencies: {
            std::vector<core::Agency> agencies;
            for (const auto& file : request.files) {
                auto read = ingest::read_agencies(file);
                if (!read)
                    collect(problems, std::move(read).error());
                else
                    agencies.insert(agencies.end(), read->begin(), read->end());
            }
            if (problems) return std::unexpected(std::move(*problems));
            ITA_TRY(report, store.import_agencies(agencies, options));
            outcome.report = report;
            return outcome;
        }
        case ImportKind::responses: {
            ITA_TRY(methodology, prepare_year(store, request));
            ingest::ResponseBatch batch(methodology);
            for (const auto& file : request.files)
                if (auto read = ingest::read_responses(file, batch); !read) collect(problems, std::move(read).error());
            if (problems) return std::unexpected(std::move(*problems));
            ITA_TRY(report, store.import_responses(request.fiscal_year, batch.respondents(), options));
            outcome.report = report;
            outcome.answers = batch.answer_count();
            return outcome;
        }
        case ImportKind::oit: {
            ITA_TRY(methodology, prepare_year(store, request));
            ITA_TRY(inputs, inputs_for_store(store, methodology));
            std::vector<core::OitVerdict> rows;
            for (const auto& file : request.files)
                if (auto read = ingest::read_oit(file, inputs, &rows); !read) collect(problems, std::move(read).error());
            if (problems) return std::unexpected(std::move(*problems));
            ITA_TRY(report, store.import_oit(request.fiscal_year, rows, options));
            outcome.report = report;
            return outcome;
        }
        case ImportKind::published: {
            ITA_TRY(methodology, prepare_year(store, request));
            ITA_TRY(inputs, inputs_for_store(store, methodology));
            std::vector<core::PublishedScore> rows;
            for (const auto& file : request.files)
                if (auto read = ingest::read_published(file, inputs, &rows); !read) collect(problems, std::move(read).error());
            if (problems) return std::unexpected(std::move(*problems));
            ITA_TRY(report, store.import_published(request.fiscal_year, rows, options));
            outcome.report = report;
            return outcome;
        }
    }
    return fail(ErrorCode::internal, "unknown import kind");
}

}  // namespace ita::service
