// Methodology: one fiscal year's ITA method as data (SPEC §1–5): instruments and weights,
// indicators, questions and sub-items with their answer kinds, OIT sub-indicators and items,
// answer points, verdict levels, pass mark, national target and minimum samples.
// Elements live in flat vectors and refer to each other by index; `path` fields hold the JSON
// pointer of the element in its source file, so problems can be reported where they are.
// Immutable once built by finalize(); safe to share between threads.
#pragma once

#include <ita/core/instrument.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ita::core {

// Where an element comes from: how sure ita is, and the key of its source in
// Methodology::sources (empty when the file names none).
struct Provenance {
    Confidence confidence = Confidence::verified;
    std::string source;
    std::string note;  // what was seen or assumed, in Thai

    [[nodiscard]] bool is_official() const { return confidence == Confidence::verified; }
};

struct SubItem {
    std::string code;  // "I4.1"; the question's own code when it has no sub-items
    std::string text;
    AnswerKind kind = AnswerKind::scale;
    std::size_t question = 0;
    std::string path;
};

struct Question {
    std::string code;  // "I4"
    std::string text;
    Provenance provenance;  // of its wording and structure
    Instrument instrument = Instrument::iit;
    int indicator = 0;
    std::vector<std::size_t> sub_items;
    std::string path;
};

// Which year an OIT item's evidence must speak of, for the evidence checker: none (standing
// information), the assessed fiscal year, the year before (annual reports), the first half of
// the assessed year, its months so far, or a plan of several years that spans it.
enum class EvidencePeriod { standing, fiscal_year, previous_year, six_month, monthly, span };

// A requirement an item adds for some agency types (local governments show both the political
// and the permanent-staff structure), shown with the item to those agencies.
struct ItemRequirement {
    std::vector<std::string> agency_types;
    std::string text;
};

// A test for evidence that keywords do not fit: an organisation chart is mostly position names,
// a service guide lists steps, time and documents without saying "คู่มือ". The evidence passes
// when it names at least `at_least` of `words` (or one of the item's keywords).
struct EvidenceSigns {
    std::vector<std::string> words;
    int at_least = 0;
};

struct OitItem {
    std::string code;  // "O18"; a variant's own codes, such as "MOIT3"
    std::string name;
    std::string variant;                    // empty: the common list; else the code of its OitVariant
    std::vector<std::string> agency_types;  // empty: the item applies to every agency type (of its list)
    std::vector<ItemRequirement> requirements;
    std::vector<std::string> keywords;  // the evidence page names at least one of them
    EvidenceSigns signs;                // or enough of these
    // The evidence is an online service: its own sign-in page shows it exists (not a wall).
    bool online_service = false;
    EvidencePeriod period = EvidencePeriod::standing;
    Provenance provenance;
    std::size_t sub_indicator = 0;
    std::string path;

    [[nodiscard]] bool applies_to(const std::string& agency_type) const;
    // The requirements for that agency type, joined; empty when there is none.
    [[nodiscard]] std::string requirement_for(const std::string& agency_type) const;
};

// Agencies of some types answer their own OIT list instead of the common one: the Ministry of
// Public Health's MOIT for its hospitals and health offices. Its items name the variant.
struct OitVariant {
    std::string code;  // "MOIT"
    std::string name;
    std::vector<std::string> agency_types;
    Provenance provenance;
    std::string path;
};

struct SubIndicator {
    std::string code;  // "9.1"
    std::string name;
    int indicator = 0;
    std::vector<std::size_t> items;
    std::string path;
};

struct Indicator {
    int number = 0;  // 1–10
    std::string name;
    Instrument instrument = Instrument::iit;
    std::vector<std::size_t> questions;       // IIT, EIT
    std::vector<std::size_t> sub_indicators;  // OIT
    std::string path;
};

// A weighted part of an instrument made of some of its indicators.
struct InstrumentPart {
    std::string code;
    std::string name;
    double weight = 0;
    std::vector<int> indicators;
    std::string path;
};

// How a respondent of a part answered: by themselves, through the public link or QR code
// (self), or through someone who collected the answers and imported them (collected).
enum class PartChannel : std::uint8_t { self, collected };
// How the parts' answers make the instrument: pooled, every respondent counting once whatever
// the part (the mean over all answers), or weighted, each part's score weighted as the file says.
enum class PartRule : std::uint8_t { pooled, weighted };

// "self", "collected"; "pooled", "weighted": in methodology files.
[[nodiscard]] std::string_view part_channel_code(PartChannel channel);
[[nodiscard]] std::optional<PartChannel> parse_part_channel(std::string_view text);
[[nodiscard]] std::string_view part_rule_code(PartRule rule);
[[nodiscard]] std::optional<PartRule> parse_part_rule(std::string_view text);
// In Thai, for pages and reports.
[[nodiscard]] std::string_view part_channel_label(PartChannel channel);
[[nodiscard]] std::string_view part_rule_label(PartRule rule);

// A group of an instrument's respondents reached one way (from 2566 the EIT has two: part 1
// answered by the public themselves, part 2 collected by others). Every part answers the same
// questions; a response names its part.
struct RespondentPart {
    std::string code;  // "1", "2": in responses files, published scores and outputs
    std::string name;
    PartChannel channel = PartChannel::self;
    double weight = 0;  // used by PartRule::weighted only
    std::string path;
};

