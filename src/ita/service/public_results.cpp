#include <ita/service/public_results.hpp>

#include <ita/ingest/methodology_reader.hpp>
#include <ita/ingest/score_json_reader.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/service/rank_nation.hpp>
#include <ita/service/score_store.hpp>
#include <ita/thai/search_key.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

namespace ita::service {

std::optional<std::size_t> PublishedYear::find(const std::string& agency_id) const {
    const auto found = index.find(agency_id);
    if (found == index.end()) return std::nullopt;
    return found->second;
}

void PublishedYear::index_ranks() {
    ranked_by_type.clear();
    for (std::size_t position = 0; position < scored.size(); ++position)
        if (positions[position]) ranked_by_type[scored[position].agency->type].push_back(position);
    for (auto& [type, members] : ranked_by_type)
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            if (positions[a]->rank != positions[b]->rank) return positions[a]->rank < positions[b]->rank;
            return scored[a].agency->agency_id < scored[b].agency->agency_id;
        });
}

std::vector<std::size_t> PublishedYear::rank_neighbours(std::size_t agency, std::size_t around) const {
    if (!positions[agency]) return {};
    const auto& members = ranked_by_type.at(scored[agency].agency->type);
    const auto at = static_cast<std::size_t>(std::find(members.begin(), members.end(), agency) - members.begin());
    const std::size_t first = at > around ? at - around : 0;
    const std::size_t last = std::min(members.size(), at + around + 1);
    return {members.begin() + static_cast<std::ptrdiff_t>(first), members.begin() + static_cast<std::ptrdiff_t>(last)};
}

std::optional<std::pair<int, int>> PublishedYear::indistinguishable_ranks(std::size_t agency) const {
    if (!positions[agency] || !scored[agency].scores.overall) return std::nullopt;
    const double own = *scored[agency].scores.overall;
    std::pair<int, int> range{positions[agency]->rank, positions[agency]->rank};
    for (const std::size_t other : ranked_by_type.at(scored[agency].agency->type)) {
        if (core::distinguishable(own, margins[agency].overall, *scored[other].scores.overall, margins[other].overall)) continue;
        range.first = std::min(range.first, positions[other]->rank);
        range.second = std::max(range.second, positions[other]->rank);
    }
    return range;
}

std::vector<std::optional<double>> PublishedYear::indicator_means() const {
    std::vector<std::optional<double>> means(methodology.indicators.size());
    for (std::size_t indicator = 0; indicator < means.size(); ++indicator) {
        double sum = 0;
        std::size_t count = 0;
        for (const auto& entry : scored)
            if (const auto& value = entry.scores.indicators[indicator]) {
                sum += *value;
                ++count;
            }
        if (count > 0) means[indicator] = sum / static_cast<double>(count);
    }
    return means;
}

const PublishedYear* PublicResults::year(int fiscal_year) const {
    for (const auto& entry : years)
        if (entry->fiscal_year() == fiscal_year) return entry.get();
    return nullptr;
}

const PublishedYear* PublicResults::previous(int fiscal_year) const {
    for (const auto& entry : years)  // newest first
        if (entry->fiscal_year() < fiscal_year) return entry.get();
    return nullptr;
}

const core::Agency* PublicResults::agency(const std::string& agency_id) const {
    const auto found = m_agency_index.find(agency_id);
    return found == m_agency_index.end() ? nullptr : &agencies[found->second];
}

void PublicResults::build_search_index() {
    m_search.clear();
    m_agency_index.clear();
    for (std::size_t index = 0; index < agencies.size(); ++index) {
        const auto& agency = agencies[index];
        m_agency_index.emplace(agency.agency_id, index);
        SearchEntry entry{thai::search_key(agency.name), {}, {}};
        entry.all_key = entry.name_key + "\n" + thai::search_key(agency.province) + "\n" + thai::search_key(agency.type) + "\n" +
                        thai::search_key(agency.agency_id);
        entry.loose_key = thai::skeleton_key(entry.all_key);
        m_search.push_back(std::move(entry));
    }
}

namespace {

// Finds one word in many keys. Thai UTF-8 starts every letter with the byte E0, which defeats
// std::string::find's first-byte scan; Boyer-Moore-Horspool skips on the last byte instead.
class WordFinder {
public:
    explicit WordFinder(std::string word) : m_word(std::move(word)), m_searcher(m_word.begin(), m_word.end()) {}
    [[nodiscard]] bool in(const std::string& text) const { return std::search(text.begin(), text.end(), m_searcher) != text.end(); }

private:
    std::string m_word;
    std::boyer_moore_horspool_searcher<std::string::const_iterator> m_searcher;
};

bool all_in(const std::vector<std::unique_ptr<WordFinder>>& words, const std::string& text) {
    return std::all_of(words.begin(), words.end(), [&](const auto& word) { return word->in(text); });
}

}  // namespace

