// PostgresStore: one-time survey codes and anonymous submissions.
#include <ita/storage/postgres/postgres_store.hpp>

#include <map>
#include <tuple>

namespace ita::storage::postgres {

namespace {
RespondentKey code_key(std::span<const std::uint8_t> secret, std::string_view code) {
    return respondent_key(secret, "survey-code", core::Instrument::iit, code);
}
}  // namespace

Result<void> PostgresStore::add_survey_codes(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                             std::span<const std::string> codes, std::string_view actor) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(transaction, Transaction::begin(m_connection));
    std::string rows;
    for (const auto& code : codes) {
        rows += "\\" + bytea_hex(code_key(secret, code)) + "\t" + std::to_string(fiscal_year) + "\t";
        append_copy_field(rows, agency_id);
        rows += "\t" + std::string(core::instrument_code(instrument)) + "\n";
    }
    ITA_TRY_VOID(m_connection.copy_in("COPY survey_codes (code_hash, fiscal_year, agency_id, instrument) FROM STDIN", rows));
    ITA_TRY_VOID(audit(actor, "issue survey codes", fiscal_year, "agency=" + agency_id + " count=" + std::to_string(codes.size())));
    return transaction.commit();
}

Result<SurveyCode> PostgresStore::survey_code(std::string_view code) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(result, m_connection.query("SELECT fiscal_year, agency_id, instrument, spent FROM survey_codes WHERE code_hash = $1::bytea",
                                       {bytea_hex(code_key(secret, code))}));
    if (result.rows() == 0) return fail(ErrorCode::not_found, "no such survey code");
    return SurveyCode{static_cast<int>(result.integer(0, 0)), std::string(result.text(0, 1)),
                      result.text(0, 2) == "EIT" ? core::Instrument::eit : core::Instrument::iit, result.integer(0, 3) != 0};
}

Result<void> PostgresStore::submit_survey(std::string_view code, const HeldSubmission& submission) {
    ITA_TRY(secret, respondent_secret());
    const auto key = bytea_hex(code_key(secret, code));
    // One statement, so one round trip and one atomic commit: the row lock of the UPDATE makes
    // concurrent submissions of one code queue, and the second finds spent = 1 and holds
    // nothing. What it writes besides the spent flag is sealed (held_answers.hpp).
    ITA_TRY(stored, m_connection.query("WITH spent AS (UPDATE survey_codes SET spent = 1 WHERE code_hash = $1::bytea AND spent = 0 "
                                       "RETURNING fiscal_year, agency_id, instrument) "
                                       "INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) "
                                       "SELECT fiscal_year, agency_id, instrument, $2::bytea FROM spent RETURNING 1",
                                       {key, bytea_hex(seal_submission(secret, submission))}));
    if (stored.rows() == 1) return {};
    ITA_TRY(known, m_connection.query("SELECT 1 FROM survey_codes WHERE code_hash = $1::bytea", {key}));
    if (known.rows() == 0) return fail(ErrorCode::not_found, "no such survey code");
    return fail(ErrorCode::conflict, "the survey code has already been used");
}

}  // namespace ita::storage::postgres

namespace ita::storage::postgres {

namespace {
RespondentKey token_key(std::span<const std::uint8_t> secret, std::string_view token) {
    return respondent_key(secret, "browser-token", core::Instrument::eit, token);
}
}  // namespace

Result<void> PostgresStore::submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                                 core::Instrument instrument, const HeldSubmission& submission) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(stored, m_connection.query("WITH used AS (INSERT INTO browser_tokens (token_hash, fiscal_year, agency_id, used) "
                                       "VALUES ($1::bytea, $2, $3, 1) ON CONFLICT (token_hash) DO NOTHING RETURNING fiscal_year, agency_id) "
                                       "INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) "
                                       "SELECT fiscal_year, agency_id, $4::text, $5::bytea FROM used RETURNING 1",
                                       {bytea_hex(token_key(secret, token)), std::to_string(fiscal_year), agency_id,
                                        std::string(core::instrument_code(instrument)), bytea_hex(seal_submission(secret, submission))}));
    if (stored.rows() == 0) return fail(ErrorCode::conflict, "this browser has already answered");
    return {};
}

Result<bool> PostgresStore::browser_token_used(std::string_view token) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(found, m_connection.query("SELECT 1 FROM browser_tokens WHERE token_hash = $1::bytea", {bytea_hex(token_key(secret, token))}));
    return found.rows() == 1;
}

