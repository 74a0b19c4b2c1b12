#include <ita/app/integrity_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/integrity_outputs.hpp>

#include <iostream>

namespace ita::app {

int run_integrity_command(const IntegrityCommand& command) {
    auto store = storage::open_store(command.db);
    if (!store) {
        std::cerr << "ita integrity: " << store.error().to_string() << "\n";
        return exit_code_for(store.error());
    }
    const auto rows = service::assess_response_integrity(**store, command.request);
    if (!rows) {
        std::cerr << "ita integrity: " << rows.error().to_string() << "\n";
        return exit_code_for(rows.error());
    }
    return write_output("ita integrity", command.out, [&](std::ostream& out) {
        if (command.json)
            report::write_integrity_json(out, command.request.fiscal_year, *rows);
        else
            report::write_integrity_text(out, *rows);
    });
}

}  // namespace ita::app