std::vector<const core::Agency*> PublicResults::search(std::string_view query, std::size_t limit) const {
    std::vector<std::unique_ptr<WordFinder>> words, loose_words;
    std::istringstream split{std::string(query)};
    for (std::string word; split >> word;)
        if (auto key = thai::search_key(word); !key.empty()) {
            loose_words.push_back(std::make_unique<WordFinder>(thai::skeleton_key(key)));
            words.push_back(std::make_unique<WordFinder>(std::move(key)));
        }
    if (words.empty()) return {};
    const std::string whole_key = thai::search_key(query);
    const WordFinder whole(whole_key);
    std::vector<std::pair<int, std::size_t>> hits;  // (tier, agency): lower tiers first
    for (std::size_t index = 0; index < m_search.size(); ++index) {
        const auto& entry = m_search[index];
        const int tier = entry.name_key == whole_key            ? 0
                         : whole.in(entry.name_key)             ? 1
                         : all_in(words, entry.all_key)         ? 2
                         : all_in(loose_words, entry.loose_key) ? 3
                                                                : -1;
        if (tier >= 0) hits.emplace_back(tier, index);
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        return m_search[a.second].name_key.size() < m_search[b.second].name_key.size();
    });
    std::vector<const core::Agency*> found;
    for (std::size_t index = 0; index < hits.size() && index < limit; ++index) found.push_back(&agencies[hits[index].second]);
    return found;
}

namespace {

Result<std::unique_ptr<PublishedYear>> load_year(storage::Store& store, const PublicResults& results,
                                                 const storage::Publication& publication,
                                                 const std::optional<std::string>& methodology_dir) {
    auto year = std::make_unique<PublishedYear>();
    year->publication = publication;
    ITA_TRY(history, store.publication_history(publication.fiscal_year));
    for (auto& version : history)
        if (version.publication_id <= publication.publication_id) year->versions.push_back(std::move(version));
    ITA_TRY(methodology, methodology_in_force(store, publication.fiscal_year, methodology_dir));
    year->methodology = std::move(methodology);
    ITA_TRY(rows, store.published_version(publication.publication_id));
    ITA_TRY(headcounts, store.headcounts(publication.fiscal_year));
    year->scored.reserve(rows.size());
    for (const auto& row : rows) {
        const auto* agency = results.agency(row.agency_id);
        if (!agency) continue;  // cannot happen: published rows reference agencies
        const std::string source = "published result " + std::to_string(publication.fiscal_year) + "/" + row.agency_id;
        ITA_TRY(scores, ingest::read_agency_scores_json(year->methodology, row.detail_json, source));
        year->index.emplace(row.agency_id, year->scored.size());
        year->scored.push_back({agency, std::move(scores)});
        const auto counted = headcounts.find(row.agency_id);
        year->headcounts.push_back(counted != headcounts.end() ? std::optional<long long>(counted->second) : agency->headcount);
    }
    for (std::size_t index = 0; index < year->scored.size(); ++index)
        year->margins.push_back(core::score_margins(year->methodology, year->scored[index].scores, year->headcounts[index]));
    auto ranked = rank_scored(year->methodology, year->scored);
    year->ranks = std::move(ranked.report);
    year->positions = std::move(ranked.positions);
    year->index_ranks();
    return year;
}

}  // namespace

Result<std::unique_ptr<PublishedYear>> load_published_version(storage::Store& store, const PublicResults& results,
                                                              const PublishedYear& year, int version,
                                                              const std::optional<std::string>& methodology_dir) {
    for (const auto& publication : year.versions)
        if (publication.version == version) return load_year(store, results, publication, methodology_dir);
    return fail(ErrorCode::not_found,
                "fiscal year " + std::to_string(year.fiscal_year()) + " has no public version " + std::to_string(version));
}

Result<std::shared_ptr<const PublicResults>> load_public_results(storage::Store& store, const std::optional<std::string>& methodology_dir) {
    auto results = std::make_shared<PublicResults>();
    // The generation first: a publication landing while we read makes the next check reload.
    ITA_TRY(generation, store.public_generation());
    results->generation = generation;
    ITA_TRY(agencies, store.agencies());
    results->agencies = std::move(agencies);
    results->build_search_index();
    ITA_TRY(publications, store.publications());
    for (const auto& publication : publications) {
        ITA_TRY(year, load_year(store, *results, publication, methodology_dir));
        results->years.push_back(std::move(year));
    }
    return std::shared_ptr<const PublicResults>(std::move(results));
}

}  // namespace ita::service
