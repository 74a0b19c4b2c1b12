// SqlStore: one-time survey codes, the public survey's browser tokens, held answers and their
// release, rate limits, job claims and submission timing.
#include <ita/storage/sql/sql_store.hpp>

#include <map>
#include <tuple>

namespace ita::storage {

namespace {
RespondentKey code_key(std::span<const std::uint8_t> secret, std::string_view code) {
    return respondent_key(secret, "survey-code", core::Instrument::iit, code);
}
RespondentKey rate_key(std::span<const std::uint8_t> secret, std::string_view key) {
    return respondent_key(secret, "rate-limit", core::Instrument::eit, key);
}
std::span<const std::uint8_t> bytes(const RespondentKey& key) { return key; }
}  // namespace

RespondentKey SqlStore::token_key(std::string_view token) const {
    return respondent_key(secret(), "browser-token", core::Instrument::eit, token);
}

Result<void> SqlStore::add_survey_codes(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                        std::span<const std::string> codes, std::string_view actor) {
    auto& db = database();
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(insert, db.bulk_insert("survey_codes", {"code_hash", "fiscal_year", "agency_id", "instrument"}));
    for (const auto& code : codes) {
        const auto key = code_key(secret(), code);
        ITA_TRY_VOID(insert->add({bytes(key), fiscal_year, agency_id, core::instrument_code(instrument)}));
    }
    ITA_TRY_VOID(insert->finish());
    ITA_TRY_VOID(audit(actor, "issue survey codes", fiscal_year, "agency=" + agency_id + " count=" + std::to_string(codes.size())));
    return transaction.commit();
}

Result<SurveyCode> SqlStore::survey_code(std::string_view code) {
    const auto key = code_key(secret(), code);
    ITA_TRY(rows, database().query("SELECT fiscal_year, agency_id, instrument, spent FROM survey_codes WHERE code_hash = ?", {bytes(key)}));
    ITA_TRY(found, rows->next());
    if (!found) return fail(ErrorCode::not_found, "no such survey code");
    return SurveyCode{static_cast<int>(rows->integer(0)), rows->string(1),
                      rows->text(2) == "EIT" ? core::Instrument::eit : core::Instrument::iit, rows->integer(3) != 0};
}

Result<void> SqlStore::submit_survey(std::string_view code, const HeldSubmission& submission) {
    auto& db = database();
    const auto key = code_key(secret(), code);
    const auto sealed = seal_submission(secret(), submission);
    // The spend and the held answers commit together; the UPDATE's row lock (SQLite: the
    // writer lock) makes concurrent submissions of one code queue, and the second spends nothing.
    ITA_TRY(transaction, sql::Transaction::begin(db));
    std::optional<std::tuple<std::int64_t, std::string, std::string>> spent;
    {
        ITA_TRY(rows,
                db.query("UPDATE survey_codes SET spent = 1 WHERE code_hash = ? AND spent = 0 RETURNING fiscal_year, agency_id, instrument",
                         {bytes(key)}));
        ITA_TRY(found, rows->next());
        if (found) spent.emplace(rows->integer(0), rows->string(1), rows->string(2));
    }
    if (!spent) {
        ITA_TRY(known, sql::single_integer(db, "SELECT count(*) FROM survey_codes WHERE code_hash = ?", {bytes(key)}));
        if (known.value_or(0) == 0) return fail(ErrorCode::not_found, "no such survey code");
        return fail(ErrorCode::used_up, "the survey code has already been used");
    }
    const auto& [year, agency, instrument] = *spent;
    ITA_TRY_VOID(without_value(db.execute("INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) VALUES (?, ?, ?, ?)",
                                          {year, agency, instrument, std::span<const std::uint8_t>(sealed)})));
    return transaction.commit();
}

Result<void> SqlStore::submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                            core::Instrument instrument, const HeldSubmission& submission) {
    auto& db = database();
    const auto key = token_key(token);
    const auto sealed = seal_submission(secret(), submission);
    ITA_TRY(transaction, sql::Transaction::begin(db));
    ITA_TRY(used, db.execute("INSERT INTO browser_tokens (token_hash, fiscal_year, agency_id, used) VALUES (?, ?, ?, 1) "
                             "ON CONFLICT (token_hash) DO NOTHING",
                             {bytes(key), fiscal_year, agency_id}));
    if (used == 0) return fail(ErrorCode::used_up, "this browser has already answered");
    ITA_TRY_VOID(
        without_value(db.execute("INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) VALUES (?, ?, ?, ?)",
                                 {fiscal_year, agency_id, core::instrument_code(instrument), std::span<const std::uint8_t>(sealed)})));
    return transaction.commit();
}

