#include <ita/ingest/answer_spec.hpp>
#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/long_form_reader.hpp>
#include <ita/ingest/readers.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <type_traits>

namespace ita::ingest {

namespace {

enum Column : std::size_t { agency_id, instrument, respondent, question, answer, part };

// Why `code` is not a sub-item code of the year: unknown, or a question that has sub-items.
std::string unknown_code_reason(const core::Methodology& methodology, std::string_view code) {
    if (const auto question = methodology.question_index(code)) {
        const auto& sub_items = methodology.questions[*question].sub_items;
        return "question " + std::string(code) + " has sub-items: answer them as " + methodology.sub_items[sub_items.front()].code + " … " +
               methodology.sub_items[sub_items.back()].code;
    }
    return "unknown question " + util::quoted(code) + " for fiscal year " + std::to_string(methodology.fiscal_year);
}

// The survey instrument of a row, or a problem reported on the instrument column.
std::optional<core::Instrument> survey_instrument(CsvTable& table) {
    const auto parsed = core::parse_instrument(table.field(instrument));
    if (!parsed || *parsed == core::Instrument::oit) {
        table.problem(instrument, "must be IIT or EIT, not " + util::quoted(table.field(instrument)));
        return std::nullopt;
    }
    return parsed;
}

std::string invalid_answer_reason(core::AnswerKind kind, std::string_view text) {
    return "answer " + util::quoted(text) +
           (core::is_yes_no(kind) ? " is not yes or no (มี/ไม่มี)" : " is out of range: the options are 1 to 4");
}

// Reads a responses file into a Sink: ScoringInputs (running sums, for scoring) or
// ResponseBatch (packed answers per respondent, for import).
template <typename Sink>
class ResponseReader {
public:
    ResponseReader(CsvTable& table, const util::MappedFile& file, Sink& inputs) :
            m_table(table), m_inputs(inputs), m_methodology(inputs.methodology()), m_progress(table, file, "responses") {
        m_specs = answer_specs(m_methodology);
    }

    // The row's respondent once looked up, and for ScoringInputs where its answers go.
    struct RowRespondent {
        std::optional<typename Sink::Respondent> who;
        std::optional<ScoringInputs::RespondentAnswers> answers;  // ScoringInputs only
    };
    static constexpr bool scores_directly = std::is_same_v<Sink, ScoringInputs>;

    struct RowKeys {
        std::size_t agency = 0;
        core::Instrument instrument = core::Instrument::iit;
        std::uint8_t part = 0;  // as ScoringInputs::Respondent::part
    };

    // The row's EIT respondent part: 0 when it names none; nullopt after reporting a problem.
    std::optional<std::uint8_t> row_part(std::optional<core::Instrument> kind) {
        if (!m_table.has_column(part)) return 0;
        const std::string_view code = m_table.field(part);
        if (code.empty()) return 0;
        const auto& parts = m_methodology.eit_parts();
        if (parts.empty()) {
            m_table.problem(part, "fiscal year " + std::to_string(m_methodology.fiscal_year) + " has no EIT parts: leave it empty");
            return std::nullopt;
        }
        if (kind && *kind != core::Instrument::eit) {
            m_table.problem(part, "only EIT responses belong to a part: leave it empty for IIT");
            return std::nullopt;
        }
        if (const auto index = parts.index(code)) return static_cast<std::uint8_t>(*index + 1);
        std::string codes;
        for (const auto& known : parts.parts) codes += (codes.empty() ? "" : ", ") + known.code;
        m_table.problem(part, "unknown EIT part " + util::quoted(code) + " (the parts are " + codes + ")");
        return std::nullopt;
    }

    // Checks the agency, instrument and part of the current row; nullopt when one is bad.
    std::optional<RowKeys> row_keys() {
        const auto agency = m_inputs.agency(m_table.field(agency_id));
        bool valid = true;
        if (m_table.field(agency_id).empty()) {
            m_table.problem(agency_id, "must not be empty");
            valid = false;
        } else if (!agency) {
            m_table.problem(agency_id, "unknown agency " + util::quoted(m_table.field(agency_id)) + " (not in the agencies file)");
            valid = false;
        }
        const auto kind = survey_instrument(m_table);
        if (m_table.field(respondent).empty()) {
            m_table.problem(respondent, "must not be empty");
            valid = false;
        }
        const auto row_part_index = row_part(kind);
        if (!valid || !kind || !row_part_index) return std::nullopt;
        return RowKeys{*agency, *kind, *row_part_index};
    }

