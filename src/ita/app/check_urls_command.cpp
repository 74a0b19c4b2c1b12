#include <ita/app/check_urls_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/evidence_outputs.hpp>
#include <ita/util/clock.hpp>

#include <iostream>

namespace ita::app {

int run_check_urls_command(const CheckUrlsCommand& command) {
    auto store = storage::open_store(command.db);
    if (!store) {
        std::cerr << "ita check-urls: " << store.error().to_string() << "\n";
        return exit_code_for(store.error());
    }
    if (command.due) {
        if (!command.request.agency_id) {
            std::cerr << "ita check-urls: --due needs --agency\n";
            return 2;
        }
        const std::string today = command.today.value_or(util::bangkok_date_today());
        const auto workspace = service::oit_workspace(**store, command.request.fiscal_year, *command.request.agency_id,
                                                      command.request.methodology_dir, today);
        if (!workspace) {
            std::cerr << "ita check-urls: " << workspace.error().to_string() << "\n";
            return exit_code_for(workspace.error());
        }
        std::vector<report::DueRow> rows;
        for (const auto& due : service::readiness_due(*workspace, today))
            rows.push_back({due.item->code, due.item->name, report::due_description(due.due, command.request.fiscal_year), due.due.due_on,
                            due.days, due.entered, due.check ? due.check->status : "", due.check ? due.check->reason : ""});
        return write_output("ita check-urls", command.out, [&](std::ostream& out) {
            if (command.json)
                report::write_due_json(out, *command.request.agency_id, command.request.fiscal_year, today, rows);
            else
                report::write_due_table(out, rows);
        });
    }
    const auto checks = service::check_evidence_addresses(**store, command.request);
    if (!checks) {
        std::cerr << "ita check-urls: " << checks.error().to_string() << "\n";
        return exit_code_for(checks.error());
    }
    return write_output("ita check-urls", command.out, [&](std::ostream& out) {
        if (command.json)
            report::write_url_checks_json(out, *checks);
        else
            report::write_url_checks_table(out, *checks);
    });
}

}  // namespace ita::app