Result<bool> SqlStore::browser_token_used(std::string_view token) {
    const auto key = token_key(token);
    ITA_TRY(count, sql::single_integer(database(), "SELECT count(*) FROM browser_tokens WHERE token_hash = ?", {bytes(key)}));
    return count.value_or(0) > 0;
}

Result<std::size_t> SqlStore::release_held_answers(int fiscal_year, core::Instrument instrument) {
    auto& db = database();
    const std::string code(core::instrument_code(instrument));
    // Looked at before writing: a read-only copy or a standby with nothing held stays readable.
    ITA_TRY(waiting,
            sql::single_integer(db, "SELECT count(*) FROM held_answers WHERE fiscal_year = ? AND instrument = ?", {fiscal_year, code}));
    if (waiting.value_or(0) == 0) return std::size_t{0};
    ITA_TRY(transaction, sql::Transaction::begin(db));
    // Deleting first claims the rows: a concurrent release waits on them, then finds none.
    std::vector<std::pair<std::string, HeldSubmission>> held;
    {
        ITA_TRY(claimed, db.query("DELETE FROM held_answers WHERE fiscal_year = ? AND instrument = ? RETURNING agency_id, sealed",
                                  {fiscal_year, code}));
        while (true) {
            ITA_TRY(row, claimed->next());
            if (!row) break;
            ITA_TRY(opened, open_submission(secret(), claimed->bytes(1)));
            held.emplace_back(claimed->string(0), std::move(opened));
        }
    }
    if (held.empty()) return std::size_t{0};
    // Written in a random order with random ids, all in this one transaction.
    shuffle_securely(held);
    ITA_TRY(insert, db.bulk_insert("responses", {"response_id", "fiscal_year", "agency_id", "instrument", "answers", "part"}));
    std::map<std::tuple<std::string, std::string, std::string>, long long> timing;
    for (const auto& [agency, submission] : held) {
        ITA_TRY_VOID(insert->add(
            {random_response_id(), fiscal_year, agency, code, std::span<const std::uint8_t>(submission.packed), submission.part}));
        ++timing[{agency, submission.hour, submission.duration}];
    }
    ITA_TRY_VOID(insert->finish());
    for (const auto& [bucket, count] : timing)
        ITA_TRY_VOID(count_submission(fiscal_year, std::get<0>(bucket), instrument, std::get<1>(bucket), std::get<2>(bucket), count));
    ITA_TRY_VOID(transaction.commit());
    return held.size();
}

Result<bool> SqlStore::allow_hit(std::string_view key, std::int64_t window_start, int limit) {
    if (limit <= 0) return false;
    const auto hashed = rate_key(secret(), key);
    // Counted only while under the limit: one statement, so concurrent hits cannot both pass.
    ITA_TRY(counted, database().query("INSERT INTO rate_limits (key_hash, window_start, hits) VALUES (?, ?, 1) "
                                      "ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = rate_limits.hits + 1 "
                                      "WHERE rate_limits.hits < ? RETURNING hits",
                                      {bytes(hashed), window_start, limit}));
    return counted->next();
}

