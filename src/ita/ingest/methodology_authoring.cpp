// The third translation unit of ingest with nlohmann-json: authoring works on the JSON document
// itself so that every key of the file (notes, sources, future keys) survives an edit.
#include <ita/ingest/methodology_authoring.hpp>

#include <ita/core/instrument.hpp>
#include <ita/ingest/csv_file.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/mapped_file.hpp>
#include <ita/util/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace ita::ingest {

namespace {

using nlohmann::json;

Result<json> parse_document(std::string_view text, const std::string& source) {
    try {
        return json::parse(text);
    } catch (const json::exception& error) {
        return fail(ErrorCode::invalid_input, source + ": not valid JSON: " + error.what());
    }
}

// The document as a file, checked by the reader exactly as ita will load it.
Result<AuthoredMethodology> finish(const json& document, const std::string& source, std::vector<std::string> warnings,
                                   std::string summary = {}) {
    std::string text = document.dump(2, ' ', false, json::error_handler_t::strict) + "\n";
    ITA_TRY(checked, parse_methodology(text, source));
    (void)checked;
    return AuthoredMethodology{std::move(text), std::move(warnings), std::move(summary)};
}

json* instrument(json& document, std::string_view code) {
    if (!document.contains("instruments") || !document["instruments"].is_array()) return nullptr;
    for (auto& value : document["instruments"])
        if (value.is_object() && value.value("code", "") == code) return &value;
    return nullptr;
}

// Calls `visit(element, is_question)` for every question and OIT item of the document.
template <typename Visit>
void for_each_element(json& document, Visit&& visit) {
    if (!document.contains("instruments") || !document["instruments"].is_array()) return;
    for (auto& spec : document["instruments"]) {
        if (!spec.is_object() || !spec.contains("indicators") || !spec["indicators"].is_array()) continue;
        for (auto& indicator : spec["indicators"]) {
            if (!indicator.is_object()) continue;
            if (indicator.contains("questions") && indicator["questions"].is_array())
                for (auto& question : indicator["questions"]) visit(question, true);
            if (indicator.contains("sub_indicators") && indicator["sub_indicators"].is_array())
                for (auto& sub : indicator["sub_indicators"])
                    if (sub.is_object() && sub.contains("items") && sub["items"].is_array())
                        for (auto& item : sub["items"]) visit(item, false);
        }
    }
}

// "9.1 ข้อมูลพื้นฐาน (an annotation)" → {"9.1", "ข้อมูลพื้นฐาน", "an annotation"}.
struct IndicatorCell {
    int number = 0;
    std::string sub_code;  // "9.1", or "9" when the cell names only the indicator
    std::string name;
    std::string annotation;
};

std::optional<IndicatorCell> parse_indicator_cell(std::string_view cell) {
    IndicatorCell parsed;
    std::size_t end = 0;
    while (end < cell.size() && ((cell[end] >= '0' && cell[end] <= '9') || cell[end] == '.')) ++end;
    const std::string_view code = cell.substr(0, end);
    if (code.empty() || code.front() == '.' || code.back() == '.') return std::nullopt;
    const auto number = util::parse_integer(code.substr(0, code.find('.')));
    if (!number || *number < 1 || *number > 1000) return std::nullopt;
    parsed.number = static_cast<int>(*number);
    parsed.sub_code = std::string(code);
    std::string_view rest = util::trim(cell.substr(end));
    if (rest.ends_with(')')) {
        if (const auto open = rest.rfind(" ("); open != std::string_view::npos) {
            parsed.annotation = std::string(rest.substr(open + 2, rest.size() - open - 3));
            rest = util::trim(rest.substr(0, open));
        }
    }
    parsed.name = std::string(rest);
    return parsed;
}

std::vector<std::string> split_list(std::string_view cell) {
    std::vector<std::string> parts;
    while (!cell.empty()) {
        const auto bar = cell.find('|');
        if (const auto part = util::trim(cell.substr(0, bar)); !part.empty()) parts.emplace_back(part);
        if (bar == std::string_view::npos) break;
        cell.remove_prefix(bar + 1);
    }
    return parts;
}

bool is_item_code(std::string_view code) {
    return code.size() >= 2 && code.front() == 'O' && util::parse_integer(code.substr(1)).has_value();
}

constexpr std::string_view periods[] = {"standing", "fiscal_year", "previous_year", "six_month", "monthly", "span"};

enum Column : std::size_t {
    code,
    title,
    indicator,
    sub_indicator,
    agency_types,
    keywords,
    period,
    confidence,
    source,
    note,
    year,
    variant
};

// What the rows say, before they become JSON: grouped by indicator, then sub-indicator, in order.
struct ImportedList {
    std::map<int, std::vector<std::string>> sub_order;  // indicator → sub-indicator codes as first seen
    std::map<std::string, json> sub_indicators;         // code → {"code", "name", "items": [...]}
    // The lists the file gives ("" for the common one, else variant codes) → the indicators it has
    // items in: each list named here replaces the year's.
    std::map<std::string, std::set<int>> indicators_of;
    std::size_t rows = 0;
    std::size_t other_years = 0;
};

// The year's sources, and the keys given to the citations a list brings in.
class Citations {
public:
    explicit Citations(json& document) : m_document(document) {
        if (m_document.contains("sources") && m_document["sources"].is_object())
            for (const auto& [key, citation] : m_document["sources"].items())
                if (citation.is_string()) m_key_by_citation[citation.get<std::string>()] = key;
    }

