#include <ita/app/measures_command.hpp>

#include <ita/report/effect_outputs.hpp>
#include <ita/service/measure_effectiveness.hpp>
#include <ita/service/measures.hpp>
#include <ita/util/calendar.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/measure_outputs.hpp>
#include <ita/util/clock.hpp>

#include <iostream>

namespace ita::app {

namespace {

int report_error(const Error& error) {
    std::cerr << "ita measures: " << error.to_string() << "\n";
    return exit_code_for(error);
}

int list(storage::Store& store, const MeasuresCommand& command) {
    auto measures = store.measures(command.fiscal_year, command.agency_id);
    if (!measures) return report_error(measures.error());
    const std::string today = command.today.value_or(util::bangkok_date_today());
    std::vector<report::MeasureView> views;
    for (const auto& measure : *measures) {
        const auto state = core::reporting_state(measure, today);
        if (command.only_overdue && !state.overdue) continue;
        if (command.only_due_soon && !state.due_soon) continue;
        views.push_back({&measure, state});
    }
    return write_output("ita measures", std::nullopt, [&](std::ostream& out) {
        if (command.json)
            report::write_measures_json(out, views);
        else
            report::write_measures_text(out, views);
    });
}

// The stored measure `id` of the year, for an update.
Result<core::Measure> stored_measure(storage::Store& store, int fiscal_year, std::int64_t id) {
    ITA_TRY(measures, store.measures(fiscal_year, std::nullopt));
    for (auto& measure : measures)
        if (measure.measure_id == id) return measure;
    return fail(ErrorCode::not_found, "no measure " + std::to_string(id) + " in fiscal year " + std::to_string(fiscal_year));
}

// Fields given on the command line replace the stored ones.
void overlay(core::Measure& stored, const MeasuresCommand& command) {
    const auto& given = command.measure;
    if (command.agency_id) stored.agency_id = *command.agency_id;
    if (!given.targets.empty()) stored.targets = given.targets;
    for (auto [field, value] : {std::pair{&stored.title, &given.title},
                                {&stored.analysis, &given.analysis},
                                {&stored.steps, &given.steps},
                                {&stored.responsible, &given.responsible},
                                {&stored.start_on, &given.start_on},
                                {&stored.end_on, &given.end_on}})
        if (!value->empty()) *field = *value;
    if (command.cadence) stored.cadence = core::parse_cadence(*command.cadence).value_or(stored.cadence);
    if (command.status) stored.status = core::parse_measure_status(*command.status).value_or(stored.status);
}

}  // namespace

int run_measures_command(MeasuresCommand command) {
    auto opened = storage::open_store(command.db);
    if (!opened) return report_error(opened.error());
    auto& store = **opened;
    if (command.cadence && !core::parse_cadence(*command.cadence)) {
        std::cerr << "ita measures: --cadence must be monthly, quarterly or half-yearly\n";
        return 2;
    }
    switch (command.action) {
        case MeasuresAction::draft: {
            const auto added =
                service::draft_measures(store, {command.fiscal_year, *command.agency_id, command.methodology_dir, command.actor});
            if (!added) return report_error(added.error());
            std::cerr << "ita measures: " << added->size() << " draft measures added\n";
            std::vector<report::MeasureView> views;
            for (const auto& measure : *added) views.push_back({&measure, {}});
            report::write_measures_text(std::cout, views);
            return 0;
        }
        case MeasuresAction::list: return list(store, command);
        case MeasuresAction::effect: {
            const auto effectiveness =
                service::measure_effectiveness(store, {command.fiscal_year, command.agency_id, command.methodology_dir});
            if (!effectiveness) return report_error(effectiveness.error());
            const report::EffectivenessView view{effectiveness->fiscal_year, effectiveness->baseline_year, effectiveness->outcome_published,
                                                 effectiveness->all,         effectiveness->names,         effectiveness->listed,
                                                 effectiveness->library};
            if (command.json)
                report::write_effectiveness_json(std::cout, view);
            else
                report::write_effectiveness_text(std::cout, view);
            return 0;
        }
        case MeasuresAction::add: {
            core::Measure measure = command.measure;
            measure.fiscal_year = command.fiscal_year;
            measure.agency_id = command.agency_id.value_or("");
            // A measure added without --status is a draft, as the Measure type's default says.
            if (command.status) measure.status = core::parse_measure_status(*command.status).value_or(measure.status);
            if (command.cadence) measure.cadence = *core::parse_cadence(*command.cadence);
            if (auto valid = core::validate_measure(measure); !valid) return report_error(valid.error());
            const auto id = store.add_measure(measure, command.actor);
            if (!id) return report_error(id.error());
            std::cout << *id << "\n";
            return 0;
        }
        case MeasuresAction::update: {
            auto measure = stored_measure(store, command.fiscal_year, command.measure_id);
            if (!measure) return report_error(measure.error());
            overlay(*measure, command);
            if (auto valid = core::validate_measure(*measure); !valid) return report_error(valid.error());
            if (auto updated = store.update_measure(*measure, command.actor); !updated) return report_error(updated.error());
            return 0;
        }
        case MeasuresAction::progress: {
            if (command.report.percent < 0 || command.report.percent > 100) {
                std::cerr << "ita measures: --percent must be from 0 to 100\n";
                return 2;
            }
            if (command.report.reported_on.empty()) command.report.reported_on = command.today.value_or(util::bangkok_date_today());
            if (!util::is_iso_date(command.report.reported_on)) {
                std::cerr << "ita measures: --date must be a date YYYY-MM-DD, not '" << command.report.reported_on << "'\n";
                return 2;
            }
            // `--year` may be left out: the measure knows its own.
            int year = command.fiscal_year;
            if (year == 0) {
                auto known = store.measure_fiscal_year(command.measure_id);
                if (!known) return report_error(known.error());
                year = known->value_or(0);
            }
            auto measure = stored_measure(store, year, command.measure_id);
            if (!measure) return report_error(measure.error());
            if (auto added = service::add_progress(store, *measure, command.report, command.actor,
                                                   command.today.value_or(util::bangkok_date_today()));
                !added)
                return report_error(added.error());
            return 0;
        }
        case MeasuresAction::remove:
            if (auto removed = store.remove_measure(command.measure_id, command.actor); !removed) return report_error(removed.error());
            return 0;
        case MeasuresAction::constraints_set:
            if (auto set = store.set_constraints(command.fiscal_year, *command.agency_id, command.constraints, command.actor); !set)
                return report_error(set.error());
            return 0;
        case MeasuresAction::constraints_show: {
            const auto constraints = store.constraints(command.fiscal_year, *command.agency_id);
            if (!constraints) return report_error(constraints.error());
            report::write_constraints_text(std::cout, *constraints);
            return 0;
        }
    }
    return 2;
}

}  // namespace ita::app