Result<int> SqlStore::count_hits(std::string_view key, std::int64_t window_start) {
    const auto hashed = rate_key(secret(), key);
    ITA_TRY(hits, sql::single_integer(database(), "SELECT hits FROM rate_limits WHERE key_hash = ? AND window_start = ?",
                                      {bytes(hashed), window_start}));
    return static_cast<int>(hits.value_or(0));
}

Result<std::size_t> SqlStore::respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) {
    ITA_TRY(count,
            sql::single_integer(database(),
                                "SELECT (SELECT count(*) FROM responses WHERE fiscal_year = ?1 AND agency_id = ?2 AND instrument = ?3) + "
                                "(SELECT count(*) FROM held_answers WHERE fiscal_year = ?1 AND instrument = ?3 AND agency_id = ?2)",
                                {fiscal_year, agency_id, core::instrument_code(instrument)}));
    return static_cast<std::size_t>(count.value_or(0));
}

Result<std::size_t> SqlStore::survey_code_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) {
    ITA_TRY(count,
            sql::single_integer(database(), "SELECT count(*) FROM survey_codes WHERE fiscal_year = ? AND agency_id = ? AND instrument = ?",
                                {fiscal_year, agency_id, core::instrument_code(instrument)}));
    return static_cast<std::size_t>(count.value_or(0));
}

Result<std::map<std::pair<std::string, core::Instrument>, std::size_t>> SqlStore::respondent_counts(int fiscal_year) {
    std::map<std::pair<std::string, core::Instrument>, std::size_t> counts;
    for (const char* table : {"responses", "held_answers"})
        ITA_TRY_VOID(database().stream(
            std::string("SELECT agency_id, instrument, count(*) FROM ") + table + " WHERE fiscal_year = ? GROUP BY agency_id, instrument",
            {fiscal_year}, [&](const sql::Rows& row) {
                const auto instrument = core::parse_instrument(row.text(1));
                if (instrument) counts[{row.string(0), *instrument}] += static_cast<std::size_t>(row.integer(2));
            }));
    return counts;
}

Result<bool> SqlStore::claim_job(std::string_view job, const std::string& period) {
    ITA_TRY(claimed,
            database().execute("INSERT INTO job_claims (job, period, claimed_at) VALUES (?, ?, ?) ON CONFLICT (job, period) DO NOTHING",
                               {job, period, utc_now()}));
    return claimed == 1;
}

Result<void> SqlStore::count_submission(int year, const std::string& agency_id, core::Instrument instrument, const std::string& hour,
                                        std::string_view duration, long long submissions) {
    return without_value(database().execute(
        "INSERT INTO submission_timing (fiscal_year, agency_id, instrument, hour, duration, submissions) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (fiscal_year, agency_id, instrument, hour, duration) DO UPDATE SET submissions = submission_timing.submissions + ?6",
        {year, agency_id, core::instrument_code(instrument), hour, duration, submissions}));
}

Result<std::vector<TimingCount>> SqlStore::submission_timing(int year, const std::optional<std::string>& agency_id) {
    ITA_TRY(rows, database().query("SELECT agency_id, instrument, hour, duration, submissions FROM submission_timing "
                                   "WHERE fiscal_year = ?1 AND (CAST(?2 AS TEXT) IS NULL OR agency_id = ?2) "
                                   "ORDER BY agency_id, instrument, hour, duration",
                                   {year, agency_id}));
    std::vector<TimingCount> counts;
    while (true) {
        ITA_TRY(row, rows->next());
        if (!row) break;
        counts.push_back({rows->string(0), rows->text(1) == "EIT" ? core::Instrument::eit : core::Instrument::iit, rows->string(2),
                          rows->string(3), rows->integer(4)});
    }
    return counts;
}

Result<std::string> SqlStore::stamp(std::string_view purpose, std::string_view text) { return keyed_stamp(secret(), purpose, text); }

}  // namespace ita::storage