struct RespondentParts {
    PartRule rule = PartRule::pooled;
    std::vector<RespondentPart> parts;  // empty: the instrument's respondents are one group
    Provenance provenance;              // of the parts and of the rule
    std::string path;

    [[nodiscard]] bool empty() const { return parts.empty(); }
    [[nodiscard]] std::optional<std::size_t> index(std::string_view code) const;
    // The part the public link and QR code answer; nullptr when there are no parts.
    [[nodiscard]] const RespondentPart* self_answered() const;
};

struct InstrumentSpec {
    Instrument code = Instrument::iit;
    std::string name;
    double weight = 0;
    std::vector<int> indicators;
    std::vector<InstrumentPart> parts;  // empty: the instrument is the mean of its indicators
    RespondentParts respondent_parts;   // EIT only
    std::string path;
};

// Points per answer option; option codes 1–4 map to indices 0–3, yes/no to 0/1.
struct PointsTable {
    std::array<double, 4> scale{0, 33, 67, 100};
    std::array<double, 4> scale_reverse{100, 67, 33, 0};
    std::array<double, 2> yes_no_absent_scores{0, 100};   // {yes, no}
    std::array<double, 2> yes_no_present_scores{100, 0};  // {yes, no}
};

// A verdict level: the first level (in order) whose conditions hold is the verdict.
struct VerdictLevel {
    std::string label;
    double min_overall = 0;
    std::optional<double> min_each_instrument;
};

struct MinimumSampleRow {
    std::optional<long long> headcount_max;  // nullopt: any larger headcount
    long long minimum = 0;
};

struct MinimumSample {
    Status status = Status::provisional;
    std::vector<MinimumSampleRow> iit;  // by headcount of staff with ≥ 1 year of service
    long long eit_default = 0;
    std::map<std::string, long long> eit_by_type;

    // The minimum IIT sample for a headcount, never more than the headcount itself.
    [[nodiscard]] long long iit_minimum(long long headcount) const;
    [[nodiscard]] long long eit_minimum(const std::string& agency_type) const;
};

// How results are read (SPEC §6; provisional): how many weakest and strongest indicators the
// analysis names, and from which score an indicator is a "very strong" point.
struct AnalysisRules {
    std::size_t weakest_count = 3;
    std::size_t strongest_count = 3;
    double very_strong_min = 100;
};

// A published statement of the national target (the share of agencies that should pass):
// sources disagree for some years, so each is kept beside the one ita uses.
struct TargetCitation {
    double percent = 0;
    std::string source;  // key in Methodology::sources
    std::string quote;
};

struct Methodology {
    int fiscal_year = 0;
    std::string version;
    Status status = Status::provisional;
    std::string notes;
    double pass_mark = 85;
    double national_target_percent = 80;
    std::vector<TargetCitation> national_target_citations;  // empty: no source was recorded
    std::map<std::string, std::string> sources;             // key → citation (address, document, date)
    std::string verdict_scheme;
    std::vector<VerdictLevel> verdict_levels;
    PointsTable points;
    MinimumSample minimum_sample;
    AnalysisRules analysis;
    std::string source;  // file name or "embedded:ita-2565.json", for messages

    std::vector<InstrumentSpec> instruments;
    std::vector<Indicator> indicators;
    std::vector<Question> questions;
    std::vector<SubItem> sub_items;
    std::vector<SubIndicator> sub_indicators;
    std::vector<OitItem> items;
    std::vector<OitVariant> oit_variants;

    // Builds the look-up tables below; call once after the vectors are filled and validated.
    void finalize();

    [[nodiscard]] const InstrumentSpec& instrument(Instrument code) const;
    // The EIT's respondent parts (empty for years with one group).
    [[nodiscard]] const RespondentParts& eit_parts() const { return instrument(Instrument::eit).respondent_parts; }
    [[nodiscard]] std::optional<std::size_t> indicator_index(int number) const;
    [[nodiscard]] std::optional<std::size_t> sub_item_index(std::string_view code) const;
    [[nodiscard]] std::optional<std::size_t> question_index(std::string_view code) const;
    [[nodiscard]] std::optional<std::size_t> item_index(std::string_view code) const;
    [[nodiscard]] double option_points(AnswerKind kind, std::size_t option_index) const;
    // The OIT variant agencies of that type answer; nullptr for the common list.
    [[nodiscard]] const OitVariant* variant_for(const std::string& agency_type) const;
    // Whether an agency of that type answers the item: its variant's list (or the common one),
    // then the item's own agency types. An unknown (empty) type answers the common list.
    [[nodiscard]] bool item_applies(const OitItem& item, const std::string& agency_type) const;

private:
    std::unordered_map<std::string, std::size_t> m_sub_item_by_code;
    std::unordered_map<std::string, std::size_t> m_question_by_code;
    std::unordered_map<std::string, std::size_t> m_item_by_code;
    std::array<std::size_t, instrument_count> m_instrument_position{};
};

}  // namespace ita::core
