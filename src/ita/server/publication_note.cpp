#include <ita/server/publication_note.hpp>

#include <ita/thai/dates.hpp>

namespace ita::server {

void set_publication_note(data& context, const service::PublishedYear& year) {
    const auto& versions = year.versions;
    context.set("published_on", thai::short_thai_time(versions.empty() ? year.publication.public_from : versions.front().public_from));
    data corrections{data::type::list};
    data earlier{data::type::list};
    for (const auto& version : versions) {
        if (version.version > 1) {
            data row;
            row.set("version", std::to_string(version.version));
            row.set("date", thai::short_thai_time(version.public_from));
            row.set("reason", version.reason);
            corrections.push_back(row);
        }
        if (version.publication_id != year.publication.publication_id) {
            data row;
            row.set("version", std::to_string(version.version));
            row.set("csv", "/data/" + std::to_string(year.fiscal_year()) + "/scores.csv?version=" + std::to_string(version.version));
            earlier.push_back(row);
        }
    }
    context.set("corrected", flag(!corrections.is_empty_list()));
    context.set("corrections", corrections);
    context.set("earlier_versions", earlier);
}

}  // namespace ita::server