    // A row's provenance: the confidence column, else the first word of the source (as in
    // ../shared/methodology-sources), else verified when a source is named and assumed when not.
    // Nothing for a confidence that is none of the three.
    std::optional<json> provenance(const std::string& cited, std::string level, const std::string& note) {
        if (level.empty()) {
            const std::string first_word = cited.substr(0, cited.find_first_of(" :(;"));
            level = core::parse_confidence(first_word) ? first_word : (cited.empty() ? "assumed" : "verified");
        }
        if (!core::parse_confidence(level)) return std::nullopt;
        json provenance{{"confidence", level}};
        if (!cited.empty()) provenance["source"] = key_of(cited);
        if (!note.empty()) provenance["note"] = note;
        return provenance;
    }

    // Adds the new citations to the year's sources.
    void commit() {
        for (const auto& [key, citation] : m_new) m_document["sources"][key] = citation;
        if (m_document.contains("sources") && m_document["sources"].empty()) m_document.erase("sources");
    }

private:
    std::string key_of(const std::string& cited) {
        const bool listed = m_document.contains("sources") && m_document["sources"].is_object() && m_document["sources"].contains(cited);
        if (listed) return cited;  // the column named a key of the year's sources
        if (const auto found = m_key_by_citation.find(cited); found != m_key_by_citation.end()) return found->second;
        std::string key = "import-" + std::to_string(m_new.size() + 1);
        while ((m_document.contains("sources") && m_document["sources"].contains(key)) || m_new.contains(key)) key += "x";
        m_new[key] = cited;
        m_key_by_citation[cited] = key;
        return key;
    }

    json& m_document;
    std::map<std::string, std::string> m_key_by_citation;
    std::map<std::string, std::string> m_new;
};

}  // namespace

Result<AuthoredMethodology> derive_methodology(std::string_view from_text, int fiscal_year) {
    ITA_TRY(document, parse_document(from_text, "the earlier year's file"));
    if (!document.is_object()) return fail(ErrorCode::invalid_input, "the earlier year's file is not a JSON object");
    const int from_year = document.value("fiscal_year", 0);
    const bool year_verified = document.value("status", "") == "verified";
    document["fiscal_year"] = fiscal_year;
    document["version"] = std::to_string(fiscal_year) + ".1";
    document["status"] = "provisional";
    document["notes"] = "สร้างจากแบบประเมินปี " + std::to_string(from_year) +
                        " (ita methodology new) ยังไม่ใช่รายการทางการของปีนี้: นำเข้ารายการ OIT ด้วย ita methodology import";
    document.erase("national_target_sources");  // they speak of the earlier year
    const std::string carried = "ของปี " + std::to_string(from_year) + " ถือว่าไม่เปลี่ยน";
    const auto demote = [&](json& element, bool is_question) {
        if (!element.is_object()) return;
        json provenance = element.contains("provenance") && element["provenance"].is_object() ? element["provenance"] : json::object();
        if (!provenance.contains("confidence")) {
            const bool verified = is_question ? element.value("status", "verified") == "verified" : year_verified;
            provenance["confidence"] = verified ? "verified" : "assumed";
        }
        if (provenance["confidence"] == "verified") {
            provenance["confidence"] = "inferred";
            provenance["note"] = carried;
        }
        element.erase("status");
        element["provenance"] = provenance;
    };
    for_each_element(document, demote);
    // The other elements with a provenance: the OIT variants and the EIT's respondent parts.
    if (document.contains("oit_variants") && document["oit_variants"].is_array())
        for (auto& variant : document["oit_variants"]) demote(variant, false);
    if (document.contains("instruments") && document["instruments"].is_array())
        for (auto& spec : document["instruments"])
            if (spec.is_object() && spec.contains("respondent_parts")) demote(spec["respondent_parts"], false);
    return finish(document, "ita-" + std::to_string(fiscal_year) + ".json", {});
}