Result<std::size_t> PostgresStore::release_held_answers(int fiscal_year, core::Instrument instrument) {
    ITA_TRY(secret, respondent_secret());
    const std::string code(core::instrument_code(instrument));
    // Looked at before writing: a hot standby with nothing held stays readable.
    ITA_TRY(any, m_connection.query("SELECT EXISTS (SELECT 1 FROM held_answers WHERE fiscal_year = $1 AND instrument = $2)",
                                    {std::to_string(fiscal_year), code}));
    if (any.text(0, 0) != "t") return std::size_t{0};
    ITA_TRY(transaction, Transaction::begin(m_connection));
    // Deleting first claims the rows: a concurrent release waits on them, then finds none.
    ITA_TRY(claimed, m_connection.query("DELETE FROM held_answers WHERE fiscal_year = $1 AND instrument = $2 RETURNING agency_id, sealed",
                                        {std::to_string(fiscal_year), code}));
    if (claimed.rows() == 0) return std::size_t{0};
    std::vector<std::pair<std::string, HeldSubmission>> held;
    held.reserve(static_cast<std::size_t>(claimed.rows()));
    for (int row = 0; row < claimed.rows(); ++row) {
        ITA_TRY(opened, open_submission(secret, claimed.bytes(row, 1)));
        held.emplace_back(std::string(claimed.text(row, 0)), std::move(opened));
    }
    // Written in a random order with random ids, all in this one transaction (one xmin).
    shuffle_securely(held);
    std::string rows;
    std::map<std::tuple<std::string, std::string, std::string>, long long> timing;
    for (const auto& [agency, submission] : held) {
        rows += std::to_string(random_response_id()) + "\t" + std::to_string(fiscal_year) + "\t";
        append_copy_field(rows, agency);
        rows += "\t" + code + "\t\\" + bytea_hex(submission.packed) + "\n";
        ++timing[{agency, submission.hour, submission.duration}];
    }
    ITA_TRY_VOID(m_connection.copy_in("COPY responses (response_id, fiscal_year, agency_id, instrument, answers) FROM STDIN", rows));
    for (const auto& [bucket, count] : timing)
        ITA_TRY_VOID(count_submission(fiscal_year, std::get<0>(bucket), instrument, std::get<1>(bucket), std::get<2>(bucket), count));
    ITA_TRY_VOID(transaction.commit());
    return held.size();
}

Result<bool> PostgresStore::allow_hit(std::string_view key, std::int64_t window_start, int limit) {
    ITA_TRY(secret, respondent_secret());
    const std::string hashed = bytea_hex(respondent_key(secret, "rate-limit", core::Instrument::eit, key));
    // Counted only while under the limit, as on SQLite (the conformance suite found the difference).
    if (limit <= 0) return false;
    ITA_TRY(counted, m_connection.query("INSERT INTO rate_limits (key_hash, window_start, hits) VALUES ($1::bytea, $2, 1) "
                                        "ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = rate_limits.hits + 1 "
                                        "WHERE rate_limits.hits < $3 RETURNING hits",
                                        {hashed, std::to_string(window_start), std::to_string(limit)}));
    return counted.rows() == 1;
}

Result<int> PostgresStore::count_hits(std::string_view key, std::int64_t window_start) {
    ITA_TRY(secret, respondent_secret());
    const std::string hashed = bytea_hex(respondent_key(secret, "rate-limit", core::Instrument::eit, key));
    ITA_TRY(counted, m_connection.query("SELECT hits FROM rate_limits WHERE key_hash = $1::bytea AND window_start = $2",
                                        {hashed, std::to_string(window_start)}));
    return counted.rows() == 0 ? 0 : static_cast<int>(counted.integer(0, 0));
}

Result<std::size_t> PostgresStore::respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) {
    ITA_TRY(result, m_connection.query("SELECT (SELECT count(*) FROM responses WHERE fiscal_year = $1 AND agency_id = $2 AND instrument = $3) + "
                                       "(SELECT count(*) FROM held_answers WHERE fiscal_year = $1 AND instrument = $3 AND agency_id = $2)",
                                       {std::to_string(fiscal_year), agency_id, std::string(core::instrument_code(instrument))}));
    return static_cast<std::size_t>(result.integer(0, 0));
}

Result<bool> PostgresStore::claim_job(std::string_view job, const std::string& period) {
    ITA_TRY(claimed, m_connection.query("INSERT INTO job_claims (job, period, claimed_at) VALUES ($1, $2, $3) ON CONFLICT (job, period) DO NOTHING "
                                        "RETURNING 1",
                                        {std::string(job), period, utc_now()}));
    return claimed.rows() == 1;
}

Result<std::optional<int>> PostgresStore::open_fiscal_year() {
    ITA_TRY(result, m_connection.query("SELECT max(fiscal_year) FROM fiscal_years WHERE state = 'open'"));
    if (result.is_null(0, 0)) return std::optional<int>();
    return std::optional<int>(static_cast<int>(result.integer(0, 0)));
}

}  // namespace ita::storage::postgres

namespace ita::storage::postgres {

Result<void> PostgresStore::count_submission(int year, const std::string& agency_id, core::Instrument instrument, const std::string& hour,
                                             std::string_view duration, long long submissions) {
    return m_connection.execute(
        "INSERT INTO submission_timing (fiscal_year, agency_id, instrument, hour, duration, submissions) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (fiscal_year, agency_id, instrument, hour, duration) DO UPDATE SET submissions = submission_timing.submissions + $6",
        {std::to_string(year), agency_id, std::string(core::instrument_code(instrument)), hour, std::string(duration),
         std::to_string(submissions)});
}

Result<std::vector<TimingCount>> PostgresStore::submission_timing(int year, const std::optional<std::string>& agency_id) {
    ITA_TRY(result, m_connection.query("SELECT agency_id, instrument, hour, duration, submissions FROM submission_timing "
                                       "WHERE fiscal_year = $1 AND ($2::text IS NULL OR agency_id = $2) ORDER BY agency_id, instrument, hour, duration",
                                       {std::to_string(year), agency_id}));
    std::vector<TimingCount> counts;
    for (int row = 0; row < result.rows(); ++row)
        counts.push_back({std::string(result.text(row, 0)), result.text(row, 1) == "EIT" ? core::Instrument::eit : core::Instrument::iit,
                          std::string(result.text(row, 2)), std::string(result.text(row, 3)), result.integer(row, 4)});
    return counts;
}

Result<std::string> PostgresStore::stamp(std::string_view purpose, std::string_view text) {
    ITA_TRY(secret, respondent_secret());
    return keyed_stamp(secret, purpose, text);
}

}  // namespace ita::storage::postgres
