#include <ita/app/serve_command.hpp>

#include <malloc.h>

#include <ita/server/pages.hpp>

#include <ita/app/output_file.hpp>
#include <ita/app/version.hpp>
#include <ita/server/account_admin_routes.hpp>
#include <ita/server/account_routes.hpp>
#include <ita/server/admin_routes.hpp>
#include <ita/server/api_routes.hpp>
#include <ita/server/health_routes.hpp>
#include <ita/server/http_server.hpp>
#include <ita/server/integrity_routes.hpp>
#include <ita/server/measure_routes.hpp>
#include <ita/server/national_routes.hpp>
#include <ita/server/oit_routes.hpp>
#include <ita/server/progress_routes.hpp>
#include <ita/server/public_routes.hpp>
#include <ita/server/public_url.hpp>
#include <ita/server/results_routes.hpp>
#include <ita/server/review_assignment_routes.hpp>
#include <ita/server/survey_routes.hpp>
#include <ita/service/accounts.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/log.hpp>
#include <ita/util/text.hpp>

#include <filesystem>
#include <iostream>
#include <thread>

namespace ita::app {

int run_serve_command(const ServeCommand& command) {
    // A report download allocates a few megabytes and frees them at once; glibc would hand that
    // memory back to the kernel and fault it in again on the next download (5 % of a served
    // PDF). Keep up to 64 MB of freed heap, and serve blocks up to 4 MB from it.
    ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
    const auto colon = command.listen.rfind(':');
    const auto port = colon == std::string::npos ? std::nullopt : util::parse_integer(command.listen.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) {
        std::cerr << "ita serve: --listen must be ADDRESS:PORT, such as 127.0.0.1:8080\n";
        return 2;
    }
    if (auto logging = util::use_json_log(command.log_file); !logging) {
        std::cerr << "ita serve: --log-file: " << logging.error().to_string() << "\n";
        return 2;
    }
    if (!command.template_dir.empty()) {
        std::error_code unreadable;
        if (!std::filesystem::is_directory(command.template_dir, unreadable)) {
            std::cerr << "ita serve: --templates: " << command.template_dir << " is not a folder\n";
            return 2;
        }
        server::use_template_dir(command.template_dir);
    }
    service::set_sign_in_policy({.session_seconds = std::int64_t{command.session_hours} * 3600,
                                 .failures_per_user_and_address = command.failures_per_user_and_address,
                                 .failures_per_address = command.failures_per_address});
    // Opened once before listening, so a bad database fails at start, not per request. A schema
    // older than this build's is refused (upgrading is `ita migrate`, a step of its own).
    if (auto store = storage::open_store(command.db, storage::Migrations::refuse_older); !store) {
        std::cerr << "ita serve: " << store.error().to_string() << "\n";
        return exit_code_for(store.error());
    }
    if (!command.db_read.empty())
        if (auto replica = storage::open_store(command.db_read, storage::Migrations::refuse_older); !replica) {
            std::cerr << "ita serve: --db-read: " << replica.error().to_string() << "\n";
            return exit_code_for(replica.error());
        }
    server::Router router;
    router.set_miss(server::missing_page);
    router.set_error_page(server::browser_error_page);
    if (!command.public_url.empty() && !server::is_public_base_url(command.public_url)) {
        std::cerr << "ita serve: --public-url must be http:// or https:// and a host, such as https://ita.example.go.th\n";
        return 2;
    }
    const server::ResultsContext context{command.db, command.methodology_dir, command.db_read, command.public_posts_per_address_per_hour,
                                         command.public_url};
    auto public_cache = std::make_shared<server::PublicCache>(command.db_read.empty() ? command.db : command.db_read,
                                                              command.methodology_dir, std::chrono::milliseconds(command.public_check_ms));
    server::add_results_routes(router, context);
    server::add_survey_routes(router, context);
    server::add_account_routes(router, context);
    server::add_account_admin_routes(router, context);
    server::add_progress_routes(router, context);
    server::add_review_assignment_routes(router, context);
    server::add_admin_routes(router, context);
    server::add_measure_routes(router, context, public_cache);
    std::shared_ptr<service::EvidenceMonitor> evidence_monitor;
    if (command.check_evidence) {
        service::EvidenceMonitorOptions monitor;
        monitor.db = command.db;
        monitor.methodology_dir = command.methodology_dir;
        monitor.limits.allow_private_addresses = command.evidence_allow_private_addresses;
        monitor.nightly_minute = command.evidence_nightly_minute;
        evidence_monitor = std::make_shared<service::EvidenceMonitor>(std::move(monitor));
    }
    server::add_oit_routes(router, context, evidence_monitor);
    server::add_integrity_routes(router, context);
    server::add_national_routes(router, context, public_cache);
    server::add_public_routes(router, context, public_cache);
    server::add_api_routes(router, context, evidence_monitor);
    server::add_health_routes(router, context, version_text());
    server::ServerOptions options;
    options.address = command.listen.substr(0, colon);
    options.port = static_cast<std::uint16_t>(*port);
    options.threads = command.threads > 0 ? command.threads : std::max(1u, std::thread::hardware_concurrency());
    options.trusted_proxies = command.trusted_proxies;
    options.max_body_bytes = command.max_body_kb * 1024;
    options.request_timeout_seconds = command.request_timeout_seconds;
    if (auto served = server::run_until_signalled(options, router); !served) {
        std::cerr << "ita serve: " << served.error().to_string() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace ita::app