Result<AuthoredMethodology> import_oit_items(std::string_view year_text, const std::string& csv_path) {
    ITA_TRY(text, util::read_file(csv_path));
    return import_oit_items_text(year_text, text, csv_path, std::nullopt);
}

Result<AuthoredMethodology> import_oit_items_text(std::string_view year_text, std::string_view csv_text, const std::string& csv_path,
                                                  const std::optional<std::string>& new_version) {
    ITA_TRY(document, parse_document(year_text, "the year's file"));
    json* oit = document.is_object() ? instrument(document, "OIT") : nullptr;
    if (!oit || !oit->contains("indicators") || !(*oit)["indicators"].is_array())
        return fail(ErrorCode::invalid_input, "the year's file has no OIT instrument to import items into");
    const int fiscal_year = document.value("fiscal_year", 0);

    // What the year already knows: indicator names, evidence rules by title, sources by citation.
    std::map<int, std::string> indicator_names;
    for (const auto& value : (*oit)["indicators"])
        if (value.is_object() && value.contains("number") && value["number"].is_number_integer())
            indicator_names[value["number"].get<int>()] = value.value("name", "");
    std::map<std::string, json> evidence_by_title;
    for_each_element(document, [&](json& element, bool is_question) {
        if (!is_question && element.is_object() && element.contains("evidence"))
            evidence_by_title[element.value("name", "")] = element["evidence"];
    });
    Citations citations(document);
    ImportedList list;
    std::vector<std::string> warnings;
    std::set<std::string> codes;
    const std::vector<ColumnSpec> columns{{"code"},
                                          {"title"},
                                          {"indicator"},
                                          {"sub_indicator", false},
                                          {"agency_types", false},
                                          {"keywords", false},
                                          {"period", false},
                                          {"confidence", false},
                                          {"source", false},
                                          {"note", false},
                                          {"year", false},
                                          {"variant", false}};
    std::set<std::string> variants;
    if (document.contains("oit_variants") && document["oit_variants"].is_array())
        for (const auto& value : document["oit_variants"])
            if (value.is_object()) variants.insert(value.value("code", ""));
    ITA_TRY_VOID(read_csv_text(csv_text, csv_path, "OIT item list", [&](CsvTable& table) {
        if (!table.read_header(columns)) return;
        while (table.next_row()) {
            if (!table.field(year).empty() && table.field(year) != std::to_string(fiscal_year)) {
                ++list.other_years;
                continue;
            }
            ++list.rows;
            const std::string item_code(table.field(code));
            const std::string list_code(table.field(variant));
            if (!list_code.empty() && !variants.contains(list_code)) {
                table.problem(variant, "names variant " + util::quoted(list_code) + ", which the year's /oit_variants does not list");
                continue;
            }
            if (list_code.empty() && !is_item_code(item_code)) {
                table.problem(code, "must be an OIT item code such as O12, not " + util::quoted(item_code));
                continue;
            }
            if (!codes.insert(item_code).second) {
                table.problem(code, item_code + " is listed twice");
                continue;
            }
            const std::string name(table.field(title));
            if (name.empty()) {
                table.problem(title, "must not be empty");
                continue;
            }
            auto cell = parse_indicator_cell(table.field(indicator));
            if (!cell || !indicator_names.contains(cell->number)) {
                std::string known;
                for (const auto& [number, indicator_name] : indicator_names)
                    known += (known.empty() ? "" : " or ") + std::to_string(number);
                table.problem(indicator, "must start with an OIT indicator number (" + known + "), as in \"9\" or \"9.1 ข้อมูลพื้นฐาน\"");
                continue;
            }
            if (const std::string_view sub_cell = table.field(sub_indicator); !sub_cell.empty()) {
                // "9.1 name" under indicator 9, or a variant's own group such as "M3 name".
                const std::string_view sub_code = sub_cell.substr(0, sub_cell.find(' '));
                const auto numbered = parse_indicator_cell(sub_cell);
                if (numbered ? numbered->number != cell->number : !(sub_code.front() >= 'A' && sub_code.front() <= 'Z')) {
                    table.problem(sub_indicator, "must be a sub-indicator of indicator " + std::to_string(cell->number) + ", such as " +
                                                     std::to_string(cell->number) + ".1, or a variant's group such as M1");
                    continue;
                }
                cell->sub_code = std::string(sub_code);
                cell->name = numbered ? numbered->name : std::string(util::trim(sub_cell.substr(sub_code.size())));
            }
            json evidence = json::object();
            if (const auto words = split_list(table.field(keywords)); !words.empty()) {
                evidence["keywords"] = words;
            } else if (const auto known = evidence_by_title.find(name); known != evidence_by_title.end()) {
                evidence = known->second;
            } else {
                warnings.push_back(csv_path + ":" + std::to_string(table.line()) + ": " + item_code +
                                   " has no evidence keywords: the checker will only see whether its page opens");
            }
            if (const std::string_view given = table.field(period); !given.empty()) {
                if (std::find(std::begin(periods), std::end(periods), given) == std::end(periods)) {
                    table.problem(period, "must be standing, fiscal_year, previous_year, six_month, monthly or span");
                    continue;
                }
                evidence["period"] = std::string(given);
            }
            std::string remark(table.field(note));
            if (remark.empty()) remark = cell->annotation;
            auto provenance = citations.provenance(std::string(table.field(source)), std::string(table.field(confidence)), remark);
            if (!provenance) {
                table.problem(confidence, "must be verified, inferred or assumed");
                continue;
            }

            json item{{"code", item_code}, {"name", name}};
            if (!list_code.empty()) item["variant"] = list_code;
            list.indicators_of[list_code].insert(cell->number);
            if (const auto types = split_list(table.field(agency_types)); !types.empty()) item["agency_types"] = types;
            item["provenance"] = *provenance;
            if (!evidence.empty()) item["evidence"] = evidence;
            auto [sub, is_new] = list.sub_indicators.try_emplace(cell->sub_code);
            if (is_new) {
                const std::string sub_name =
                    cell->name.empty() || cell->sub_code == std::to_string(cell->number) ? indicator_names[cell->number] : cell->name;
                sub->second = json{{"code", cell->sub_code}, {"name", sub_name}, {"items", json::array()}};
                list.sub_order[cell->number].push_back(cell->sub_code);
            }
            sub->second["items"].push_back(std::move(item));
        }
    }));
    if (list.rows == 0)
        return fail(ErrorCode::invalid_input,
                    csv_path + ": has no item for fiscal year " + std::to_string(fiscal_year) +
                        (list.other_years ? " (" + std::to_string(list.other_years) + " rows of other years)" : ""));
    for (const auto& [list_code, numbers] : list.indicators_of) {
        std::string missing;
        for (const auto& [number, name] : indicator_names)
            if (!numbers.contains(number)) missing += (missing.empty() ? "" : ", ") + std::to_string(number) + " " + name;
        if (!missing.empty())
            return fail(ErrorCode::invalid_input, csv_path + ": lists no item " +
                                                      (list_code.empty() ? "" : "of variant " + list_code + " ") + "for OIT indicator " +
                                                      missing + "; nothing was imported");
    }

    // The lists the file gives replace the year's; the others (a variant the file leaves out)
    // are kept. The common list's sub-indicators come first, as the NACC orders them.
    const auto list_of = [](const json& item) { return item.is_object() ? item.value("variant", "") : std::string(); };
    for (auto& indicator : (*oit)["indicators"]) {
        if (!indicator.is_object() || !indicator.contains("number") || !indicator["number"].is_number_integer()) continue;
        const int number = indicator["number"].get<int>();
        json common = json::array();
        json variant_subs = json::array();
        if (indicator.contains("sub_indicators") && indicator["sub_indicators"].is_array())
            for (auto sub : indicator["sub_indicators"]) {
                if (!sub.is_object() || !sub.contains("items") || !sub["items"].is_array()) continue;
                json kept = json::array();
                for (const auto& item : sub["items"])
                    if (!list.indicators_of.contains(list_of(item))) kept.push_back(item);
                if (kept.empty()) continue;
                const bool is_variant = !list_of(kept.front()).empty();
                sub["items"] = kept;
                (is_variant ? variant_subs : common).push_back(sub);
            }
        for (const auto& sub_code : list.sub_order[number]) {
            const json& sub = list.sub_indicators[sub_code];
            (list_of(sub["items"].front()).empty() ? common : variant_subs).push_back(sub);
        }
        for (auto& sub : variant_subs) common.push_back(std::move(sub));
        indicator["sub_indicators"] = common;
    }
    citations.commit();
    if (new_version) document["version"] = *new_version;
    std::map<std::string, std::size_t> counts;  // list → items, after the import
    for_each_element(document, [&](json& element, bool is_question) {
        if (!is_question) ++counts[list_of(element)];
    });
    std::string summary;
    for (const auto& [list_code, count] : counts) {
        const std::string name = list_code.empty() ? "the common list" : list_code;
        summary += (summary.empty() ? "" : "; ") + std::to_string(count) + " items of " + name +
                   (list.indicators_of.contains(list_code) ? " imported" : " kept");
    }
    return finish(document, "ita-" + std::to_string(fiscal_year) + ".json", std::move(warnings), summary);
}

