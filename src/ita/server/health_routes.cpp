#include <ita/server/health_routes.hpp>

#include <ita/server/status_mapping.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/util/metrics.hpp>

#include <unistd.h>
#include <cstdio>
#include <cstdlib>

namespace ita::server {

bool is_loopback(const std::string& remote) { return remote.starts_with("127.") || remote == "::1" || remote.starts_with("::ffff:127."); }

void add_health_routes(Router& router, const ResultsContext& context, const std::string& version) {
    // A test hook, as storage's fault injection: with ITA_TEST_HOLD_HEALTHZ=PATH a /healthz request
    // creates PATH and is held until PATH is removed (10 s at most), so a test can stop the server
    // with a request surely in flight. Unset, it costs nothing.
    static const char* const hold_marker = std::getenv("ITA_TEST_HOLD_HEALTHZ");
    // Liveness: the process answers and its database connection reads the schema. The first line
    // stays "ok" for scripts; the second names the build.
    router.add("GET", "/healthz", [context, version](const HttpRequest&) {
        if (hold_marker && *hold_marker) {
            std::FILE* marker = std::fopen(hold_marker, "w");
            if (marker) std::fclose(marker);
            for (int waited = 0; waited < 1000 && ::access(hold_marker, F_OK) == 0; ++waited) ::usleep(10'000);
        }
        auto store = lease_store(context.db);
        if (!store) return error_response(store.error());
        auto schema = (*store)->schema_version();
        if (!schema) return error_response(schema.error());
        return text_response(200, "ok\n" + version + "\n");
    });
    // Readiness: the database answers a query now, at exactly the schema this build needs (a
    // rolling upgrade's old process reports "not ready" once the schema moved on). Names no database.
    router.add("GET", "/readyz", [context](const HttpRequest&) {
        auto store = lease_store(context.db);
        if (!store) return text_response(503, "not ready: the database does not answer\n");
        auto schema = (*store)->schema_version();
        if (!schema) return text_response(503, "not ready: the database does not answer\n");
        const int needed = storage::newest_schema_version();
        // A newer ita migrated it, and recorded that this one may still run on it: the previous
        // release's processes stay ready while each is restarted (a rolling upgrade).
        const auto readable = (*store)->schema_readable_from();
        if (*schema > needed && readable && *readable > 0 && *readable <= needed)
            return text_response(200, "ready (the database is at schema " + std::to_string(*schema) + ", which this ita may run on)\n");
        if (*schema != needed)
            return text_response(503, "not ready: the database is at schema " + std::to_string(*schema) + ", this ita needs " +
                                          std::to_string(needed) +
                                          (*schema < needed ? " (run ita migrate)" : " (a newer ita migrated it)") + "\n");
        return text_response(200, "ready\n");
    });
    router.add("GET", "/metrics", [](const HttpRequest& request) {
        // Only a scraper on this host, talking to the process directly: nginx forwards a
        // client's address, which is not loopback, and its site refuses the path anyway.
        if (!is_loopback(request.remote)) return json_error(404, "no such page: /metrics");
        auto response = text_response(200, util::metrics::exposition());
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return response;
    });
}

}  // namespace ita::server
