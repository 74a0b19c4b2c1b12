// PublicResults: everything the public pages show, read from the published results (never
// from live scores), for every published fiscal year: each agency's frozen scores, its rank
// within type, margins of error, the national figures, and a search index of the agencies.
// Built once per public generation (see Store::public_generation) and then shared read-only
// by every request thread: thread-safe to read.
#pragma once

#include <ita/core/margin.hpp>
#include <ita/report/rank_outputs.hpp>
#include <ita/report/score_outputs.hpp>
#include <ita/storage/store.hpp>

#include <memory>
#include <unordered_map>

namespace ita::service {

// One published fiscal year.
struct PublishedYear {
    storage::Publication publication;            // the version in force
    std::vector<storage::Publication> versions;  // every public version, oldest first
    core::Methodology methodology;
    std::vector<report::ScoredAgency> scored;                                  // agencies in the published results, by id
    std::vector<std::optional<core::RankPosition>> positions;                  // per `scored`
    std::vector<core::ScoreMargins> margins;                                   // per `scored`
    std::vector<std::optional<long long>> headcounts;                          // per `scored`
    report::RankReport ranks;                                                  // national figures; agencies by type, then rank
    std::unordered_map<std::string, std::size_t> index;                        // agency id → position in `scored`
    std::unordered_map<std::string, std::vector<std::size_t>> ranked_by_type;  // rank order; see index_ranks()

    // Fills `ranked_by_type` from `positions` (ties in agency-id order); call once they are set.
    void index_ranks();

    [[nodiscard]] int fiscal_year() const { return publication.fiscal_year; }
    [[nodiscard]] std::optional<std::size_t> find(const std::string& agency_id) const;
    // The agency's neighbours in its type: up to `around` ranked agencies either side, in rank
    // order, the agency itself included (positions in `scored`).
    [[nodiscard]] std::vector<std::size_t> rank_neighbours(std::size_t agency, std::size_t around) const;
    // The ranks of the agencies of its type whose overall cannot be told apart from its own
    // (core::distinguishable), as [first, last]; nullopt when it is not ranked.
    [[nodiscard]] std::optional<std::pair<int, int>> indistinguishable_ranks(std::size_t agency) const;
    // Mean of each indicator over the agencies that have it.
    [[nodiscard]] std::vector<std::optional<double>> indicator_means() const;
};

struct SearchHit {
    const core::Agency* agency = nullptr;
};

class PublicResults {
public:
    std::int64_t generation = 0;
    std::vector<core::Agency> agencies;                 // every agency known
    std::vector<std::unique_ptr<PublishedYear>> years;  // newest first; point into `agencies`

    [[nodiscard]] const PublishedYear* year(int fiscal_year) const;
    [[nodiscard]] const PublishedYear* latest() const { return years.empty() ? nullptr : years.front().get(); }
    // The latest published year before `fiscal_year`, if any.
    [[nodiscard]] const PublishedYear* previous(int fiscal_year) const;
    [[nodiscard]] const core::Agency* agency(const std::string& agency_id) const;
    // Agencies whose name, province, type or id hold every word of the query (thai::search_key),
    // best first: the name equal to the query, then the name holding all of it, then every word
    // found, then every word found once leading vowels are set aside; at most `limit`.
    [[nodiscard]] std::vector<const core::Agency*> search(std::string_view query, std::size_t limit) const;

    void build_search_index();

private:
    struct SearchEntry {
        std::string name_key;
        std::string all_key;    // name, province and type keys, separated by '\n'
        std::string loose_key;  // all_key without leading vowels (thai::skeleton_key)
    };
    std::vector<SearchEntry> m_search;
    std::unordered_map<std::string, std::size_t> m_agency_index;
};

// Reads every publication. Fails when the store fails or a published row cannot be read.
Result<std::shared_ptr<const PublicResults>> load_public_results(storage::Store& store, const std::optional<std::string>& methodology_dir);

// An earlier public version of a published year, read on demand (its national files stay
// downloadable after a correction); not_found unless `version` is one of `year.versions`.
Result<std::unique_ptr<PublishedYear>> load_published_version(storage::Store& store, const PublicResults& results,
                                                              const PublishedYear& year, int version,
                                                              const std::optional<std::string>& methodology_dir);

}  // namespace ita::service
