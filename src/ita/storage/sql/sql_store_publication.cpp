// SqlStore: publications of a year's results as versions (embargoes, corrections, earlier
// versions kept) and the public pages' generation number.
#include <ita/storage/sql/sql_store.hpp>

namespace ita::storage {

namespace {

constexpr const char* publication_columns = "publication_id, fiscal_year, published_at, actor, agencies, version, public_from, reason";

Result<std::vector<Publication>> read_publications(sql::Database& db, std::string_view sql, sql::Values parameters) {
    std::vector<Publication> list;
    ITA_TRY_VOID(db.stream(sql, parameters, [&](const sql::Rows& row) {
        list.push_back({row.integer(0), static_cast<int>(row.integer(1)), row.string(2), row.string(3),
                        static_cast<std::size_t>(row.integer(4)), static_cast<int>(row.integer(5)), row.string(6), row.string(7)});
    }));
    return list;
}

// The version of the year the public sees now: the newest whose embargo is over.
constexpr const char* in_force = "(SELECT max(q.publication_id) FROM publications q WHERE q.fiscal_year = ? AND q.public_from <= ?)";

}  // namespace

Result<Publication> SqlStore::publish_results(const PublicationRequest& request) {
    const int year = request.fiscal_year;
    if (request.rows.empty())
        return fail(ErrorCode::invalid_input, "fiscal year " + std::to_string(year) + " has no scores to publish: score it first");
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    // Publications of one year queue here, so two never take the same version number.
    ITA_TRY_VOID(lock_year(year));
    const std::string now = utc_now();
    ITA_TRY(pending, sql::single_integer(db, "SELECT count(*) FROM publications WHERE fiscal_year = ? AND public_from > ?", {year, now}));
    if (pending.value_or(0) > 0)
        return fail(ErrorCode::conflict, "fiscal year " + std::to_string(year) +
                                             " has a publication waiting for its embargo to end: withdraw it before publishing again");
    ITA_TRY(last, sql::single_integer(db, "SELECT coalesce(max(version), 0) FROM publications WHERE fiscal_year = ?", {year}));
    Publication publication{0,
                            year,
                            now,
                            request.actor,
                            request.rows.size(),
                            static_cast<int>(last.value_or(0) + 1),
                            request.public_from.empty() || request.public_from < now ? now : request.public_from,
                            request.reason};
    ITA_TRY(id, sql::single_integer(db,
                                    "INSERT INTO publications (fiscal_year, published_at, actor, agencies, version, public_from, reason) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING publication_id",
                                    {year, publication.published_at, publication.actor, static_cast<long long>(publication.agencies),
                                     publication.version, publication.public_from, publication.reason}));
    publication.publication_id = id.value_or(0);
    ITA_TRY(insert, db.bulk_insert("published_rows",
                                   {"publication_id", "agency_id", "methodology_version", "overall", "rating", "pass", "detail"}));
    for (const auto& row : request.rows)
        ITA_TRY_VOID(insert->add(
            {publication.publication_id, row.agency_id, request.methodology_version, row.overall, row.rating, row.pass, row.detail_json}));
    ITA_TRY_VOID(insert->finish());
    // No generation bump: public_generation counts the public versions, so it moves when this
    // one becomes public — now, or when its embargo ends.
    ITA_TRY_VOID(audit(request.actor, "publish results", year,
                       "version=" + std::to_string(publication.version) + " agencies=" + std::to_string(publication.agencies) +
                           " public_from=" + publication.public_from +
                           (publication.reason.empty() ? "" : " reason=" + publication.reason)));
    ITA_TRY_VOID(transaction.commit());
    return publication;
}

Result<void> SqlStore::withdraw_publication(std::int64_t publication_id, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(found,
            read_publications(db, std::string("SELECT ") + publication_columns + " FROM publications WHERE publication_id = ?{for_update}",
                              {publication_id}));
    if (found.empty()) return fail(ErrorCode::not_found, "there is no publication " + std::to_string(publication_id));
    const auto& publication = found.front();
    if (publication.public_from <= utc_now())
        return fail(ErrorCode::conflict,
                    "publication " + std::to_string(publication_id) + " is public already; publish a correction instead");
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM published_rows WHERE publication_id = ?", {publication_id})));
    ITA_TRY_VOID(without_value(db.execute("DELETE FROM publications WHERE publication_id = ?", {publication_id})));
    ITA_TRY_VOID(audit(actor, "withdraw publication", publication.fiscal_year,
                       "version=" + std::to_string(publication.version) + " public_from=" + publication.public_from));
    return transaction.commit();
}

Result<std::vector<Publication>> SqlStore::publications() {
    return read_publications(database(),
                             std::string("SELECT ") + publication_columns +
                                 " FROM publications p WHERE publication_id = (SELECT max(q.publication_id) FROM publications q "
                                 "WHERE q.fiscal_year = p.fiscal_year AND q.public_from <= ?) ORDER BY fiscal_year DESC",
                             {utc_now()});
}

Result<std::vector<Publication>> SqlStore::publication_history(int year) {
    return read_publications(
        database(), std::string("SELECT ") + publication_columns + " FROM publications WHERE fiscal_year = ? ORDER BY publication_id",
        {year});
}

Result<std::vector<ScoreSnapshot>> SqlStore::published_results(int year) {
    return score_rows(std::string("published_rows WHERE publication_id = ") + in_force, {year, utc_now()}, true);
}

Result<std::vector<ScoreSnapshot>> SqlStore::published_overall(int year) {
    return score_rows(std::string("published_rows WHERE publication_id = ") + in_force, {year, utc_now()}, false);
}

Result<std::vector<ScoreSnapshot>> SqlStore::published_version(std::int64_t publication_id) {
    return score_rows("published_rows WHERE publication_id = ?", {publication_id}, true);
}

Result<std::int64_t> SqlStore::public_generation() {
    // A publication whose embargo ends changes the count, so every process sees it within its
    // next check without anyone writing at that moment.
    ITA_TRY(generation, sql::single_integer(
                            database(), "SELECT generation + (SELECT count(*) FROM publications WHERE public_from <= ?) FROM public_state",
                            {utc_now()}));
    return generation.value_or(0);
}

}  // namespace ita::storage
