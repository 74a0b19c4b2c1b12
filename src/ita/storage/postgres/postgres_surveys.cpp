// PostgresStore: one-time survey codes and anonymous submissions.
#include <ita/storage/postgres/postgres_store.hpp>

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
    for (const auto& code : codes)
        rows += "\\" + bytea_hex(code_key(secret, code)) + "\t" + std::to_string(fiscal_year) + "\t" + agency_id + "\t" +
                std::string(core::instrument_code(instrument)) + "\n";
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

Result<void> PostgresStore::submit_survey(std::string_view code, std::span<const std::uint8_t> packed, const std::string& day) {
    ITA_TRY(secret, respondent_secret());
    const auto key = bytea_hex(code_key(secret, code));
    // One statement, so one round trip and one atomic commit: the row lock of the UPDATE makes
    // concurrent submissions of one code queue, and the second finds spent = 1 and inserts
    // nothing.
    ITA_TRY(stored, m_connection.query("WITH spent AS (UPDATE survey_codes SET spent = 1 WHERE code_hash = $1::bytea AND spent = 0 "
                                       "RETURNING fiscal_year, agency_id, instrument) "
                                       "INSERT INTO responses (response_id, fiscal_year, agency_id, instrument, submitted_on, answers) "
                                       "SELECT $2, fiscal_year, agency_id, instrument, $3, $4::bytea FROM spent RETURNING 1",
                                       {key, std::to_string(random_response_id()), day, bytea_hex(packed)}));
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

Result<void> PostgresStore::add_browser_token(int fiscal_year, const std::string& agency_id, std::string_view token) {
    ITA_TRY(secret, respondent_secret());
    return m_connection.execute("INSERT INTO browser_tokens (token_hash, fiscal_year, agency_id) VALUES ($1::bytea, $2, $3)",
                                {bytea_hex(token_key(secret, token)), std::to_string(fiscal_year), agency_id});
}

Result<void> PostgresStore::submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                                 core::Instrument instrument, std::span<const std::uint8_t> packed, const std::string& day) {
    ITA_TRY(secret, respondent_secret());
    const std::string key = bytea_hex(token_key(secret, token));
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(used, m_connection.query("UPDATE browser_tokens SET used = 1 WHERE token_hash = $1::bytea AND fiscal_year = $2 AND agency_id = $3 "
                                     "AND used = 0 RETURNING 1",
                                     {key, std::to_string(fiscal_year), agency_id}));
    if (used.rows() == 0) {
        ITA_TRY(known, m_connection.query("SELECT 1 FROM browser_tokens WHERE token_hash = $1::bytea AND fiscal_year = $2 AND agency_id = $3",
                                          {key, std::to_string(fiscal_year), agency_id}));
        if (known.rows() == 0) return fail(ErrorCode::not_found, "no such browser token");
        return fail(ErrorCode::conflict, "this browser has already answered");
    }
    ITA_TRY_VOID(m_connection.execute("INSERT INTO responses (response_id, fiscal_year, agency_id, instrument, submitted_on, answers) "
                                      "VALUES ($1, $2, $3, $4, $5, $6::bytea)",
                                      {std::to_string(random_response_id()), std::to_string(fiscal_year), agency_id,
                                       std::string(core::instrument_code(instrument)), day, bytea_hex(packed)}));
    return transaction.commit();
}

Result<bool> PostgresStore::allow_hit(std::string_view key, std::int64_t window_start, int limit) {
    ITA_TRY(secret, respondent_secret());
    const std::string hashed = bytea_hex(respondent_key(secret, "rate-limit", core::Instrument::eit, key));
    ITA_TRY(counted, m_connection.query("INSERT INTO rate_limits (key_hash, window_start, hits) VALUES ($1::bytea, $2, 1) "
                                        "ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
                                        {hashed, std::to_string(window_start)}));
    return counted.integer(0, 0) <= limit;
}

Result<std::size_t> PostgresStore::respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) {
    ITA_TRY(result, m_connection.query("SELECT count(*) FROM responses WHERE fiscal_year = $1 AND agency_id = $2 AND instrument = $3",
                                       {std::to_string(fiscal_year), agency_id, std::string(core::instrument_code(instrument))}));
    return static_cast<std::size_t>(result.integer(0, 0));
}

Result<std::optional<int>> PostgresStore::open_fiscal_year() {
    ITA_TRY(result, m_connection.query("SELECT max(fiscal_year) FROM fiscal_years WHERE state = 'open'"));
    if (result.is_null(0, 0)) return std::optional<int>();
    return std::optional<int>(static_cast<int>(result.integer(0, 0)));
}

}  // namespace ita::storage::postgres

namespace ita::storage::postgres {

Result<void> PostgresStore::count_submission(int year, const std::string& agency_id, core::Instrument instrument, const std::string& hour,
                                             std::string_view duration) {
    return m_connection.execute(
        "INSERT INTO submission_timing (fiscal_year, agency_id, instrument, hour, duration, submissions) VALUES ($1, $2, $3, $4, $5, 1) "
        "ON CONFLICT (fiscal_year, agency_id, instrument, hour, duration) DO UPDATE SET submissions = submission_timing.submissions + 1",
        {std::to_string(year), agency_id, std::string(core::instrument_code(instrument)), hour, std::string(duration)});
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
