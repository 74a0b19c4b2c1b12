#include <ita/app/check_urls_command.hpp>

#include <ita/app/output_file.hpp>
#include <ita/report/evidence_outputs.hpp>

#include <iostream>

namespace ita::app {

int run_check_urls_command(const CheckUrlsCommand& command) {
    auto store = storage::open_store(command.db);
    if (!store) {
        std::cerr << "ita check-urls: " << store.error().to_string() << "\n";
        return exit_code_for(store.error());
    }
    const auto checks = service::check_evidence_addresses(**store, command.request);
    if (!checks) {
        std::cerr << "ita check-urls: " << checks.error().to_string() << "\n";
        return exit_code_for(checks.error());
    }
    return write_output("ita check-urls", command.out, [&](std::ostream& out) {
        if (command.json) report::write_url_checks_json(out, *checks);
        else report::write_url_checks_table(out, *checks);
    });
}

}  // namespace ita::app
