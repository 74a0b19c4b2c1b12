// The dated note the public pages carry about a year's publication: when it was published
// and, after a correction, each correction's date and reason with links to the national files
// of every earlier version (which stay readable).
#pragma once

#include <ita/server/page_template.hpp>
#include <ita/service/public_results.hpp>

namespace ita::server {

// Sets "published_on", "corrected" and "corrections" (version, date, reason) and
// "earlier_versions" (version, csv) in `context`.
void set_publication_note(data& context, const service::PublishedYear& year);

}  // namespace ita::server