    // Scores one answer cell; hands a problem to `report` when it is bad.
    template <typename Report>
    void record(RowRespondent& row, const RowKeys& keys, std::size_t sub_item, std::string_view text, Report&& report) {
        auto& who = row.who;
        const AnswerSpec& spec = m_specs[sub_item];
        const core::Instrument kind = keys.instrument;
        if (spec.instrument != kind) {
            report("question " + m_methodology.sub_items[sub_item].code + " belongs to " +
                   std::string(core::instrument_code(spec.instrument)) + ", not " + std::string(core::instrument_code(kind)));
            return;
        }
        const int option = answer_option(spec, text);
        if (option < 0) {
            report(invalid_answer_reason(spec.kind, text));
            return;
        }
        // Looked up once per row, and only for a row with a valid answer.
        if (!who) {
            who = m_inputs.respondent(keys.agency, kind, m_table.field(respondent), m_table.line(), keys.part);
            if (m_inputs.part_of(*who) != keys.part) {
                m_table.problem(part, "respondent " + util::quoted(m_table.field(respondent)) + " of agency " +
                                          std::string(m_table.field(agency_id)) + " is in " + part_name(m_inputs.part_of(*who)) +
                                          " on an earlier row, " + part_name(keys.part) + " here");
                return;
            }
            if constexpr (scores_directly) row.answers = m_inputs.answers_of(*who);
        }
        const double points = spec.points[static_cast<std::size_t>(option)];
        typename Sink::AnswerOutcome outcome{};
        if constexpr (scores_directly)
            outcome = row.answers->record(sub_item, points);
        else
            outcome = m_inputs.record_answer(*who, sub_item, static_cast<std::size_t>(option), points);
        if (outcome == Sink::AnswerOutcome::duplicate)
            report("respondent " + util::quoted(m_table.field(respondent)) + " of agency " + std::string(m_table.field(agency_id)) +
                   " answered " + m_methodology.sub_items[sub_item].code + " twice");
    }

    void read_long() {
        while (m_table.next_row()) {
            m_progress.tick();
            const auto keys = row_keys();
            const std::string_view code = m_table.field(question);
            const auto sub_item = m_methodology.sub_item_index(code);
            if (!sub_item) m_table.problem(question, unknown_code_reason(m_methodology, code));
            if (!keys || !sub_item) continue;
            const std::string_view text = m_table.field(answer);
            if (text.empty()) continue;  // not answered
            RowRespondent who;
            record(who, *keys, *sub_item, text, [&](std::string reason) {
                const Column column = reason.starts_with("question") ? question : answer;
                m_table.problem(column, std::move(reason));
            });
        }
    }

    void read_wide() {
        // Map every extra column to its sub-item once.
        std::vector<std::pair<std::size_t, std::size_t>> columns;  // position, sub-item
        for (const std::size_t position : m_table.extra_columns()) {
            const std::string& code = m_table.header()[position];
            if (const auto sub_item = m_methodology.sub_item_index(code))
                columns.emplace_back(position, *sub_item);
            else {
                m_problems_in_header = true;
                header_problem(position, unknown_code_reason(m_methodology, code));
            }
        }
        if (m_problems_in_header) return;
        while (m_table.next_row()) {
            m_progress.tick();
            const auto keys = row_keys();
            if (!keys) continue;
            RowRespondent who;
            for (const auto& [position, sub_item] : columns) {
                const std::string_view text = m_table.field_at(position);
                if (text.empty()) continue;
                record(who, *keys, sub_item, text, [&, at = position](std::string reason) { m_table.problem_at(at, std::move(reason)); });
            }
        }
    }

private:
    std::string part_name(std::uint8_t index) const {
        return index == 0 ? std::string("no part") : "part " + m_methodology.eit_parts().parts[index - 1u].code;
    }

    void header_problem(std::size_t position, std::string message) {
        // Reported against line 1, the header.
        m_table.problem_at(position, std::move(message));
    }

    CsvTable& m_table;
    Sink& m_inputs;
    std::vector<AnswerSpec> m_specs;
    const core::Methodology& m_methodology;
    RowProgress m_progress;
    bool m_problems_in_header = false;
};

template <typename Sink>
Result<void> read_responses_into(const std::string& path, Sink& inputs) {
    return read_csv_file(path, "responses", [&](CsvTable& table, const util::MappedFile& file) {
        // Long form names its question and answer columns; anything else is wide form.
        if (!table.read_header({{"agency_id"}, {"instrument"}, {"respondent"}, {"question", false}, {"answer", false}, {"part", false}},
                               true))
            return;
        ResponseReader<Sink> reader(table, file, inputs);
        const bool long_form = table.has_column(question) || table.has_column(answer);
        if (long_form) {
            for (const std::size_t position : table.extra_columns())
                table.problem_at(position,
                                 "unknown column in a long-form responses file (expected: agency_id, instrument, "
                                 "respondent, question, answer, and optionally part)");
            if (!table.has_column(question) || !table.has_column(answer)) {
                table.problem(table.has_column(question) ? answer : question, "long form needs both question and answer columns");
                return;
            }
            if (!table.extra_columns().empty()) return;
            reader.read_long();
        } else {
            if (table.extra_columns().empty()) {
                table.problem(respondent, "no question columns: give question,answer (long form) or one column per sub-item (wide form)");
                return;
            }
            reader.read_wide();
        }
    });
}

}  // namespace

Result<void> read_responses(const std::string& path, ScoringInputs& inputs) {
    // Well-formed long form is read on every core; everything else, and every problem, here.
    if (!inputs.has_respondents() && read_long_form_in_parallel(path, inputs)) return {};
    return read_responses_into(path, inputs);
}
Result<void> read_responses(const std::string& path, ResponseBatch& batch) { return read_responses_into(path, batch); }

}  // namespace ita::ingest
