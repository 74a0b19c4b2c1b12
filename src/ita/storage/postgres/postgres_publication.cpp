// PostgresStore: publication of a year's results and the public pages' generation number.
#include <ita/storage/postgres/postgres_store.hpp>

namespace ita::storage::postgres {

Result<Publication> PostgresStore::publish_results(int year, std::string_view actor) {
    const std::string year_text = std::to_string(year);
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(count, m_connection.query("SELECT count(*) FROM score_snapshots WHERE fiscal_year = $1", {year_text}));
    const auto agencies = static_cast<std::size_t>(count.integer(0, 0));
    if (agencies == 0) return fail(ErrorCode::not_found, "fiscal year " + year_text + " has no scores to publish: score it first");
    ITA_TRY_VOID(m_connection.execute("DELETE FROM published_results WHERE fiscal_year = $1", {year_text}));
    ITA_TRY_VOID(m_connection.execute(
        "INSERT INTO published_results (fiscal_year, agency_id, methodology_version, overall, rating, pass, detail) "
        "SELECT fiscal_year, agency_id, methodology_version, overall, rating, pass, detail FROM score_snapshots WHERE fiscal_year = $1",
        {year_text}));
    Publication publication{0, year, utc_now(), std::string(actor), agencies};
    ITA_TRY(record, m_connection.query("INSERT INTO publications (fiscal_year, published_at, actor, agencies) VALUES ($1, $2, $3, $4) "
                                       "RETURNING publication_id",
                                       {year_text, publication.published_at, std::string(actor), std::to_string(agencies)}));
    publication.publication_id = record.integer(0, 0);
    ITA_TRY_VOID(m_connection.execute("UPDATE public_state SET generation = generation + 1"));
    ITA_TRY_VOID(audit(actor, "publish results", year, "agencies=" + std::to_string(agencies)));
    ITA_TRY_VOID(transaction.commit());
    return publication;
}

Result<std::vector<Publication>> PostgresStore::publications() {
    ITA_TRY(result, m_connection.query(
        "SELECT DISTINCT ON (fiscal_year) publication_id, fiscal_year, published_at, actor, agencies FROM publications "
        "ORDER BY fiscal_year DESC, publication_id DESC"));
    std::vector<Publication> list;
    for (int row = 0; row < result.rows(); ++row)
        list.push_back({result.integer(row, 0), static_cast<int>(result.integer(row, 1)), std::string(result.text(row, 2)),
                        std::string(result.text(row, 3)), static_cast<std::size_t>(result.integer(row, 4))});
    return list;
}

Result<std::vector<ScoreSnapshot>> PostgresStore::published_results(int year) { return score_rows("published_results", year, true); }

Result<std::vector<ScoreSnapshot>> PostgresStore::published_overall(int year) { return score_rows("published_results", year, false); }

Result<std::int64_t> PostgresStore::public_generation() {
    ITA_TRY(result, m_connection.query("SELECT generation FROM public_state"));
    return result.integer(0, 0);
}

}  // namespace ita::storage::postgres
