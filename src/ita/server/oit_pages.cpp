#include <ita/server/oit_pages.hpp>

#include <ita/util/web_url.hpp>

#include <ita/report/evidence_outputs.hpp>
#include <ita/server/page_template.hpp>
#include <ita/service/evidence_readiness.hpp>
#include <ita/thai/dates.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <span>

namespace ita::server {

namespace {

using service::PhaseState;

std::string window_text(const service::PhaseStatus& status) {
    if (status.opens_on.empty()) return "เปิด";
    if (status.state == PhaseState::not_yet) return "ยังไม่เปิด (เปิด " + thai::short_thai_date(status.opens_on) + ")";
    if (status.state == PhaseState::closed) return "ปิดแล้วเมื่อ " + thai::short_thai_date(status.closes_on);
    if (status.closes_on == service::open_ended) return "เปิด";
    return "เปิดถึง " + thai::short_thai_date(status.closes_on);
}

bool open(const service::PhaseStatus& status) { return status.state == PhaseState::open; }

const storage::OitEntry* entry_of(const service::OitWorkspace& workspace, const std::string& code) {
    const auto found = workspace.entries.find(code);
    return found == workspace.entries.end() ? nullptr : &found->second;
}

std::string state_text(const storage::OitEntry* entry) {
    if (!entry) return "ยังไม่บันทึก";
    if ((entry->verdict == core::ReviewVerdict::pending)) return entry->present ? "รอตรวจ" : "แจ้งว่าไม่มีข้อมูล รอตรวจ";
    if (entry->verdict == core::ReviewVerdict::accepted) return entry->present ? "ผ่าน" : "ไม่มีข้อมูล (0 คะแนน)";
    return entry->clarified_on.empty() ? "ไม่ผ่าน" : "ไม่ผ่าน ชี้แจงแล้ว";
}

bool can_enter(const service::OitWorkspace& workspace, const storage::OitEntry* entry) {
    return open(workspace.entry) && !workspace.sent_on && (!entry || (entry->verdict == core::ReviewVerdict::pending));
}
bool can_clarify(const service::OitWorkspace& workspace, const storage::OitEntry* entry) {
    return open(workspace.clarification) && entry && entry->verdict == core::ReviewVerdict::rejected && entry->clarified_on.empty();
}
bool can_review(const service::OitWorkspace& workspace, const storage::OitEntry* entry) {
    return entry &&
           ((open(workspace.review) && workspace.ready_for_review()) || (!entry->clarified_on.empty() && open(workspace.clarification)));
}

// The fields every item shows, whoever looks.
// A year ita read from public sources, not from the NACC's manual, is said so once; each item the
// manual has not confirmed carries a mark and what was seen of it.
void set_year_status(data& context, const core::Methodology& methodology) {
    const bool provisional = methodology.status == core::Status::provisional;
    context.set("is_provisional_year", flag(provisional));
    if (provisional)
        context.set("provisional_year", "รายการ OIT ปี " + std::to_string(methodology.fiscal_year) +
                                            " ในระบบนี้อ่านจากแหล่งข้อมูลสาธารณะ ยังไม่ใช่คู่มือการประเมินของสำนักงาน ป.ป.ช. "
                                            "ข้อที่มีป้าย \"ยังไม่ยืนยัน\" ให้ตรวจชื่อและลำดับกับคู่มือก่อนเผยแพร่ข้อมูล");
}

// What the evidence must show, beside it for the auditor and the agency: the period the item
// asks for, and the words the evidence page is expected to name.
std::string criteria_text(const core::OitItem& item, int fiscal_year) {
    const std::string year = std::to_string(fiscal_year);
    std::string text;
    switch (item.period) {
        case core::EvidencePeriod::standing: text = "ข้อมูลปัจจุบันของหน่วยงาน"; break;
        case core::EvidencePeriod::fiscal_year: text = "ข้อมูลของปีงบประมาณ พ.ศ. " + year; break;
        case core::EvidencePeriod::previous_year: text = "รายงานผลของปีงบประมาณ พ.ศ. " + std::to_string(fiscal_year - 1); break;
        case core::EvidencePeriod::six_month:
            text = "รายงานรอบ 6 เดือน (ต.ค. " + std::to_string(fiscal_year - 1) + " – มี.ค. " + year + ")";
            break;
        case core::EvidencePeriod::monthly: text = "สรุปผลรายเดือนของปีงบประมาณ พ.ศ. " + year; break;
        case core::EvidencePeriod::span: text = "แผนที่ครอบคลุมปี พ.ศ. " + year; break;
    }
    if (!item.keywords.empty()) {
        text += " · หน้าหลักฐานควรมีคำว่า ";
        for (std::size_t index = 0; index < item.keywords.size(); ++index)
            text += (index == 0 ? "“" : index + 1 == item.keywords.size() ? "” หรือ “" : "”, “") + item.keywords[index];
        text += "”";
    }
    if (item.signs.at_least > 0) {
        text += " หรือระบุอย่างน้อย " + std::to_string(item.signs.at_least) + " อย่างจาก ";
        for (std::size_t index = 0; index < item.signs.words.size(); ++index) text += (index == 0 ? "“" : "”, “") + item.signs.words[index];
        text += "”";
    }
    text += " · ลิงก์ต้องชี้ไปยังหน้าหรือเอกสารของข้อนี้โดยตรง บนเว็บไซต์ของหน่วยงาน";
    return text;
}

// The agency's websites for the evidence checker: the agencies file's, and those the working group
// added (which it may remove).
void set_websites(data& context, const service::OitWorkspace& workspace) {
    data from_file{data::type::list};
    for (const auto& site : workspace.agency.websites.value_or(std::vector<std::string>{})) from_file.push_back(data(site));
    data added{data::type::list};
    for (const auto& site : workspace.added_domains) added.push_back(data(site));
    context.set("has_file_sites", flag(!from_file.list_value().empty()));
    context.set("file_sites", from_file);
    context.set("has_added_sites", flag(!added.list_value().empty()));
    context.set("added_sites", added);
}

void set_item(data& target, const core::OitItem& item, const storage::OitEntry* entry, const std::string& agency_type) {
    target.set("code", item.code);
    target.set("name", item.name);
    const std::string requirement = item.requirement_for(agency_type);
    target.set("has_requirement", flag(!requirement.empty()));
    target.set("requirement", requirement);
    target.set("is_unconfirmed", flag(!item.provenance.is_official()));
    target.set("provenance_note", item.provenance.note.empty() ? std::string() : " ข้อนี้: " + item.provenance.note);
    target.set("state", state_text(entry));
    const bool passed = entry && entry->verdict == core::ReviewVerdict::accepted && entry->present;
    const bool failed =
        entry && (entry->verdict == core::ReviewVerdict::rejected || (entry->verdict == core::ReviewVerdict::accepted && !entry->present));
    target.set("tone", std::string(passed ? "ok" : failed ? "late" : ""));
    target.set("entered", flag(entry != nullptr));
    if (!entry) return;
    target.set("present_label", entry->present ? std::string("มี") : std::string("ไม่มี"));
    // Shown as a link only when it passes the one rule for addresses (util/web_url.hpp), else as text.
    target.set("has_url", flag(util::is_web_url(entry->url)));
    target.set("url", entry->url);
    if (!entry->url.empty() && !util::is_web_url(entry->url)) target.set("bad_url", entry->url);
    target.set("description", entry->description);
    if (!entry->comment.empty()) target.set("comment", entry->comment);
    if (!entry->clarification.empty()) target.set("clarification", entry->clarification);
    if (util::is_web_url(entry->clarification_url)) target.set("clarification_url", entry->clarification_url);
    target.set("is_accepted", flag(entry->verdict == core::ReviewVerdict::accepted));
    target.set("is_rejected", flag(entry->verdict == core::ReviewVerdict::rejected));
}

const char* readiness_label(const std::string& status) {
    if (status == "ok") return "ลิงก์พร้อม";
    if (status == "stale") return "ข้อมูลไม่เป็นปัจจุบัน";
    if (status == "suspicious") return "ควรตรวจสอบ";
    return "เปิดไม่ได้";
}

// What the evidence checker found, for a card: `prefix` keeps the latest and the deadline
// checks apart on the auditor's page. `snapshot_base` + hash opens the bytes kept.
data readiness_view(const core::UrlCheck& check, const std::string& snapshot_base) {
    data view;
    view.set("label", std::string(readiness_label(check.status)));
    view.set("tone", std::string(check.status == "ok" ? "ok" : check.status == "suspicious" ? "soon" : "late"));
    view.set("reason", check.reason);
    view.set("when", thai::short_thai_time(check.checked_at));
    // A redirect may lead anywhere: its target is a link only when it passes the rule.
    view.set("moved", flag(check.final_url != check.url && util::is_web_url(check.final_url)));
    view.set("final_url", check.final_url);
    view.set("has_snapshot", flag(!check.snapshot.empty()));
    view.set("snapshot_url", snapshot_base + check.snapshot);
    view.set("sha256", check.snapshot);
    return view;
}

int severity(const std::string& status) { return status == "ok" ? 0 : status == "suspicious" ? 1 : status == "stale" ? 2 : 3; }

// The item's other addresses (after the first), each with its newest check when it is a check
// of that address (not of one since replaced).
data more_addresses(const service::OitWorkspace& workspace, const storage::OitEntry& entry, const std::string& snapshot_base) {
    data list{data::type::list};
    for (std::size_t at = 0; at < entry.more_urls.size(); ++at) {
        data row;
        row.set("position", std::to_string(at + 2));
        row.set("url", util::web_url_or_empty(entry.more_urls[at]));
        const auto check = workspace.latest_checks.find(core::address_check_key(entry.item, at + 2));
        if (check != workspace.latest_checks.end() && check->second.url == entry.more_urls[at])
            row.set("check", readiness_view(check->second, snapshot_base));
        else
            row.set("check_pending", flag(true));
        list.push_back(row);
    }
    return list;
}

// The worst of the newest checks of the item's addresses; none while one of them waits.
const core::UrlCheck* worst_check(const service::OitWorkspace& workspace, const storage::OitEntry& entry, std::size_t& checked) {
    const core::UrlCheck* worst = nullptr;
    checked = 0;
    for (std::size_t position = 1; position <= entry.more_urls.size() + 1; ++position) {
        const std::string& url = position == 1 ? entry.url : entry.more_urls[position - 2];
        const auto check = workspace.latest_checks.find(core::address_check_key(entry.item, position));
        if (check == workspace.latest_checks.end() || check->second.url != url) return nullptr;
        ++checked;
        if (!worst || severity(check->second.status) > severity(worst->status)) worst = &check->second;
    }
    return worst;
}

// The readiness monitor: what falls due within the next weeks, and what is due already but
// not entered or not yet found in order by the checker.
data due_rows(const service::OitWorkspace& workspace, const AgencyPageScope& scope) {
    data rows{data::type::list};
    for (const auto& due : service::readiness_due(workspace, scope.today)) {
        data row;
        row.set("code", due.item->code);
        row.set("name", due.item->name);
        row.set("what", report::due_description(due.due, scope.fiscal_year));
        row.set("due", thai::short_thai_date(due.due.due_on));
        row.set("when", due.days <= 0 ? std::string("ถึงกำหนดแล้ว") : "อีก " + std::to_string(due.days) + " วัน");
        row.set("tone", std::string(due.days <= 0 ? "late" : "soon"));
        if (due.check)
            row.set("check", readiness_view(*due.check, ""));
        else
            row.set("not_entered", flag(!due.entered));
        rows.push_back(row);
    }
    return rows;
}

void set_messages(data& context, const OitPageMessages& messages) { set_notice_and_errors(context, messages.notice, messages.errors); }

struct Counts {
    std::size_t entered = 0, accepted = 0, rejected = 0;
};
Counts count(const service::OitWorkspace& workspace) {
    Counts counts;
    for (const auto index : workspace.items)
        if (const auto* entry = entry_of(workspace, workspace.methodology.items[index].code)) {
            ++counts.entered;
            counts.accepted += entry->verdict == core::ReviewVerdict::accepted ? 1 : 0;
            counts.rejected += entry->verdict == core::ReviewVerdict::rejected ? 1 : 0;
        }
    return counts;
}

}  // namespace

// Every verdict given on the item, oldest first ("verdicts", "has_verdicts"): who, when, what,
// why — so a changed verdict is seen by the agency as a change, not a silent overwrite.
void set_verdict_history(data& target, const service::OitWorkspace& workspace, const std::string& code) {
    data list{data::type::list};
    if (const auto found = workspace.history.find(code); found != workspace.history.end())
        for (const auto& record : found->second) {
            data row;
            row.set("date", thai::short_thai_date(record.reviewed_at.substr(0, 10)));
            row.set("verdict", std::string(record.verdict == core::ReviewVerdict::accepted ? "ผ่าน" : "ไม่ผ่าน"));
            row.set("reviewer", record.reviewer);
            row.set("comment", record.comment);
            row.set("has_comment", flag(!record.comment.empty()));
            list.push_back(row);
        }
    target.set("has_verdicts", flag(!list.is_empty_list()));
    target.set("changed_verdict", flag(list.is_list() && workspace.history.contains(code) && workspace.history.at(code).size() > 1));
    target.set("verdicts", list);
}

HttpResponse oit_items_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const OitPageMessages& messages,
                            int status) {
    data context;
    context.set("title", "ข้อมูล OIT ปี " + std::to_string(scope.fiscal_year));
    set_agency_scope(context, scope);
    context.set("next_year", std::to_string(scope.fiscal_year + 1));
    set_messages(context, messages);
    set_year_status(context, workspace.methodology);
    data windows{data::type::list};
    for (const auto& [phase, window_status] : {std::pair{core::SeasonPhase::oit_entry, &workspace.entry},
                                               {core::SeasonPhase::review, &workspace.review},
                                               {core::SeasonPhase::clarification, &workspace.clarification}}) {
        data window;
        window.set("label", std::string(core::season_phase_label(phase)));
        window.set("state", window_text(*window_status));
        windows.push_back(window);
    }
    context.set("windows", windows);
    const auto counts = count(workspace);
    context.set("entered", std::to_string(counts.entered));
    context.set("accepted", std::to_string(counts.accepted));
    context.set("rejected", std::to_string(counts.rejected));
    context.set("total", std::to_string(workspace.items.size()));
    const auto due = due_rows(workspace, scope);
    context.set("has_due", flag(!due.list_value().empty()));
    context.set("due", due);
    data groups{data::type::list};
    std::size_t current_group = SIZE_MAX;
    data items{data::type::list};
    data group;
    const auto close_group = [&] {
        if (current_group == SIZE_MAX) return;
        group.set("items", items);
        groups.push_back(group);
        items = data{data::type::list};
    };
    for (const auto index : workspace.items) {
        const auto& item = workspace.methodology.items[index];
        if (item.sub_indicator != current_group) {
            close_group();
            current_group = item.sub_indicator;
            group = data{};
            const auto& sub = workspace.methodology.sub_indicators[item.sub_indicator];
            group.set("code", sub.code);
            group.set("name", sub.name);
        }
        const auto* entry = entry_of(workspace, item.code);
        data card;
        set_item(card, item, entry, workspace.agency.type);
        if (!entry && workspace.entry.state == PhaseState::closed) card.set("tone", std::string("late"));
        std::size_t checked = 0;
        if (const auto* worst = entry && entry->present && !entry->url.empty() ? worst_check(workspace, *entry, checked) : nullptr) {
            auto view = readiness_view(*worst, "");
            if (checked > 1) view.set("addresses", std::to_string(checked));
            card.set("check", view);
        } else if (entry && entry->present && !entry->url.empty()) {
            card.set("check_pending", flag(true));
        }
        card.set("action", can_enter(workspace, entry) ? (entry ? "แก้ไขข้อมูล" : "บันทึกข้อมูล")
                           : can_clarify(workspace, entry) ? "ชี้แจงผลการตรวจ"
                                                           : "ดูรายละเอียด");
        items.push_back(card);
    }
    close_group();
    context.set("groups", groups);
    set_websites(context, workspace);
    // "ส่งแบบ OIT": once the group is done, its entries go to the auditor.
    context.set("is_sent", flag(workspace.sent_on.has_value()));
    context.set("sent_on", workspace.sent_on ? thai::short_thai_date(*workspace.sent_on) : std::string());
    context.set("can_send", flag(open(workspace.entry) && !workspace.sent_on));
    context.set("can_reopen", flag(open(workspace.entry) && workspace.sent_on && scope.act_for_other_agency));
    context.set("not_entered", std::to_string(workspace.items_not_entered()));
    context.set("has_not_entered", flag(workspace.items_not_entered() > 0));
    const auto typed = messages.values.find("website");
    context.set("f_website", typed == messages.values.end() ? std::string() : typed->second);
    context.set("open_websites", flag(typed != messages.values.end() || !workspace.agency.websites || workspace.agency.websites->empty()));
    return html_page(status, "oit_items", context);
}

