#include <ita/service/oit_review.hpp>

#include <ita/service/methodology_in_force.hpp>
#include <ita/util/web_url.hpp>

#include <ita/ingest/methodology_reader.hpp>
#include <ita/service/evidence_readiness.hpp>
#include <ita/util/diagnostics.hpp>

#include <algorithm>

namespace ita::service {

namespace {

const core::OitItem* item_of(const OitWorkspace& workspace, const std::string& code) {
    for (const auto index : workspace.items)
        if (workspace.methodology.items[index].code == code) return &workspace.methodology.items[index];
    return nullptr;
}

Result<void> require_item(const OitWorkspace& workspace, const std::string& code) {
    if (item_of(workspace, code)) return {};
    return fail(ErrorCode::not_found,
                "ข้อ " + code + " ไม่ใช่ข้อ OIT ของหน่วยงานประเภทนี้ในปี " + std::to_string(workspace.methodology.fiscal_year));
}

}  // namespace

bool is_web_address(std::string_view url) { return util::is_web_url(url); }

Result<OitWorkspace> oit_workspace(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                   const std::optional<std::string>& methodology_dir, const std::string& today) {
    ITA_TRY(agency, store.agency(agency_id));
    if (!agency) return fail(ErrorCode::not_found, "agency " + agency_id + " is not in the database");
    ITA_TRY(methodology, methodology_in_force(store, fiscal_year, methodology_dir));
    OitWorkspace workspace{std::move(methodology), *agency, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    for (std::size_t index = 0; index < workspace.methodology.items.size(); ++index)
        if (workspace.methodology.item_applies(workspace.methodology.items[index], agency->type)) workspace.items.push_back(index);
    ITA_TRY(entries, store.oit_entries(fiscal_year, agency_id));
    for (auto& entry : entries) workspace.entries.emplace(entry.item, std::move(entry));
    ITA_TRY(entry_window, phase_status(store, fiscal_year, core::SeasonPhase::oit_entry, today));
    ITA_TRY(review_window, phase_status(store, fiscal_year, core::SeasonPhase::review, today));
    ITA_TRY(clarification_window, phase_status(store, fiscal_year, core::SeasonPhase::clarification, today));
    workspace.entry = entry_window;
    workspace.review = review_window;
    workspace.clarification = clarification_window;
    ITA_TRY(history, store.verdict_history(fiscal_year, agency_id));
    for (auto& record : history) workspace.history[record.item].push_back(std::move(record));
    ITA_TRY(latest, store.latest_url_checks(fiscal_year, agency_id));
    for (auto& check : latest) workspace.latest_checks.emplace(check.item, std::move(check));
    ITA_TRY(added_domains, store.agency_domains(agency_id));
    workspace.added_domains = std::move(added_domains);
    ITA_TRY(sent_on, store.oit_sent_on(fiscal_year, agency_id));
    workspace.sent_on = std::move(sent_on);
    if (workspace.entry.state == PhaseState::closed) {
        ITA_TRY(at_deadline, store.url_checks_before(fiscal_year, agency_id, deadline_cutoff(workspace.entry.closes_on)));
        for (auto& check : at_deadline) workspace.deadline_checks.emplace(check.item, std::move(check));
    }
    return workspace;
}

bool OitWorkspace::ready_for_review() const { return sent_on.has_value() || entry.state == PhaseState::closed; }

std::size_t OitWorkspace::items_not_entered() const {
    return static_cast<std::size_t>(
        std::count_if(items.begin(), items.end(), [&](std::size_t index) { return !entries.contains(methodology.items[index].code); }));
}

Result<void> send_oit_entries(storage::Store& store, const OitWorkspace& workspace, bool confirm_missing, const std::string& actor,
                              const std::string& today) {
    ITA_TRY_VOID(require_open(store, workspace.methodology.fiscal_year, core::SeasonPhase::oit_entry, today));
    if (workspace.sent_on) return fail(ErrorCode::conflict, "ส่งแบบ OIT แล้วเมื่อ " + *workspace.sent_on);
    if (const auto missing = workspace.items_not_entered(); missing > 0 && !confirm_missing)
        return std::unexpected(Error{
            ErrorCode::invalid_input,
            "ยังไม่ได้ส่งแบบ OIT",
            {{"oit", 0, "confirm_missing", "ยังไม่บันทึก " + std::to_string(missing) + " ข้อ ข้อเหล่านี้จะนับว่าไม่มีข้อมูล ถ้าต้องการส่งตามนี้ให้ติ๊กยืนยันก่อนส่ง"}},
            0});
    return store.send_oit(workspace.methodology.fiscal_year, workspace.agency.agency_id, actor, today);
}

Result<void> reopen_oit_entries(storage::Store& store, const OitWorkspace& workspace, const std::string& actor, const std::string& today) {
    ITA_TRY_VOID(require_open(store, workspace.methodology.fiscal_year, core::SeasonPhase::oit_entry, today));
    return store.unsend_oit(workspace.methodology.fiscal_year, workspace.agency.agency_id, actor);
}

std::vector<std::string> address_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::string word;
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
            if (!word.empty()) lines.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty()) lines.push_back(std::move(word));
    return lines;
}

