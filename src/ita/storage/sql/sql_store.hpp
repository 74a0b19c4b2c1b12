// SqlStore: the Store written once, in SQL both databases read, over sql::Database. The two
// backends (SqliteStore, PostgresStore) derive from it and add only what is theirs: opening,
// backup and restore, and the few paths where a native form earns its keep (PostgreSQL's
// one-statement submissions; COPY comes through sql::Database). See store.hpp for the contract.
#pragma once

#include <ita/storage/sql/database.hpp>
#include <ita/storage/store.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ita::storage {

class SqlStore : public Store {
public:
    [[nodiscard]] bool usable() const override { return m_database->usable(); }
    Result<int> schema_version() override;
    Result<int> schema_readable_from() override;
    Result<ImportReport> import_agencies(std::span<const core::Agency> agencies, const ImportOptions& options) override;
    Result<std::vector<core::Agency>> agencies() override;
    Result<std::optional<core::Agency>> agency(const std::string& agency_id) override;
    Result<std::vector<std::string>> agency_domains(const std::string& agency_id) override;
    Result<void> add_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor,
                                   const std::string& day) override;
    Result<void> remove_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor) override;
    Result<void> ensure_fiscal_year(const FiscalYearInfo& info) override;
    Result<FiscalYearInfo> fiscal_year(int fiscal_year) override;
    Result<std::vector<int>> fiscal_years() override;
    Result<ImportReport> import_responses(int fiscal_year, std::span<const core::RespondentAnswers> respondents,
                                          const ImportOptions& options) override;
    Result<ImportReport> import_oit(int fiscal_year, std::span<const core::OitVerdict> verdicts, const ImportOptions& options) override;
    Result<ImportReport> import_published(int fiscal_year, std::span<const core::PublishedScore> scores,
                                          const ImportOptions& options) override;
    Result<void> for_each_response(int fiscal_year, const std::optional<std::string>& agency_id,
                                   const std::function<void(const StoredResponse&)>& visit) override;
    Result<std::vector<core::OitVerdict>> oit_verdicts(int fiscal_year, const std::optional<std::string>& agency_id) override;
    Result<std::vector<core::PublishedScore>> published_scores(int fiscal_year, const std::optional<std::string>& agency_id) override;
    Result<void> save_snapshots(int fiscal_year, const std::string& methodology_version, std::span<const ScoreSnapshot> snapshots) override;
    Result<std::vector<ScoreSnapshot>> snapshots(int fiscal_year) override;
    Result<std::int64_t> add_measure(const core::Measure& measure, std::string_view actor) override;
    Result<void> update_measure(const core::Measure& measure, std::string_view actor) override;
    Result<void> remove_measure(std::int64_t measure_id, std::string_view actor) override;
    Result<void> add_progress(std::int64_t measure_id, const core::ProgressReport& report, std::string_view actor) override;
    Result<std::vector<core::Measure>> measures(int fiscal_year, const std::optional<std::string>& agency_id) override;
    Result<std::optional<int>> measure_fiscal_year(std::int64_t measure_id) override;
    Result<void> set_constraints(int fiscal_year, const std::string& agency_id, const core::Constraints& constraints,
                                 std::string_view actor) override;
    Result<std::optional<core::Constraints>> constraints(int fiscal_year, const std::string& agency_id) override;
    Result<void> add_survey_codes(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                  std::span<const std::string> codes, std::string_view actor) override;
    Result<SurveyCode> survey_code(std::string_view code) override;
    Result<void> submit_survey(std::string_view code, const HeldSubmission& submission) override;
    Result<void> submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token, core::Instrument instrument,
                                      const HeldSubmission& submission) override;
    Result<std::size_t> release_held_answers(int fiscal_year, core::Instrument instrument) override;
    Result<bool> browser_token_used(std::string_view token) override;
    Result<bool> allow_hit(std::string_view key, std::int64_t window_start, int limit) override;
    Result<int> count_hits(std::string_view key, std::int64_t window_start) override;
    Result<std::size_t> respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) override;
    Result<std::size_t> survey_code_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) override;
    Result<void> add_kiosk(const Kiosk& kiosk) override;
    Result<std::optional<Kiosk>> kiosk(std::span<const std::uint8_t> kiosk_hash) override;
    Result<std::vector<Kiosk>> kiosks(int fiscal_year, const std::string& agency_id) override;
    Result<void> revoke_kiosk(int fiscal_year, const std::string& agency_id, const std::string& id, std::string_view actor) override;
    Result<void> count_kiosk_answer(std::span<const std::uint8_t> kiosk_hash) override;
    Result<std::map<std::pair<std::string, core::Instrument>, std::size_t>> respondent_counts(int fiscal_year) override;
    Result<std::optional<int>> open_fiscal_year() override;
    Result<bool> claim_job(std::string_view job, const std::string& period) override;
    Result<void> open_season(int fiscal_year, std::span<const std::string> agency_ids, std::span<const SeasonWindow> windows,
                             std::string_view actor) override;
    Result<std::vector<SeasonWindow>> season_windows(int fiscal_year) override;
    Result<bool> in_season(int fiscal_year, const std::string& agency_id) override;
    Result<std::vector<std::string>> assessed_agencies(int fiscal_year) override;
    Result<void> set_headcount(int fiscal_year, const std::string& agency_id, long long headcount, std::string_view actor) override;
    Result<std::map<std::string, long long>> headcounts(int fiscal_year) override;
    Result<void> enter_oit(int fiscal_year, const OitEntry& entry, std::string_view actor, const std::string& day) override;
    Result<std::optional<std::string>> oit_sent_on(int fiscal_year, const std::string& agency_id) override;
    Result<void> send_oit(int fiscal_year, const std::string& agency_id, std::string_view actor, const std::string& day) override;
    Result<std::map<std::string, std::string>> oit_sendings(int fiscal_year) override;
    Result<void> unsend_oit(int fiscal_year, const std::string& agency_id, std::string_view actor) override;
    Result<void> review_oit(int fiscal_year, const std::string& agency_id, const std::string& item, bool accepted,
                            const std::string& comment, std::string_view reviewer, const std::string& day) override;
    Result<void> clarify_oit(int fiscal_year, const std::string& agency_id, const std::string& item, const std::string& text,
                             const std::string& url, std::string_view actor, const std::string& day) override;
    Result<std::vector<OitEntry>> oit_entries(int fiscal_year, const std::string& agency_id) override;
    Result<std::vector<OitReviewProgress>> oit_review_progress(int fiscal_year) override;
    Result<std::vector<VerdictRecord>> verdict_history(int fiscal_year, const std::string& agency_id) override;
    Result<void> assign_reviews(int fiscal_year, std::span<const std::pair<std::string, std::string>> assignments,
                                std::string_view actor) override;
    Result<std::map<std::string, std::string>> review_assignments(int fiscal_year) override;
    Result<void> count_submission(int fiscal_year, const std::string& agency_id, core::Instrument instrument, const std::string& hour,
                                  std::string_view duration, long long submissions) override;
    Result<std::vector<TimingCount>> submission_timing(int fiscal_year, const std::optional<std::string>& agency_id) override;
    Result<std::string> stamp(std::string_view purpose, std::string_view text) override;
    Result<std::int64_t> record_url_check(int fiscal_year, const UrlCheck& check, const std::optional<EvidenceSnapshot>& snapshot) override;
    Result<void> forget_snapshots(int fiscal_year, const std::string& agency_id, const std::string& item,
                                  std::span<const std::int64_t> keep_check_ids) override;
    Result<std::vector<UrlCheck>> latest_url_checks(int fiscal_year, const std::optional<std::string>& agency_id) override;
    Result<std::vector<UrlCheck>> url_check_history(int fiscal_year, const std::string& agency_id, const std::string& item) override;
    Result<std::vector<UrlCheck>> url_checks_before(int fiscal_year, const std::string& agency_id, const std::string& before) override;
    Result<EvidenceSnapshot> evidence_snapshot(const std::string& agency_id, const std::string& sha256) override;
    Result<void> record_methodology(const StoredMethodology& methodology) override;
    Result<void> freeze_methodology(int fiscal_year, std::string_view actor) override;
    Result<std::optional<StoredMethodology>> current_methodology(int fiscal_year) override;
    Result<std::optional<std::pair<std::string, std::int64_t>>> methodology_stamp(int fiscal_year) override;
    Result<std::vector<StoredMethodology>> methodology_history() override;
    Result<Publication> publish_results(const PublicationRequest& request) override;
    Result<void> withdraw_publication(std::int64_t publication_id, std::string_view actor) override;
    Result<std::vector<Publication>> publications() override;
    Result<std::vector<Publication>> publication_history(int fiscal_year) override;
    Result<std::vector<ScoreSnapshot>> published_results(int fiscal_year) override;
    Result<std::vector<ScoreSnapshot>> published_overall(int fiscal_year) override;
    Result<std::vector<ScoreSnapshot>> published_version(std::int64_t publication_id) override;
    Result<std::int64_t> public_generation() override;
    Result<void> add_user(const User& user, std::string_view actor) override;
    Result<User> user(const std::string& user_id) override;
    Result<std::vector<User>> users() override;
    Result<void> set_password(const std::string& user_id, const std::string& password_hash, bool must_change,
                              std::string_view actor) override;
    Result<void> set_user_disabled(const std::string& user_id, bool disabled, std::string_view actor) override;
    Result<void> set_user_role(const std::string& user_id, core::Role role, const std::string& agency_id, std::string_view actor) override;
    Result<void> add_session(std::string_view token, const std::string& user_id, const std::string& csrf, std::int64_t expires_at) override;
    Result<Session> session(std::string_view token, std::int64_t now) override;
    Result<void> remove_session(std::string_view token) override;
    Result<void> record(std::string_view actor, std::string_view action, std::string_view detail) override;
    Result<std::vector<AuditEntry>> audit_log(std::size_t newest_count) override;

    // The connection itself, for storage's own whole-database tools (copy_store), which move
    // tables as they are; everything else goes through the Store methods above.
    sql::Database& database() { return *m_database; }

