// Read-only routes over stored results: /healthz, the JSON scores of an agency, and the
// agency's report downloads (PDF, DOCX, XLSX, HTML) — for anyone once the year is published,
// before that for the agency's working group, auditors and national admins. Each request opens its own store
// connection, so server processes keep no state of their own.
#pragma once

#include <ita/server/router.hpp>
#include <ita/storage/store.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ita::server {

struct ResultsContext {
    std::string db;
    std::optional<std::string> methodology_dir;
    std::string db_read;                         // a read replica for the public pages (--db-read); empty: `db`
    int public_posts_per_address_per_hour = 30;  // against stuffing of the public survey
    std::string public_url;                      // --public-url: what posters and code cards print; empty: the request's Host
};

void add_results_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
