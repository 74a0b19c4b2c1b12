#include <ita/service/review_queue.hpp>

#include <ita/thai/collation.hpp>
#include <ita/thai/search_key.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace ita::service {

namespace {

// The agencies of the year: those assessed, or every agency when the year names none.
Result<std::vector<core::Agency>> agencies_of_year(storage::Store& store, int fiscal_year) {
    ITA_TRY(agencies, store.agencies());
    ITA_TRY(assessed_list, store.assessed_agencies(fiscal_year));
    if (assessed_list.empty()) return agencies;
    const std::set<std::string> assessed(assessed_list.begin(), assessed_list.end());
    std::erase_if(agencies, [&](const core::Agency& agency) { return !assessed.contains(agency.agency_id); });
    return agencies;
}

bool matches(const core::Agency& agency, const std::vector<std::string>& words) {
    const auto key = thai::search_key(agency.name + " " + agency.province + " " + agency.type + " " + agency.agency_id);
    return std::all_of(words.begin(), words.end(), [&](const std::string& word) { return key.find(word) != std::string::npos; });
}

}  // namespace

Result<std::vector<QueueEntry>> review_queue(storage::Store& store, const QueueRequest& request) {
    ITA_TRY(agencies, agencies_of_year(store, request.fiscal_year));
    ITA_TRY(assignments, store.review_assignments(request.fiscal_year));
    ITA_TRY(progress_list, store.oit_review_progress(request.fiscal_year));
    ITA_TRY(sent, store.oit_sendings(request.fiscal_year));
    std::map<std::string, storage::OitReviewProgress> progress;
    for (auto& entry : progress_list) progress.emplace(entry.agency_id, std::move(entry));
    std::vector<std::string> words;
    std::istringstream split(thai::search_key(request.query));
    for (std::string word; split >> word;) words.push_back(word);
    std::vector<QueueEntry> queue;
    for (auto& agency : agencies) {
        const auto assigned = assignments.find(agency.agency_id);
        const std::string auditor = assigned != assignments.end() ? assigned->second : std::string();
        if (!request.auditor.empty() && auditor != request.auditor) continue;
        if (!words.empty() && !matches(agency, words)) continue;
        const auto found = progress.find(agency.agency_id);
        storage::OitReviewProgress entry = found != progress.end() ? found->second : storage::OitReviewProgress{agency.agency_id};
        if (request.waiting_only && entry.awaiting_review + entry.awaiting_re_review == 0) continue;
        const auto sent_on = sent.find(agency.agency_id);
        queue.push_back({std::move(agency), auditor, std::move(entry), sent_on != sent.end() ? sent_on->second : std::string()});
    }
    std::stable_sort(queue.begin(), queue.end(), [](const QueueEntry& a, const QueueEntry& b) {
        if ((a.progress.awaiting_re_review > 0) != (b.progress.awaiting_re_review > 0)) return a.progress.awaiting_re_review > 0;
        if ((a.progress.awaiting_review > 0) != (b.progress.awaiting_review > 0)) return a.progress.awaiting_review > 0;
        if (a.sent_on.empty() != b.sent_on.empty()) return !a.sent_on.empty();
        return a.agency.agency_id < b.agency.agency_id;
    });
    return queue;
}

Result<std::size_t> assign_reviews_from_text(storage::Store& store, int fiscal_year, const std::string& text, const std::string& actor) {
    ITA_TRY(agencies, store.agencies());
    std::set<std::string> known;
    for (const auto& agency : agencies) known.insert(agency.agency_id);
    ITA_TRY(users, store.users());
    std::set<std::string> auditors;
    for (const auto& user : users)
        if (user.role == core::Role::auditor && !user.disabled) auditors.insert(user.user_id);
    std::vector<std::pair<std::string, std::string>> pairs;
    std::vector<Diagnostic> problems;
    std::istringstream in(text);
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        const std::string trimmed(util::trim(line));
        if (trimmed.empty() || trimmed.starts_with("agency_id")) continue;
        const auto comma = trimmed.find_first_of(",\t ");
        const std::string agency(util::trim(trimmed.substr(0, comma)));
        const std::string auditor = comma == std::string::npos ? "" : std::string(util::trim(trimmed.substr(comma + 1)));
        if (!known.contains(agency))
            problems.push_back({"", number, "agency_id", "บรรทัด " + std::to_string(number) + ": ไม่พบหน่วยงาน " + agency});
        else if (!auditor.empty() && !auditors.contains(auditor))
            problems.push_back({"", number, "auditor", "บรรทัด " + std::to_string(number) + ": " + auditor + " ไม่ใช่ผู้ตรวจประเมินที่ใช้งานอยู่"});
        else
            pairs.emplace_back(agency, auditor);
    }
    if (!problems.empty()) {
        Error error{ErrorCode::invalid_input, "ยังมอบหมายไม่ได้", std::move(problems), 0};
        return std::unexpected(std::move(error));
    }
    ITA_TRY_VOID(store.assign_reviews(fiscal_year, pairs, actor));
    return pairs.size();
}

Result<std::size_t> spread_unassigned_reviews(storage::Store& store, int fiscal_year, const std::string& actor) {
    ITA_TRY(agencies, agencies_of_year(store, fiscal_year));
    ITA_TRY(assignments, store.review_assignments(fiscal_year));
    ITA_TRY(users, store.users());
    std::vector<std::string> auditors;
    std::map<std::string, std::size_t> load;
    for (const auto& user : users)
        if (user.role == core::Role::auditor && !user.disabled) {
            auditors.push_back(user.user_id);
            load[user.user_id] = 0;
        }
    if (auditors.empty()) return fail(ErrorCode::invalid_input, "ยังไม่มีบัญชีผู้ตรวจประเมินที่ใช้งานอยู่");
    for (const auto& [agency, auditor] : assignments)
        if (load.contains(auditor)) ++load[auditor];
    std::erase_if(agencies, [&](const core::Agency& agency) { return assignments.contains(agency.agency_id); });
    std::vector<std::string> provinces;
    for (const auto& agency : agencies) provinces.push_back(agency.province);
    std::sort(provinces.begin(), provinces.end());
    provinces.erase(std::unique(provinces.begin(), provinces.end()), provinces.end());
    thai::sort_thai(provinces);
    std::map<std::string, std::size_t> province_order;
    for (std::size_t index = 0; index < provinces.size(); ++index) province_order[provinces[index]] = index;
    std::stable_sort(agencies.begin(), agencies.end(), [&](const core::Agency& a, const core::Agency& b) {
        const auto left = province_order[a.province], right = province_order[b.province];
        return left != right ? left < right : a.agency_id < b.agency_id;
    });
    // Each agency to the auditor with the fewest so far; a run of one province stays with one.
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string previous_province, previous_auditor;
    const std::size_t fair_share = (agencies.size() + assignments.size()) / auditors.size() + 1;
    for (const auto& agency : agencies) {
        std::string chosen = previous_auditor;
        if (agency.province != previous_province || chosen.empty() || load[chosen] >= fair_share)
            chosen = *std::min_element(auditors.begin(), auditors.end(),
                                       [&](const std::string& a, const std::string& b) { return load[a] < load[b]; });
        ++load[chosen];
        pairs.emplace_back(agency.agency_id, chosen);
        previous_province = agency.province;
        previous_auditor = chosen;
    }
    if (pairs.empty()) return std::size_t{0};
    ITA_TRY_VOID(store.assign_reviews(fiscal_year, pairs, actor));
    return pairs.size();
}

}  // namespace ita::service