protected:
    explicit SqlStore(std::unique_ptr<sql::Database> database) : m_database(std::move(database)) {}
    // Applies pending migrations (or refuses, see Migrations), then reads the secrets file.
    Result<void> migrate(Migrations migrations);
    // After the key moved out of an older database: what the backend does so that no copy of
    // it stays behind in its files (SQLite checkpoints its WAL).
    virtual Result<void> after_key_removed() { return {}; }

    // The deployment's key, read from the secrets file when the store opened.
    [[nodiscard]] const std::vector<std::uint8_t>& secret() const { return m_secret; }
    // The keyed hash a browser token is stored as.
    [[nodiscard]] RespondentKey token_key(std::string_view token) const;
    Result<void> audit(std::string_view actor, std::string_view action, std::optional<int> fiscal_year, std::string_view detail);

private:
    Result<void> settle_secret();
    Result<std::optional<std::pair<std::string, std::int64_t>>> read_methodology_stamp(int fiscal_year);
    // The rows of score_snapshots or published_rows (same columns) that `from_where` ("table
    // WHERE …", with its parameters) selects, by agency id; without `with_detail`, detail_json
    // is left empty (and never read from disk).
    Result<std::vector<ScoreSnapshot>> score_rows(std::string_view from_where, sql::Values parameters, bool with_detail);
    // Within an import's transaction: every process importing the same year queues here.
    Result<void> lock_year(int fiscal_year);
    Result<void> check_agencies_known(const std::vector<std::pair<std::string, std::size_t>>& agency_lines, const ImportOptions& options);
    Result<void> ensure_assessments(int fiscal_year, const std::vector<std::string>& agency_ids);

    // The methodology version in force, as this connection last read it: every survey
    // submission asks, and a read each time would cost PostgreSQL a round trip per submission.
    struct MethodologyStamp {
        std::optional<std::pair<std::string, std::int64_t>> value;
        std::chrono::steady_clock::time_point read_at;
        std::uint64_t epoch = 0;
    };
    std::map<int, MethodologyStamp> m_methodology_stamps;

    std::unique_ptr<sql::Database> m_database;
    std::vector<std::uint8_t> m_secret;
};

}  // namespace ita::storage
