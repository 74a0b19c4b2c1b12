// Open data: every published figure as a download, and the embeddable score badge. The
// national files carry the columns of `ita rank` and are streamed as they are written; the
// per-agency CSV is in the published-scores contract (agency_id,level,code,score), so it can
// be imported again. Thread-safe (read-only inputs).
#pragma once

#include <ita/server/http_types.hpp>
#include <ita/service/public_results.hpp>

#include <string>

namespace ita::server {

enum class DataFormat { csv, json, xlsx };

// Writes the year's national scores in `format` through `write` (CSV with a UTF-8 BOM).
void write_national_scores(const service::PublishedYear& year, DataFormat format, const BodyWriter& write);
// The agency's published scores at every level the publication holds.
std::string agency_scores_csv(const service::PublishedYear& year, std::size_t agency);
std::string agency_scores_json(const service::PublishedYear& year, std::size_t agency);
// A 220×28 SVG: "ITA <year>" and the score, coloured by pass or fail; "no result" without one.
std::string score_badge_svg(const service::PublishedYear* year, std::optional<std::size_t> agency);

const char* content_type_of(DataFormat format);

}  // namespace ita::server
