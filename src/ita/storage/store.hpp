// Store: everything ita keeps about national seasons — agencies, fiscal years and their
// methodology version, assessments, survey responses, OIT evidence and reviews, published
// scores, score snapshots, users and an append-only audit log — behind one interface with two
// backends: SQLite (one file, the embedded default) and PostgreSQL (the national deployment).
// Services and the server see only this interface.
//
// Every import is one transaction: all rows or none. Re-importing the same rows changes
// nothing; a different value for a stored key is a conflict (listed with file and line)
// unless `replace` is set. Survey answers are stored one row per respondent, with a random id
// and, for imported files, a keyed hash of the file's respondent label (never the label).
// Answers given on the web are held sealed until their window closes and then released
// together, shuffled (held_answers.hpp): nothing links an answer to a code, session, address or
// moment. Keys live in the secrets file (secrets.hpp), never in the database.
//
// A Store object is not thread-safe: give each thread its own (open_store is cheap). Several
// processes may share one database; PostgreSQL serialises imports of the same year.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/evidence_rows.hpp>
#include <ita/core/instrument.hpp>
#include <ita/core/measure.hpp>
#include <ita/core/respondent_answers.hpp>
#include <ita/core/role.hpp>
#include <ita/core/season_phase.hpp>
#include <ita/storage/held_answers.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/respondent_key.hpp>
#include <ita/util/error.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ita::storage {

struct ImportOptions {
    bool replace = false;
    std::string actor = "cli";  // who, for the audit log
    std::string source;         // the file(s), for messages and the audit log
};

// What an import did, counted in its own unit (agencies, respondents, items, scores).
// A counter device on which citizens answer the EIT one after another.
struct Kiosk {
    std::vector<std::uint8_t> hash;  // keyed hash of the device's token
    int fiscal_year = 0;
    std::string agency_id;
    std::string label;
    std::string created_by;
    std::string created_on;  // YYYY-MM-DD
    bool revoked = false;
    std::int64_t answers = 0;
    // What pages name it by: the first 12 hex digits of its hash.
    [[nodiscard]] std::string id() const;
};

struct ImportReport {
    std::size_t added = 0;
    std::size_t changed = 0;
    std::size_t unchanged = 0;
};

// The fiscal year as registered: its methodology version and the answer layouts
// (comma-separated sub-item codes, see core::AnswerLayout) of stored IIT and EIT answers.
struct FiscalYearInfo {
    int fiscal_year = 0;
    std::string methodology_version;
    std::string iit_layout;
    std::string eit_layout;
};

// One phase of a season's calendar: iit, eit, oit_entry, review or clarification, open from
// its first to its last day inclusive (YYYY-MM-DD, Common Era).
struct SeasonWindow {
    core::SeasonPhase phase = core::SeasonPhase::iit;
    std::string opens_on;
    std::string closes_on;
};

// One OIT item of an agency through its review: what the agency entered, the auditor's
// verdict (empty until reviewed), and the agency's one clarification of a rejection.
struct OitEntry {
    std::string agency_id;
    std::string item;
    bool present = true;
    std::string url;
    std::string description;
    core::ReviewVerdict verdict = core::ReviewVerdict::pending;
    std::string comment;
    std::string reviewer;
    std::string clarification;
    std::string clarification_url;
    std::string clarified_on;
    // The item's other addresses after `url` (the checklist takes several: monthly summaries, a
    // plan and its report). The checker keeps the checks of the n-th address (n ≥ 2) under
    // core::address_check_key(item, n).
    std::vector<std::string> more_urls;
};

using UrlCheck = core::UrlCheck;

// The bytes a check fetched, kept once per SHA-256.
struct EvidenceSnapshot {
    std::string sha256;
    std::string content_type;
    std::string body;
};

// Submissions of one agency and instrument counted in one UTC hour ("2026-05-31T14") and one
// completion-time bucket (core::duration_bucket_code): counts only, never a response.
struct TimingCount {
    std::string agency_id;
    core::Instrument instrument = core::Instrument::iit;
    std::string hour;
    std::string duration;
    long long submissions = 0;
};

struct StoredResponse {
    std::string_view agency_id;
    core::Instrument instrument = core::Instrument::iit;
    std::span<const std::uint8_t> packed;
    std::string_view part;  // the EIT respondent part's code; empty: none
};