HttpResponse oit_item_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const std::string& code,
                           const OitPageMessages& messages, const std::vector<core::UrlCheck>& checks, int status) {
    const core::OitItem* item = nullptr;
    for (const auto index : workspace.items)
        if (workspace.methodology.items[index].code == code) item = &workspace.methodology.items[index];
    data context;
    set_agency_scope(context, scope);
    set_messages(context, messages);
    if (!item) {
        context.set("title", "ไม่พบข้อนี้");
        context.set("heading", "ไม่พบข้อนี้");
        context.set("message", "ข้อ " + code + " ไม่ใช่ข้อ OIT ของหน่วยงานประเภทนี้ในปีนี้");
        return html_page(404, "message", context);
    }
    context.set("title", item->code + " " + item->name);
    set_year_status(context, workspace.methodology);
    const auto* entry = entry_of(workspace, code);
    set_item(context, *item, entry, workspace.agency.type);
    if (entry && entry->verdict != core::ReviewVerdict::pending)
        context.set("verdict", entry->verdict == core::ReviewVerdict::accepted ? std::string("ผ่าน") : std::string("ไม่ผ่าน"));
    set_verdict_history(context, workspace, code);
    context.set("criteria", criteria_text(*item, workspace.methodology.fiscal_year));
    context.set("can_enter", flag(can_enter(workspace, entry)));
    context.set("can_clarify", flag(can_clarify(workspace, entry)));
    if (!can_enter(workspace, entry) && !can_clarify(workspace, entry)) {
        const std::string note = entry && entry->verdict != core::ReviewVerdict::pending
                                     ? "ข้อนี้ตรวจแล้ว แก้ไขไม่ได้"
                                     : "การบันทึกข้อมูล OIT " + window_text(workspace.entry);
        context.set("closed_note", note);
    }
    const auto value = [&](const std::string& name, const std::string& fallback) {
        const auto found = messages.values.find(name);
        return found != messages.values.end() ? found->second : fallback;
    };
    const std::string present = value("present", entry ? (entry->present ? "yes" : "no") : "");
    context.set("f_present_yes", flag(present == "yes"));
    context.set("f_present_no", flag(present == "no"));
    context.set("f_url", value("url", entry ? entry->url : ""));
    std::string more_lines;
    if (entry)
        for (const auto& more : entry->more_urls) more_lines += more + "\n";
    context.set("f_more_urls", value("more_urls", more_lines));
    context.set("f_description", value("description", entry ? entry->description : ""));
    if (entry && !entry->more_urls.empty()) {
        context.set("has_more_urls", flag(true));
        context.set("more_urls", more_addresses(workspace, *entry, "/admin/oit/" + code + "/evidence/"));
    }
    context.set("f_text", value("text", ""));
    context.set("f_clarification_url", value("url", ""));
    const std::string snapshot_base = "/admin/oit/" + code + "/evidence/";
    data history{data::type::list};
    constexpr std::size_t shown_checks = 10;  // the newest; every check stays in the store
    for (const auto& check : std::span(checks).first(std::min(checks.size(), shown_checks))) {
        auto view = readiness_view(check, snapshot_base);
        view.set("url", util::web_url_or_empty(check.url));
        history.push_back(view);
    }
    context.set("has_checks", flag(!checks.empty()));
    context.set("checks", history);
    context.set("can_check", flag(entry && entry->present && !entry->url.empty()));
    return html_page(status, "oit_item", context);
}

