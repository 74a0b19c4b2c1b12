// SqliteStore: one-time survey codes and anonymous submissions.
#include <ita/storage/sqlite/sqlite_store.hpp>

#include <map>
#include <tuple>

namespace ita::storage::sqlite {

namespace {
RespondentKey code_key(std::span<const std::uint8_t> secret, std::string_view code) {
    return respondent_key(secret, "survey-code", core::Instrument::iit, code);
}
}  // namespace

Result<void> SqliteStore::add_survey_codes(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                           std::span<const std::string> codes, std::string_view actor) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(insert, m_connection.prepare("INSERT INTO survey_codes (code_hash, fiscal_year, agency_id, instrument) VALUES (?, ?, ?, ?)"));
    for (const auto& code : codes)
        ITA_TRY_VOID(insert.bind_blob(1, code_key(secret, code)).bind(2, std::int64_t{fiscal_year}).bind(3, agency_id)
                         .bind(4, core::instrument_code(instrument)).run());
    ITA_TRY_VOID(audit(actor, "issue survey codes", fiscal_year, "agency=" + agency_id + " count=" + std::to_string(codes.size())));
    return transaction.commit();
}

Result<SurveyCode> SqliteStore::survey_code(std::string_view code) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(query, m_connection.prepare("SELECT fiscal_year, agency_id, instrument, spent FROM survey_codes WHERE code_hash = ?"));
    query.bind_blob(1, code_key(secret, code));
    ITA_TRY(row, query.step());
    if (!row) return fail(ErrorCode::not_found, "no such survey code");
    return SurveyCode{static_cast<int>(query.integer(0)), std::string(query.text(1)),
                      query.text(2) == "EIT" ? core::Instrument::eit : core::Instrument::iit, query.integer(3) != 0};
}

Result<void> SqliteStore::submit_survey(std::string_view code, const HeldSubmission& submission) {
    ITA_TRY(secret, respondent_secret());
    const auto key = code_key(secret, code);
    const auto sealed = seal_submission(secret, submission);
    // BEGIN IMMEDIATE makes writers queue: the check and the spend below see the same state.
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(info, m_connection.prepare("SELECT fiscal_year, agency_id, instrument, spent FROM survey_codes WHERE code_hash = ?"));
    info.bind_blob(1, key);
    ITA_TRY(row, info.step());
    if (!row) return fail(ErrorCode::not_found, "no such survey code");
    if (info.integer(3) != 0) return fail(ErrorCode::conflict, "the survey code has already been used");
    const std::int64_t year = info.integer(0);
    const std::string agency(info.text(1)), instrument(info.text(2));
    info.reset();
    ITA_TRY(spend, m_connection.prepare("UPDATE survey_codes SET spent = 1 WHERE code_hash = ? AND spent = 0"));
    ITA_TRY_VOID(spend.bind_blob(1, key).run());
    if (m_connection.changes() == 0) return fail(ErrorCode::conflict, "the survey code has already been used");
    ITA_TRY(hold, m_connection.prepare("INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) VALUES (?, ?, ?, ?)"));
    ITA_TRY_VOID(hold.bind(1, year).bind(2, agency).bind(3, instrument).bind_blob(4, sealed).run());
    return transaction.commit();
}

}  // namespace ita::storage::sqlite

namespace ita::storage::sqlite {

namespace {
RespondentKey token_key(std::span<const std::uint8_t> secret, std::string_view token) {
    return respondent_key(secret, "browser-token", core::Instrument::eit, token);
}
}  // namespace

Result<void> SqliteStore::submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                               core::Instrument instrument, const HeldSubmission& submission) {
    ITA_TRY(secret, respondent_secret());
    const auto key = token_key(secret, token);
    const auto sealed = seal_submission(secret, submission);
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(use, m_connection.prepare("INSERT INTO browser_tokens (token_hash, fiscal_year, agency_id, used) VALUES (?, ?, ?, 1) "
                                      "ON CONFLICT (token_hash) DO NOTHING"));
    ITA_TRY_VOID(use.bind_blob(1, key).bind(2, std::int64_t{fiscal_year}).bind(3, agency_id).run());
    if (m_connection.changes() == 0) return fail(ErrorCode::conflict, "this browser has already answered");
    ITA_TRY(hold, m_connection.prepare("INSERT INTO held_answers (fiscal_year, agency_id, instrument, sealed) VALUES (?, ?, ?, ?)"));
    ITA_TRY_VOID(hold.bind(1, std::int64_t{fiscal_year}).bind(2, agency_id).bind(3, core::instrument_code(instrument)).bind_blob(4, sealed).run());
    return transaction.commit();
}