// The latest computed scores of one agency, kept with the methodology version used.
struct ScoreSnapshot {
    std::string agency_id;
    std::optional<double> overall;
    std::string rating;
    std::optional<bool> pass;
    std::string detail_json;  // the agency's object of `ita score --format json`
};

// One publication of a year's results — a version: when, by whom, how many agencies it
// covered, from when the public sees it, and (for a correction) why it replaced the one before.
struct Publication {
    std::int64_t publication_id = 0;
    int fiscal_year = 0;
    std::string published_at;  // UTC, ISO 8601: when it was recorded
    std::string actor;
    std::size_t agencies = 0;
    int version = 1;          // 1 for a year's first publication, 2 for its first correction, …
    std::string public_from;  // UTC, ISO 8601: the public sees it from then (later: embargoed)
    std::string reason;       // why it replaced the version before; empty for a year's first
};

// What a publication freezes: every row exactly as the public will see it.
struct PublicationRequest {
    int fiscal_year = 0;
    std::string methodology_version;
    std::vector<ScoreSnapshot> rows;
    std::string actor;
    std::string reason;       // required by the service for a correction
    std::string public_from;  // UTC, ISO 8601; empty: at once
};

// One verdict an auditor gave on one OIT item (every one is kept, the latest also in the review).
struct VerdictRecord {
    std::string item;
    core::ReviewVerdict verdict = core::ReviewVerdict::pending;
    std::string comment;
    std::string reviewer;
    std::string reviewed_at;  // YYYY-MM-DD (Bangkok)
};

// An OIT review's progress for one agency: items entered, and of those how many wait for a
// first verdict, were accepted or rejected, and how many rejected items were clarified and
// wait for the auditor to look again.
struct OitReviewProgress {
    std::string agency_id;
    std::size_t entered = 0;
    std::size_t awaiting_review = 0;
    std::size_t accepted = 0;
    std::size_t rejected = 0;
    std::size_t awaiting_re_review = 0;
};

// One version of a year's methodology as the deployment keeps it: the file's text, why it was
// recorded, by whom and when, and whether the year is frozen (its season has opened).
struct StoredMethodology {
    int fiscal_year = 0;
    std::string version;
    std::string document;  // the JSON file, as ita-YYYY.json
    std::string reason;
    std::string actor;
    std::string recorded_at;  // UTC, ISO 8601
    bool frozen = false;
};

struct SurveyCode {
    int fiscal_year = 0;
    std::string agency_id;
    core::Instrument instrument = core::Instrument::iit;
    bool spent = false;
};

struct User {
    std::string user_id;
    std::string display_name;
    core::Role role = core::Role::agency_admin;
    std::string agency_id;              // for agency admins
    std::string password_hash;          // argon2id, libsodium's string form
    bool disabled = false;              // cannot sign in
    bool must_change_password = false;  // set by someone else: changed at the next sign-in
};

struct Session {
    User user;
    std::string csrf;
    std::int64_t expires_at = 0;
};

struct AuditEntry {
    std::int64_t entry_id = 0;
    std::string at;
    std::string actor;
    std::string action;
    std::optional<int> fiscal_year;
    std::string detail;
};

class Store {
public:
    virtual ~Store() = default;

    [[nodiscard]] virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"
    // Whether the connection can still be used (a PostgreSQL server may have gone away), so
    // that a kept connection is replaced rather than failing every request after.
    [[nodiscard]] virtual bool usable() const { return true; }
    // The newest migration applied (migrations run when the store is opened).
    virtual Result<int> schema_version() = 0;
    // The oldest schema whose ita may run on this database, as the ita that migrated it to its
    // present schema recorded (0: nothing recorded for that schema: only its own version).
    virtual Result<int> schema_readable_from() = 0;