Result<AuthoredMethodology> import_questions(std::string_view year_text, const std::string& csv_path) {
    ITA_TRY(text, util::read_file(csv_path));
    return import_questions_text(year_text, text, csv_path, std::nullopt);
}

Result<AuthoredMethodology> import_questions_text(std::string_view year_text, std::string_view csv_text, const std::string& csv_name,
                                                  const std::optional<std::string>& new_version) {
    ITA_TRY(document, parse_document(year_text, "the year's file"));
    if (!document.is_object()) return fail(ErrorCode::invalid_input, "the year's file is not a JSON object");
    const int fiscal_year = document.value("fiscal_year", 0);
    enum QuestionColumn : std::size_t {
        q_code,
        q_text,
        q_kind,
        q_indicator,
        q_sub_items,
        q_sub_kinds,
        q_confidence,
        q_source,
        q_note,
        q_year
    };
    const std::vector<ColumnSpec> columns{{"code"},
                                          {"text"},
                                          {"kind"},
                                          {"indicator"},
                                          {"sub_items", false},
                                          {"sub_kinds", false},
                                          {"confidence", false},
                                          {"source", false},
                                          {"note", false},
                                          {"year", false}};
    // The indicators of each survey instrument, by number.
    std::map<char, std::set<int>> indicators_of;  // 'I' → IIT's, 'E' → EIT's
    for (const char* code : {"IIT", "EIT"})
        if (const json* spec = instrument(document, code); spec && spec->contains("indicators") && (*spec)["indicators"].is_array())
            for (const auto& indicator : (*spec)["indicators"])
                if (indicator.is_object() && indicator.contains("number") && indicator["number"].is_number_integer())
                    indicators_of[code[0]].insert(indicator["number"].get<int>());
    Citations citations(document);
    std::map<char, std::map<int, json>> questions;  // instrument prefix → indicator → questions in file order
    std::set<std::string> codes;
    std::size_t rows = 0;
    std::size_t other_years = 0;
    ITA_TRY_VOID(read_csv_text(csv_text, csv_name, "question list", [&](CsvTable& table) {
        if (!table.read_header(columns)) return;
        while (table.next_row()) {
            if (!table.field(q_year).empty() && table.field(q_year) != std::to_string(fiscal_year)) {
                ++other_years;
                continue;
            }
            ++rows;
            const std::string code(table.field(q_code));
            const char prefix = code.empty() ? '\0' : code.front();
            if (!indicators_of.contains(prefix) || !util::parse_integer(std::string_view(code).substr(1))) {
                table.problem(q_code, "must be an IIT or EIT question code such as I4 or E11, not " + util::quoted(code));
                continue;
            }
            if (!codes.insert(code).second) {
                table.problem(q_code, code + " is listed twice");
                continue;
            }
            if (table.field(q_text).empty()) {
                table.problem(q_text, "must not be empty");
                continue;
            }
            if (!core::parse_answer_kind(table.field(q_kind))) {
                table.problem(q_kind, "must be S, S-, YN- or YN+");
                continue;
            }
            const auto number = util::parse_integer(table.field(q_indicator));
            if (!number || !indicators_of[prefix].contains(static_cast<int>(*number))) {
                std::string known;
                for (const int each : indicators_of[prefix]) known += (known.empty() ? "" : ", ") + std::to_string(each);
                table.problem(q_indicator,
                              "must be one of the indicators of " + std::string(prefix == 'I' ? "IIT" : "EIT") + " (" + known + ")");
                continue;
            }
            const auto sub_items = split_list(table.field(q_sub_items));
            const auto sub_kinds = split_list(table.field(q_sub_kinds));
            if (!sub_kinds.empty() && sub_kinds.size() != sub_items.size()) {
                table.problem(q_sub_kinds,
                              "must give one kind for each sub-item (" + std::to_string(sub_items.size()) + "), separated by |");
                continue;
            }
            if (std::any_of(sub_kinds.begin(), sub_kinds.end(), [](const std::string& kind) { return !core::parse_answer_kind(kind); })) {
                table.problem(q_sub_kinds, "must be S, S-, YN- or YN+ for each sub-item");
                continue;
            }
            auto provenance = citations.provenance(std::string(table.field(q_source)), std::string(table.field(q_confidence)),
                                                   std::string(table.field(q_note)));
            if (!provenance) {
                table.problem(q_confidence, "must be verified, inferred or assumed");
                continue;
            }
            json question{{"code", code}, {"text", std::string(table.field(q_text))}, {"kind", std::string(table.field(q_kind))}};
            question["provenance"] = *provenance;
            if (!sub_items.empty()) {
                json subs = json::array();
                for (std::size_t index = 0; index < sub_items.size(); ++index) {
                    json sub{{"text", sub_items[index]}};
                    if (!sub_kinds.empty() && sub_kinds[index] != table.field(q_kind)) sub["kind"] = sub_kinds[index];
                    subs.push_back(std::move(sub));
                }
                question["sub_items"] = std::move(subs);
            }
            auto& list = questions[prefix][static_cast<int>(*number)];
            if (list.is_null()) list = json::array();
            list.push_back(std::move(question));
        }
    }));
    if (rows == 0)
        return fail(ErrorCode::invalid_input, csv_name + ": has no question for fiscal year " + std::to_string(fiscal_year) +
                                                  (other_years ? " (" + std::to_string(other_years) + " rows of other years)" : ""));
    // An instrument the file gives is replaced whole: each of its indicators needs a question.
    std::string summary;
    for (const auto& [prefix, by_indicator] : questions) {
        const char* code = prefix == 'I' ? "IIT" : "EIT";
        std::string missing;
        for (const int number : indicators_of[prefix])
            if (!by_indicator.contains(number)) missing += (missing.empty() ? "" : ", ") + std::to_string(number);
        if (!missing.empty())
            return fail(ErrorCode::invalid_input,
                        csv_name + ": lists no " + code + " question for indicator " + missing + "; nothing was imported");
        std::size_t count = 0;
        for (auto& indicator : (*instrument(document, code))["indicators"]) {
            const auto found = by_indicator.find(indicator.value("number", 0));
            if (found == by_indicator.end()) continue;
            indicator["questions"] = found->second;
            count += found->second.size();
        }
        summary += (summary.empty() ? "" : "; ") + std::to_string(count) + " " + code + " questions imported";
    }
    citations.commit();
    if (new_version) document["version"] = *new_version;
    return finish(document, "ita-" + std::to_string(fiscal_year) + ".json", {}, summary);
}

}  // namespace ita::ingest