Result<bool> SqliteStore::browser_token_used(std::string_view token) {
    ITA_TRY(secret, respondent_secret());
    ITA_TRY(query, m_connection.prepare("SELECT 1 FROM browser_tokens WHERE token_hash = ?"));
    query.bind_blob(1, token_key(secret, token));
    ITA_TRY(row, query.step());
    return row;
}

Result<std::size_t> SqliteStore::release_held_answers(int fiscal_year, core::Instrument instrument) {
    ITA_TRY(secret, respondent_secret());
    const std::string code(core::instrument_code(instrument));
    // Looked at before taking the write lock: a read-only copy with nothing held stays readable.
    ITA_TRY(any, m_connection.prepare("SELECT EXISTS (SELECT 1 FROM held_answers WHERE fiscal_year = ? AND instrument = ?)"));
    any.bind(1, std::int64_t{fiscal_year}).bind(2, code);
    ITA_TRY(any_row, any.step());
    if (!any_row || any.integer(0) == 0) return std::size_t{0};
    any.reset();
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(read, m_connection.prepare("SELECT agency_id, sealed FROM held_answers WHERE fiscal_year = ? AND instrument = ?"));
    read.bind(1, std::int64_t{fiscal_year}).bind(2, code);
    std::vector<std::pair<std::string, HeldSubmission>> held;
    while (true) {
        ITA_TRY(row, read.step());
        if (!row) break;
        ITA_TRY(opened, open_submission(secret, read.blob(1)));
        held.emplace_back(std::string(read.text(0)), std::move(opened));
    }
    read.reset();
    if (held.empty()) return std::size_t{0};
    // Written in a random order with random ids, all in this one commit.
    shuffle_securely(held);
    ITA_TRY(insert, m_connection.prepare("INSERT INTO responses (response_id, fiscal_year, agency_id, instrument, answers) VALUES (?, ?, ?, ?, ?)"));
    std::map<std::tuple<std::string, std::string, std::string>, long long> timing;
    for (const auto& [agency, submission] : held) {
        ITA_TRY_VOID(insert.bind(1, random_response_id()).bind(2, std::int64_t{fiscal_year}).bind(3, agency).bind(4, code)
                         .bind_blob(5, submission.packed).run());
        ++timing[{agency, submission.hour, submission.duration}];
    }
    for (const auto& [bucket, count] : timing)
        ITA_TRY_VOID(count_submission(fiscal_year, std::get<0>(bucket), instrument, std::get<1>(bucket), std::get<2>(bucket), count));
    ITA_TRY(forget, m_connection.prepare("DELETE FROM held_answers WHERE fiscal_year = ? AND instrument = ?"));
    ITA_TRY_VOID(forget.bind(1, std::int64_t{fiscal_year}).bind(2, code).run());
    ITA_TRY_VOID(transaction.commit());
    return held.size();
}

Result<bool> SqliteStore::allow_hit(std::string_view key, std::int64_t window_start, int limit) {
    ITA_TRY(secret, respondent_secret());
    const auto hashed = respondent_key(secret, "rate-limit", core::Instrument::eit, key);
    ITA_TRY(transaction, Transaction::begin(m_connection));
    ITA_TRY(count, m_connection.prepare("SELECT hits FROM rate_limits WHERE key_hash = ? AND window_start = ?"));
    count.bind_blob(1, hashed).bind(2, window_start);
    ITA_TRY(row, count.step());
    const int hits = row ? static_cast<int>(count.integer(0)) : 0;
    count.reset();
    if (hits >= limit) return false;
    ITA_TRY(upsert, m_connection.prepare("INSERT INTO rate_limits (key_hash, window_start, hits) VALUES (?, ?, 1) "
                                         "ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = hits + 1"));
    ITA_TRY_VOID(upsert.bind_blob(1, hashed).bind(2, window_start).run());
    ITA_TRY_VOID(transaction.commit());
    return true;
}

