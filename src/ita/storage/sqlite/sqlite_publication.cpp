// SqliteStore: publication of a year's results and the public pages' generation number.
#include <ita/storage/sqlite/sqlite_store.hpp>

namespace ita::storage::sqlite {

Result<Publication> SqliteStore::publish_results(int year, std::string_view actor) {
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(count, m_connection.prepare("SELECT count(*) FROM score_snapshots WHERE fiscal_year = ?"));
    count.bind(1, std::int64_t{year});
    ITA_TRY_VOID(count.step());
    const auto agencies = static_cast<std::size_t>(count.integer(0));
    if (agencies == 0) return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has no scores to publish: score it first");
    ITA_TRY(clear, m_connection.prepare("DELETE FROM published_results WHERE fiscal_year = ?"));
    ITA_TRY_VOID(clear.bind(1, std::int64_t{year}).run());
    ITA_TRY(copy, m_connection.prepare(
        "INSERT INTO published_results (fiscal_year, agency_id, methodology_version, overall, rating, pass, detail) "
        "SELECT fiscal_year, agency_id, methodology_version, overall, rating, pass, detail FROM score_snapshots WHERE fiscal_year = ?"));
    ITA_TRY_VOID(copy.bind(1, std::int64_t{year}).run());
    Publication publication{0, year, utc_now(), std::string(actor), agencies};
    ITA_TRY(record, m_connection.prepare("INSERT INTO publications (fiscal_year, published_at, actor, agencies) VALUES (?, ?, ?, ?) RETURNING publication_id"));
    record.bind(1, std::int64_t{year}).bind(2, publication.published_at).bind(3, actor).bind(4, static_cast<std::int64_t>(agencies));
    ITA_TRY_VOID(record.step());
    publication.publication_id = record.integer(0);
    record.reset();
    ITA_TRY(bump, m_connection.prepare("UPDATE public_state SET generation = generation + 1"));
    ITA_TRY_VOID(bump.run());
    ITA_TRY_VOID(audit(actor, "publish results", year, "agencies=" + std::to_string(agencies)));
    ITA_TRY_VOID(transaction.commit());
    return publication;
}

Result<std::vector<Publication>> SqliteStore::publications() {
    ITA_TRY(query, m_connection.prepare(
        "SELECT publication_id, fiscal_year, published_at, actor, agencies FROM publications p WHERE publication_id = "
        "(SELECT max(publication_id) FROM publications q WHERE q.fiscal_year = p.fiscal_year) ORDER BY fiscal_year DESC"));
    std::vector<Publication> list;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        list.push_back({query.integer(0), static_cast<int>(query.integer(1)), std::string(query.text(2)), std::string(query.text(3)),
                        static_cast<std::size_t>(query.integer(4))});
    }
    return list;
}

Result<std::vector<ScoreSnapshot>> SqliteStore::published_results(int year) { return score_rows("published_results", year, true); }

Result<std::vector<ScoreSnapshot>> SqliteStore::published_overall(int year) { return score_rows("published_results", year, false); }

Result<std::int64_t> SqliteStore::public_generation() {
    ITA_TRY(query, m_connection.prepare("SELECT generation FROM public_state"));
    ITA_TRY_VOID(query.step());
    return query.integer(0);
}

}  // namespace ita::storage::sqlite
