// SqlStore: publication of a year's results and the public pages' generation number.
#include <ita/storage/sql/sql_store.hpp>

namespace ita::storage {

Result<Publication> SqlStore::publish_results(int year, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(count, sql::single_integer(db, "SELECT count(*) FROM score_snapshots WHERE fiscal_year = ?", {year}));
    const auto agencies = static_cast<std::size_t>(count.value_or(0));
    if (agencies == 0)
        return fail(ErrorCode::not_found, "fiscal year " + std::to_string(year) + " has no scores to publish: score it first");
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM published_results WHERE fiscal_year = ?", {year})));
    ITA_TRY_VOID(without_value(db.execute(
        "INSERT INTO published_results (fiscal_year, agency_id, methodology_version, overall, rating, pass, detail) "
        "SELECT fiscal_year, agency_id, methodology_version, overall, rating, pass, detail FROM score_snapshots WHERE fiscal_year = ?",
        {year})));
    Publication publication{0, year, utc_now(), std::string(actor), agencies};
    ITA_TRY(id, sql::single_integer(db,
                                    "INSERT INTO publications (fiscal_year, published_at, actor, agencies) VALUES (?, ?, ?, ?) "
                                    "RETURNING publication_id",
                                    {year, publication.published_at, actor, static_cast<long long>(agencies)}));
    publication.publication_id = id.value_or(0);
    ITA_TRY_VOID(without_value(db.execute("UPDATE public_state SET generation = generation + 1")));
    ITA_TRY_VOID(audit(actor, "publish results", year, "agencies=" + std::to_string(agencies)));
    ITA_TRY_VOID(transaction.commit());
    return publication;
}

Result<std::vector<Publication>> SqlStore::publications() {
    ITA_TRY(rows, database().query(
                      "SELECT publication_id, fiscal_year, published_at, actor, agencies FROM publications p WHERE publication_id = "
                      "(SELECT max(publication_id) FROM publications q WHERE q.fiscal_year = p.fiscal_year) ORDER BY fiscal_year DESC"));
    std::vector<Publication> list;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        list.push_back({rows->integer(0), static_cast<int>(rows->integer(1)), rows->string(2), rows->string(3),
                        static_cast<std::size_t>(rows->integer(4))});
    }
    return list;
}

Result<std::vector<ScoreSnapshot>> SqlStore::published_results(int year) { return score_rows("published_results", year, true); }

Result<std::vector<ScoreSnapshot>> SqlStore::published_overall(int year) { return score_rows("published_results", year, false); }

Result<std::int64_t> SqlStore::public_generation() {
    ITA_TRY(generation, sql::single_integer(database(), "SELECT generation FROM public_state"));
    return generation.value_or(0);
}

}  // namespace ita::storage