HttpResponse oit_review_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const OitPageMessages& messages,
                             int status) {
    data context;
    context.set("title", "ตรวจ OIT " + workspace.agency.name);
    set_agency_scope(context, scope);
    set_messages(context, messages);
    const auto counts = count(workspace);
    context.set("entered", std::to_string(counts.entered));
    context.set("reviewed", std::to_string(counts.accepted + counts.rejected));
    context.set("sent_on", workspace.sent_on ? thai::short_thai_date(*workspace.sent_on) : std::string());
    context.set("waits_for_sending", flag(!workspace.ready_for_review()));
    context.set("total", std::to_string(workspace.items.size()));
    data items{data::type::list};
    for (const auto index : workspace.items) {
        const auto& item = workspace.methodology.items[index];
        const auto* entry = entry_of(workspace, item.code);
        data card;
        set_item(card, item, entry, workspace.agency.type);
        card.set("can_review", flag(can_review(workspace, entry)));
        card.set("criteria", criteria_text(item, workspace.methodology.fiscal_year));
        set_verdict_history(card, workspace, item.code);
        const std::string snapshot_base = "/review/oit/" + workspace.agency.agency_id + "/evidence/";
        if (const auto check = workspace.deadline_checks.find(item.code); check != workspace.deadline_checks.end())
            card.set("deadline_check", readiness_view(check->second, snapshot_base));
        if (const auto check = workspace.latest_checks.find(item.code);
            check != workspace.latest_checks.end() && entry && check->second.url == entry->url)  // not a check of an address since replaced
            card.set("latest_check", readiness_view(check->second, snapshot_base));
        if (entry && !entry->more_urls.empty()) {
            card.set("has_more_urls", flag(true));
            card.set("more_urls", more_addresses(workspace, *entry, snapshot_base));
        }
        items.push_back(card);
    }
    context.set("items", items);
    return html_page(status, "oit_review", context);
}