    virtual Result<ImportReport> import_agencies(std::span<const core::Agency> agencies, const ImportOptions& options) = 0;
    virtual Result<std::vector<core::Agency>> agencies() = 0;
    // One agency, for pages and forms that need only theirs (nothing when it is unknown).
    virtual Result<std::optional<core::Agency>> agency(const std::string& agency_id) = 0;
    // The domains an agency's working group added to its websites (beside the agencies file's),
    // sorted; adding one it has is not an error, removing one it lacks is not_found.
    virtual Result<std::vector<std::string>> agency_domains(const std::string& agency_id) = 0;
    virtual Result<void> add_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor,
                                           const std::string& day) = 0;
    virtual Result<void> remove_agency_domain(const std::string& agency_id, const std::string& domain, std::string_view actor) = 0;

    // Registers the fiscal year, or checks that the stored layouts match; a different layout
    // means the answers were stored under another methodology (ErrorCode::conflict).
    virtual Result<void> ensure_fiscal_year(const FiscalYearInfo& info) = 0;
    // ErrorCode::not_found when the year has nothing stored.
    virtual Result<FiscalYearInfo> fiscal_year(int fiscal_year) = 0;
    // The fiscal years with something stored, ascending.
    virtual Result<std::vector<int>> fiscal_years() = 0;

    virtual Result<ImportReport> import_responses(int fiscal_year, std::span<const core::RespondentAnswers> respondents,
                                                  const ImportOptions& options) = 0;
    virtual Result<ImportReport> import_oit(int fiscal_year, std::span<const core::OitVerdict> verdicts, const ImportOptions& options) = 0;
    virtual Result<ImportReport> import_published(int fiscal_year, std::span<const core::PublishedScore> scores,
                                                  const ImportOptions& options) = 0;

    // Counts `submissions` into an hour and duration bucket, apart from any answer.
    virtual Result<void> count_submission(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                          const std::string& hour, std::string_view duration, long long submissions = 1) = 0;
    virtual Result<std::vector<TimingCount>> submission_timing(int fiscal_year, const std::optional<std::string>& agency_id) = 0;
    // A keyed hash (hex) of `text` for `purpose` under the deployment's secret: a value a form
    // carries out and brings back can be checked unforged by any server process.
    virtual Result<std::string> stamp(std::string_view purpose, std::string_view text) = 0;

    // Reading for scoring; `agency_id` restricts to one agency. Responses come in no
    // meaningful order.
    virtual Result<void> for_each_response(int fiscal_year, const std::optional<std::string>& agency_id,
                                           const std::function<void(const StoredResponse&)>& visit) = 0;
    virtual Result<std::vector<core::OitVerdict>> oit_verdicts(int fiscal_year, const std::optional<std::string>& agency_id) = 0;
    virtual Result<std::vector<core::PublishedScore>> published_scores(int fiscal_year, const std::optional<std::string>& agency_id) = 0;

    // Replaces the agencies' snapshots for the year, in one transaction.
    virtual Result<void> save_snapshots(int fiscal_year, const std::string& methodology_version,
                                        std::span<const ScoreSnapshot> snapshots) = 0;
    virtual Result<std::vector<ScoreSnapshot>> snapshots(int fiscal_year) = 0;

    // Publication: the rows are frozen, in one audited transaction, as the year's next version
    // (earlier versions are kept). The public sees it from `public_from`; until then the
    // version before stays in force. invalid_input without rows; conflict while an earlier
    // version of the year still waits for its embargo (withdraw it first).
    virtual Result<Publication> publish_results(const PublicationRequest& request) = 0;
    // Removes a version the public has not seen yet (its embargo not over); conflict once it is
    // public, not_found for an unknown id. Audited.
    virtual Result<void> withdraw_publication(std::int64_t publication_id, std::string_view actor) = 0;
    // The version in force of each published year (the newest the public may see), newest
    // fiscal year first.
    virtual Result<std::vector<Publication>> publications() = 0;
    // Every version of the year, the embargoed too, oldest first.
    virtual Result<std::vector<Publication>> publication_history(int fiscal_year) = 0;
    // The rows of the version in force.
    virtual Result<std::vector<ScoreSnapshot>> published_results(int fiscal_year) = 0;
    // The same rows without their detail: what ranking needs, read fast.
    virtual Result<std::vector<ScoreSnapshot>> published_overall(int fiscal_year) = 0;
    // The rows of one version (any, earlier ones too).
    virtual Result<std::vector<ScoreSnapshot>> published_version(std::int64_t publication_id) = 0;
    // A number that changes whenever anything the public pages show changes: a publication
    // (also when its embargo ends), a measure, its progress or 4M constraints. One cheap read,
    // shared by every process.
    virtual Result<std::int64_t> public_generation() = 0;

    // Methodologies: the newest version of a year is the one in force. record_methodology adds
    // a version (conflict when the year already has that version; frozen when the year is);
    // freeze_methodology freezes the year's newest version (not_found when it has none). Both
    // are audited.
    virtual Result<void> record_methodology(const StoredMethodology& methodology) = 0;
    virtual Result<void> freeze_methodology(int fiscal_year, std::string_view actor) = 0;
    virtual Result<std::optional<StoredMethodology>> current_methodology(int fiscal_year) = 0;
    // The version in force and its document's length, without the document, for a process to
    // know whether the copy it parsed earlier still holds. A connection trusts what it read for
    // a second (survey submissions ask every time); a change recorded in this process is seen at
    // once, one recorded by another process within that second.
    virtual Result<std::optional<std::pair<std::string, std::int64_t>>> methodology_stamp(int fiscal_year) = 0;
    // Every version, oldest first, without documents: the years' history for people.
    virtual Result<std::vector<StoredMethodology>> methodology_history() = 0;

    // Integrity measures. Each change is audited. add_measure returns the new id; the others
    // fail with not_found for an unknown id. measures() returns them with their progress.
    virtual Result<std::int64_t> add_measure(const core::Measure& measure, std::string_view actor) = 0;
    virtual Result<void> update_measure(const core::Measure& measure, std::string_view actor) = 0;
    virtual Result<void> remove_measure(std::int64_t measure_id, std::string_view actor) = 0;
    virtual Result<void> add_progress(std::int64_t measure_id, const core::ProgressReport& report, std::string_view actor) = 0;
    virtual Result<std::vector<core::Measure>> measures(int fiscal_year, const std::optional<std::string>& agency_id) = 0;
    // The fiscal year of a measure, for a caller that knows only its id (nothing when unknown).
    virtual Result<std::optional<int>> measure_fiscal_year(std::int64_t measure_id) = 0;
    virtual Result<void> set_constraints(int fiscal_year, const std::string& agency_id, const core::Constraints& constraints,
                                         std::string_view actor) = 0;
    virtual Result<std::optional<core::Constraints>> constraints(int fiscal_year, const std::string& agency_id) = 0;

    // One-time survey codes; the store keeps only a keyed hash of each (see respondent_key.hpp).
    virtual Result<void> add_survey_codes(int fiscal_year, const std::string& agency_id, core::Instrument instrument,
                                          std::span<const std::string> codes, std::string_view actor) = 0;
    // The code's agency, year and instrument, and whether it is spent; not_found otherwise.
    virtual Result<SurveyCode> survey_code(std::string_view code) = 0;
    // Spends the code and holds the sealed submission in one transaction: exactly one of any
    // number of concurrent submissions with the same code succeeds; the others get used_up.
    virtual Result<void> submit_survey(std::string_view code, const HeldSubmission& submission) = 0;

    // The public survey: a browser token (checked by the caller) allows one submission for its
    // agency and year. Records the token as used and holds the sealed submission in one
    // transaction; used_up when the token was used already.
    virtual Result<void> submit_public_survey(int fiscal_year, const std::string& agency_id, std::string_view token,
                                              core::Instrument instrument, const HeldSubmission& submission) = 0;
    // Opens every held submission of the year and instrument, writes them as response rows in
    // a random order in one transaction, counts their hours and completion times, and deletes
    // them; returns how many. Nothing to release: 0. Concurrent releases release each once.
    virtual Result<std::size_t> release_held_answers(int fiscal_year, core::Instrument instrument) = 0;
    // Whether the browser token has answered (reading only: the public form writes nothing).
    virtual Result<bool> browser_token_used(std::string_view token) = 0;
    // Counts a hit of `key` (hashed) in the window starting at `window_start`; false when the
    // window already has `limit` hits. Shared by every server process.
    virtual Result<bool> allow_hit(std::string_view key, std::int64_t window_start, int limit) = 0;
    // The hits of `key` counted so far in the window, without counting one.
    virtual Result<int> count_hits(std::string_view key, std::int64_t window_start) = 0;
    // Respondents stored or held for an agency, year and instrument.
    virtual Result<std::size_t> respondent_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) = 0;
    // Counter devices for the EIT (kiosk mode), by the keyed hash of their token.
    virtual Result<void> add_kiosk(const Kiosk& kiosk) = 0;
    virtual Result<std::optional<Kiosk>> kiosk(std::span<const std::uint8_t> kiosk_hash) = 0;
    virtual Result<std::vector<Kiosk>> kiosks(int fiscal_year, const std::string& agency_id) = 0;
    // Turns off the agency's device whose id (Kiosk::id) this is; not_found when there is none.
    virtual Result<void> revoke_kiosk(int fiscal_year, const std::string& agency_id, const std::string& id, std::string_view actor) = 0;
    virtual Result<void> count_kiosk_answer(std::span<const std::uint8_t> kiosk_hash) = 0;
    // How many one-time codes the agency has for the year and instrument, spent or not (which
    // ones were spent is never asked of the store by a page).
    virtual Result<std::size_t> survey_code_count(int fiscal_year, const std::string& agency_id, core::Instrument instrument) = 0;
    // The same for every agency at once: (agency id, instrument) → respondents, stored and held.
    virtual Result<std::map<std::pair<std::string, core::Instrument>, std::size_t>> respondent_counts(int fiscal_year) = 0;
    // Claims `job` for `period` for this process: true for the first claim of the pair in the
    // whole deployment, false for every later one (work one process does for all).
    virtual Result<bool> claim_job(std::string_view job, const std::string& period) = 0;
    // The newest fiscal year whose state is open, if any.
    virtual Result<std::optional<int>> open_fiscal_year() = 0;

    // The season: the agencies assessed in the year (none named: every agency) and its
    // calendar, which replaces any earlier one; audited.
    virtual Result<void> open_season(int fiscal_year, std::span<const std::string> agency_ids, std::span<const SeasonWindow> windows,
                                     std::string_view actor) = 0;
    virtual Result<std::vector<SeasonWindow>> season_windows(int fiscal_year) = 0;
    // Whether the agency is assessed in the year.
    virtual Result<bool> in_season(int fiscal_year, const std::string& agency_id) = 0;
    // Every agency assessed in the year (in its season, or with answers or evidence imported),
    // by id.
    virtual Result<std::vector<std::string>> assessed_agencies(int fiscal_year) = 0;
    // The year's headcount of staff with at least one year of service, as the working group
    // entered it (it sets the minimum IIT sample and overrides the agencies file's column).
    virtual Result<void> set_headcount(int fiscal_year, const std::string& agency_id, long long headcount, std::string_view actor) = 0;
    virtual Result<std::map<std::string, long long>> headcounts(int fiscal_year) = 0;

    // The OIT review cycle; every step is audited. enter_oit fails with conflict once the item
    // has a verdict; review_oit with not_found when nothing was entered; clarify_oit with
    // conflict unless the item is rejected and not yet clarified.
    virtual Result<void> enter_oit(int fiscal_year, const OitEntry& entry, std::string_view actor, const std::string& day) = 0;
    // The working group's sending of its OIT entries ("ส่งแบบ OIT"): the day, none before. send_oit
    // fails with conflict when sent already; enter_oit with conflict once sent.
    virtual Result<std::optional<std::string>> oit_sent_on(int fiscal_year, const std::string& agency_id) = 0;
    virtual Result<void> send_oit(int fiscal_year, const std::string& agency_id, std::string_view actor, const std::string& day) = 0;
    // Undoes a sending (a national admin reopens the form for corrections); not_found when none.
    virtual Result<void> unsend_oit(int fiscal_year, const std::string& agency_id, std::string_view actor) = 0;
    // Every agency that has sent its OIT entries that year: agency id → the day.
    virtual Result<std::map<std::string, std::string>> oit_sendings(int fiscal_year) = 0;
    virtual Result<void> review_oit(int fiscal_year, const std::string& agency_id, const std::string& item, bool accepted,
                                    const std::string& comment, std::string_view reviewer, const std::string& day) = 0;
    virtual Result<void> clarify_oit(int fiscal_year, const std::string& agency_id, const std::string& item, const std::string& text,
                                     const std::string& url, std::string_view actor, const std::string& day) = 0;
    virtual Result<std::vector<OitEntry>> oit_entries(int fiscal_year, const std::string& agency_id) = 0;
    // Every agency that has entered an item, by agency id.
    virtual Result<std::vector<OitReviewProgress>> oit_review_progress(int fiscal_year) = 0;
    // Every verdict given on the agency's items in the year, oldest first.
    virtual Result<std::vector<VerdictRecord>> verdict_history(int fiscal_year, const std::string& agency_id) = 0;
    // Auditors' agencies: each pair (agency id, auditor user id) replaces the agency's auditor for
    // the year; an empty auditor removes the assignment. invalid_input naming the first unknown
    // agency or a user who is not an auditor. Audited.
    virtual Result<void> assign_reviews(int fiscal_year, std::span<const std::pair<std::string, std::string>> assignments,
                                        std::string_view actor) = 0;
    // agency id → auditor, for the year.
    virtual Result<std::map<std::string, std::string>> review_assignments(int fiscal_year) = 0;

    // The evidence checker's findings. record_url_check returns the new check's id; a snapshot
    // already stored (same SHA-256) is not stored again. forget_snapshots drops the bytes kept
    // for the item's checks other than those named (the checks stay, without bytes) and the
    // bytes no check refers to any more. latest_url_checks: the newest check of each item, by
    // agency then item, of one agency or (none named) of all; url_check_history: one item's
    // checks, newest first; evidence_snapshot: not_found unless a check of that agency kept them.
    virtual Result<std::int64_t> record_url_check(int fiscal_year, const UrlCheck& check,
                                                  const std::optional<EvidenceSnapshot>& snapshot) = 0;
    virtual Result<void> forget_snapshots(int fiscal_year, const std::string& agency_id, const std::string& item,
                                          std::span<const std::int64_t> keep_check_ids) = 0;
    virtual Result<std::vector<UrlCheck>> latest_url_checks(int fiscal_year, const std::optional<std::string>& agency_id) = 0;
    virtual Result<std::vector<UrlCheck>> url_check_history(int fiscal_year, const std::string& agency_id, const std::string& item) = 0;
    // The newest check of each item of the agency made before `before` (a UTC stamp), by item.
    virtual Result<std::vector<UrlCheck>> url_checks_before(int fiscal_year, const std::string& agency_id, const std::string& before) = 0;
    virtual Result<EvidenceSnapshot> evidence_snapshot(const std::string& agency_id, const std::string& sha256) = 0;

    // Accounts and sessions. Session tokens are stored as keyed hashes.
    virtual Result<void> add_user(const User& user, std::string_view actor) = 0;
    virtual Result<User> user(const std::string& user_id) = 0;
    // Every account, by user id, without password hashes.
    virtual Result<std::vector<User>> users() = 0;
    // A new password hash (and whether it must be changed at the next sign-in); every session of
    // the user ends. not_found for an unknown user. Audited (never the hash).
    virtual Result<void> set_password(const std::string& user_id, const std::string& password_hash, bool must_change,
                                      std::string_view actor) = 0;
    // Gives the account another role (and, for a working group, its agency); its sessions end.
    // not_found for an unknown user. Audited.
    virtual Result<void> set_user_role(const std::string& user_id, core::Role role, const std::string& agency_id,
                                       std::string_view actor) = 0;
    // Disables (its sessions end) or enables an account; not_found for an unknown user. Audited.
    virtual Result<void> set_user_disabled(const std::string& user_id, bool disabled, std::string_view actor) = 0;
    virtual Result<void> add_session(std::string_view token, const std::string& user_id, const std::string& csrf,
                                     std::int64_t expires_at) = 0;
    // not_found for an unknown or expired (at `now`) token.
    virtual Result<Session> session(std::string_view token, std::int64_t now) = 0;
    virtual Result<void> remove_session(std::string_view token) = 0;
    virtual Result<void> record(std::string_view actor, std::string_view action, std::string_view detail) = 0;  // an audit entry

    virtual Result<std::vector<AuditEntry>> audit_log(std::size_t newest_count) = 0;

    // A consistent copy of the whole database in a file / the database replaced by one.
    virtual Result<void> backup(const std::string& path) = 0;
    virtual Result<void> restore(const std::string& path) = 0;
};

// What a --db names: a SQLite file (a path, or a SQLite URI), PostgreSQL (a postgresql:// URL or
// libpq key=value pairs in any order), or neither (refused: never created as a file whose name
// may hold a password).
enum class DatabaseKind { sqlite, postgresql, neither };
DatabaseKind database_kind(const std::string& path_or_url);

// Opens (creating if needed) and migrates a store, with the secrets file of secrets_path()
// (created for a database that has no key yet, with a note on stderr saying where): a `postgresql://` or `postgres://` URL (or a
// libpq "key=value" string starting with "host=" or "dbname=") means PostgreSQL, anything else
// a SQLite file path. Fails with the database's own reason.
Result<std::unique_ptr<Store>> open_store(const std::string& path_or_url, Migrations migrations = Migrations::apply);

}  // namespace ita::storage