Result<int> SqliteStore::count_hits(std::string_view key, std::int64_t window_start) {
    ITA_TRY(secret, respondent_secret());
    const auto hashed = respondent_key(secret, "rate-limit", core::Instrument::eit, key);
    ITA_TRY(count, m_connection.prepare("SELECT hits FROM rate_limits WHERE key_hash = ? AND window_start = ?"));
    count.bind_blob(1, hashed).bind(2, window_start);
    ITA_TRY(row, count.step());
    return row ? static_cast<int>(count.integer(0)) : 0;
}

Result<std::size_t> SqliteStore::respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) {
    ITA_TRY(query, m_connection.prepare("SELECT (SELECT count(*) FROM responses WHERE fiscal_year = ?1 AND agency_id = ?2 AND instrument = ?3) + "
                                        "(SELECT count(*) FROM held_answers WHERE fiscal_year = ?1 AND instrument = ?3 AND agency_id = ?2)"));
    query.bind(1, std::int64_t{fiscal_year}).bind(2, agency_id).bind(3, core::instrument_code(instrument));
    ITA_TRY(row, query.step());
    return row ? static_cast<std::size_t>(query.integer(0)) : 0;
}

Result<bool> SqliteStore::claim_job(std::string_view job, const std::string& period) {
    ITA_TRY(claim, m_connection.prepare("INSERT INTO job_claims (job, period, claimed_at) VALUES (?, ?, ?) ON CONFLICT (job, period) DO NOTHING"));
    ITA_TRY_VOID(claim.bind(1, job).bind(2, period).bind(3, utc_now()).run());
    return m_connection.changes() == 1;
}

Result<std::optional<int>> SqliteStore::open_fiscal_year() {
    ITA_TRY(query, m_connection.prepare("SELECT max(fiscal_year) FROM fiscal_years WHERE state = 'open'"));
    ITA_TRY(row, query.step());
    if (!row || query.is_null(0)) return std::optional<int>();
    return std::optional<int>(static_cast<int>(query.integer(0)));
}

}  // namespace ita::storage::sqlite

namespace ita::storage::sqlite {

Result<void> SqliteStore::count_submission(int year, const std::string& agency_id, core::Instrument instrument, const std::string& hour,
                                           std::string_view duration, long long submissions) {
    ITA_TRY(count, m_connection.prepare(
        "INSERT INTO submission_timing (fiscal_year, agency_id, instrument, hour, duration, submissions) VALUES (?, ?, ?, ?, ?, ?6) "
        "ON CONFLICT (fiscal_year, agency_id, instrument, hour, duration) DO UPDATE SET submissions = submissions + ?6"));
    return count.bind(1, std::int64_t{year}).bind(2, agency_id).bind(3, core::instrument_code(instrument)).bind(4, hour).bind(5, duration)
        .bind(6, std::int64_t{submissions}).run();
}

Result<std::vector<TimingCount>> SqliteStore::submission_timing(int year, const std::optional<std::string>& agency_id) {
    ITA_TRY(query, m_connection.prepare("SELECT agency_id, instrument, hour, duration, submissions FROM submission_timing "
                                        "WHERE fiscal_year = ?1 AND (?2 IS NULL OR agency_id = ?2) ORDER BY agency_id, instrument, hour, duration"));
    query.bind(1, std::int64_t{year}).bind(2, agency_id);
    std::vector<TimingCount> counts;
    while (true) {
        ITA_TRY(row, query.step());
        if (!row) break;
        counts.push_back({std::string(query.text(0)), query.text(1) == "EIT" ? core::Instrument::eit : core::Instrument::iit,
                          std::string(query.text(2)), std::string(query.text(3)), query.integer(4)});
    }
    return counts;
}

Result<std::string> SqliteStore::stamp(std::string_view purpose, std::string_view text) {
    ITA_TRY(secret, respondent_secret());
    return keyed_stamp(secret, purpose, text);
}

}  // namespace ita::storage::sqlite