HttpResponse oit_review_index_page(const std::vector<service::QueueEntry>& queue, const ReviewQueueView& view) {
    constexpr std::size_t listed = 300;  // the rest are found by searching
    data context;
    context.set("title", "ตรวจประเมิน OIT");
    context.set("year", std::to_string(view.fiscal_year));
    context.set("q", view.query);
    context.set("mine", flag(view.mine));
    context.set("waiting_only", flag(view.waiting_only));
    context.set("national", flag(view.national));
    context.set("has_notice", flag(!view.notice.empty()));
    context.set("notice", view.notice);
    data rows{data::type::list};
    std::size_t re_reviews = 0, reviews = 0, shown = 0;
    for (const auto& entry : queue) {
        re_reviews += entry.progress.awaiting_re_review;
        reviews += entry.progress.awaiting_review;
        if (++shown > listed) continue;
        data row;
        row.set("agency_id", entry.agency.agency_id);
        row.set("name", entry.agency.name);
        row.set("province", entry.agency.province);
        row.set("type", entry.agency.type);
        row.set("auditor", entry.auditor.empty() ? std::string("ยังไม่มอบหมาย") : entry.auditor);
        row.set("waiting", std::to_string(entry.progress.awaiting_review));
        row.set("re_review", std::to_string(entry.progress.awaiting_re_review));
        row.set("entered", std::to_string(entry.progress.entered));
        row.set("sent", entry.sent_on.empty() ? std::string("ยังไม่ส่งแบบ") : "ส่งแบบแล้ว " + thai::short_thai_date(entry.sent_on));
        rows.push_back(row);
    }
    context.set("agencies", rows);
    context.set("count", std::to_string(queue.size()));
    context.set("reviews", std::to_string(reviews));
    context.set("re_reviews", std::to_string(re_reviews));
    context.set("more", flag(queue.size() > listed));
    return html_page(200, "oit_review_index", context);
}

}  // namespace ita::server