Result<void> enter_oit_item(storage::Store& store, const OitWorkspace& workspace, const OitSubmission& submission, const std::string& actor,
                            const std::string& today) {
    ITA_TRY_VOID(require_item(workspace, submission.item));
    ITA_TRY_VOID(require_open(store, workspace.methodology.fiscal_year, core::SeasonPhase::oit_entry, today));
    if (workspace.sent_on) return fail(ErrorCode::conflict, "ส่งแบบ OIT แล้วเมื่อ " + *workspace.sent_on + " จึงแก้ไขข้อมูลไม่ได้");
    util::DiagnosticList problems("oit");
    if (submission.present && !is_web_address(submission.url))
        problems.add(0, "url", "ที่อยู่เว็บ: ต้องขึ้นต้นด้วย https:// หรือ http:// และระบุเว็บไซต์");
    if (!submission.present && !submission.url.empty()) problems.add(0, "url", "ที่อยู่เว็บ: ข้อที่ไม่มีข้อมูลไม่ต้องระบุที่อยู่เว็บ");
    if (!submission.present && !submission.more_urls.empty()) problems.add(0, "more_urls", "ลิงก์เพิ่มเติม: ข้อที่ไม่มีข้อมูลไม่ต้องระบุที่อยู่เว็บ");
    if (submission.more_urls.size() > 20) problems.add(0, "more_urls", "ลิงก์เพิ่มเติม: ใส่ได้ไม่เกิน 20 ลิงก์ต่อข้อ");
    for (std::size_t at = 0; at < submission.more_urls.size() && at < 20; ++at) {
        const auto& more = submission.more_urls[at];
        if (!is_web_address(more))
            problems.add(0, "more_urls", "ลิงก์เพิ่มเติม บรรทัดที่ " + std::to_string(at + 1) + ": ต้องขึ้นต้นด้วย https:// หรือ http:// และระบุเว็บไซต์");
        else if (more == submission.url ||
                 std::find(submission.more_urls.begin(), submission.more_urls.begin() + static_cast<std::ptrdiff_t>(at), more) !=
                     submission.more_urls.begin() + static_cast<std::ptrdiff_t>(at))
            problems.add(0, "more_urls", "ลิงก์เพิ่มเติม บรรทัดที่ " + std::to_string(at + 1) + ": ซ้ำกับลิงก์ที่ใส่แล้ว");
    }
    if (submission.description.size() > 4000) problems.add(0, "description", "คำอธิบาย: ยาวเกิน 4,000 ไบต์");
    if (!problems.empty()) return std::unexpected(problems.into_error("ข้อมูลข้อ " + submission.item + " ยังไม่ครบถ้วน"));
    storage::OitEntry entry;
    entry.agency_id = workspace.agency.agency_id;
    entry.item = submission.item;
    entry.present = submission.present;
    entry.url = submission.url;
    entry.description = submission.description;
    entry.more_urls = submission.more_urls;
    return store.enter_oit(workspace.methodology.fiscal_year, entry, actor, today);
}

Result<void> review_oit_item(storage::Store& store, const OitWorkspace& workspace, const std::string& item, bool accepted,
                             const std::string& comment, const std::string& reviewer, const std::string& today) {
    ITA_TRY_VOID(require_item(workspace, item));
    const auto entry = workspace.entries.find(item);
    const bool clarified = entry != workspace.entries.end() && !entry->second.clarified_on.empty();
    if (!(clarified && workspace.clarification.state == PhaseState::open)) {
        ITA_TRY_VOID(require_open(store, workspace.methodology.fiscal_year, core::SeasonPhase::review, today));
        if (!workspace.ready_for_review())
            return fail(ErrorCode::conflict, "หน่วยงานยังไม่ส่งแบบ OIT: ตรวจได้เมื่อหน่วยงานส่งแบบแล้ว หรือเมื่อปิดรับข้อมูล OIT");
    }
    if (!accepted && comment.empty())
        return std::unexpected(Error{
            ErrorCode::invalid_input, "ข้อ " + item + " ยังไม่ได้บันทึกผลการตรวจ", {{"oit", 0, "comment", "เหตุผล: การไม่ผ่านต้องระบุเหตุผล"}}, 0});
    return store.review_oit(workspace.methodology.fiscal_year, workspace.agency.agency_id, item, accepted, comment, reviewer, today);
}

Result<void> clarify_oit_item(storage::Store& store, const OitWorkspace& workspace, const std::string& item, const std::string& text,
                              const std::string& url, const std::string& actor, const std::string& today) {
    ITA_TRY_VOID(require_item(workspace, item));
    ITA_TRY_VOID(require_open(store, workspace.methodology.fiscal_year, core::SeasonPhase::clarification, today));
    util::DiagnosticList problems("oit");
    if (text.empty()) problems.add(0, "text", "คำชี้แจง: ต้องระบุ");
    if (!url.empty() && !is_web_address(url)) problems.add(0, "url", "ที่อยู่เว็บ: ต้องขึ้นต้นด้วย https:// หรือ http:// และระบุเว็บไซต์");
    if (!problems.empty()) return std::unexpected(problems.into_error("คำชี้แจงข้อ " + item + " ยังไม่ครบถ้วน"));
    return store.clarify_oit(workspace.methodology.fiscal_year, workspace.agency.agency_id, item, text, url, actor, today);
}

}  // namespace ita::service
