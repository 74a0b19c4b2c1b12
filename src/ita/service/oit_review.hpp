// The OIT cycle of one agency in one fiscal year: the working group enters, per item of its
// year and agency type, whether it has the evidence, the URL and a description; the auditor
// accepts or rejects each item with a comment; the agency may clarify a rejected item once.
// Every step checks its window of the season calendar and is audited by the store.
#pragma once

#include <ita/core/agency.hpp>
#include <ita/core/methodology.hpp>
#include <ita/service/season.hpp>
#include <ita/storage/store.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ita::service {

struct OitWorkspace {
    core::Methodology methodology;
    core::Agency agency;
    std::vector<std::size_t> items;                    // the items of the agency's type, in order
    std::map<std::string, storage::OitEntry> entries;  // by item code
    PhaseStatus entry, review, clarification;          // on `today`
    // The evidence checker's newest check of each entered address, by item code, and once the
    // entry window has closed, the check the auditor goes by: the newest made by its last day.
    std::map<std::string, core::UrlCheck> latest_checks;
    std::map<std::string, core::UrlCheck> deadline_checks;
    // Every verdict given on each item, oldest first, by item code.
    std::map<std::string, std::vector<storage::VerdictRecord>> history;
    // The domains the working group added to the agency's websites (agency.websites holds the
    // agencies file's).
    std::vector<std::string> added_domains;
    // The day the working group sent its entries ("ส่งแบบ OIT"); none before.
    std::optional<std::string> sent_on;

    // The auditor reviews an agency once it has sent, or once the entry window has closed
    // (what is entered by then is what is reviewed).
    [[nodiscard]] bool ready_for_review() const;
    // Items of the agency's list with no entry.
    [[nodiscard]] std::size_t items_not_entered() const;
};

// not_found for an unknown agency or a year without a methodology.
Result<OitWorkspace> oit_workspace(storage::Store& store, int fiscal_year, const std::string& agency_id,
                                   const std::optional<std::string>& methodology_dir, const std::string& today);

struct OitSubmission {
    std::string item;
    bool present = true;
    std::string url;
    std::string description;
    std::vector<std::string> more_urls;  // the item's other addresses, at most 20
};

// "ส่งแบบ OIT": the working group's entries become final and go to the auditor. Only while the
// entry window is open; items not entered count as without evidence, so sending with any left
// needs `confirm_missing` (else invalid_input saying how many). conflict when sent already.
Result<void> send_oit_entries(storage::Store& store, const OitWorkspace& workspace, bool confirm_missing, const std::string& actor,
                              const std::string& today);

// A national admin reopens a sent form for corrections (only while the entry window is open).
Result<void> reopen_oit_entries(storage::Store& store, const OitWorkspace& workspace, const std::string& actor, const std::string& today);

// The addresses typed one a line (or separated by spaces), blank lines left out.
[[nodiscard]] std::vector<std::string> address_lines(std::string_view text);

// invalid_input (Thai, by field) for an item not of the agency's year and type, or evidence
// marked present without an http(s) URL; not_open outside the window; conflict once reviewed.
Result<void> enter_oit_item(storage::Store& store, const OitWorkspace& workspace, const OitSubmission& submission, const std::string& actor,
                            const std::string& today);
// A rejection needs a comment. Open in the review window, and in the clarification window for
// items the agency has clarified.
Result<void> review_oit_item(storage::Store& store, const OitWorkspace& workspace, const std::string& item, bool accepted,
                             const std::string& comment, const std::string& reviewer, const std::string& today);
Result<void> clarify_oit_item(storage::Store& store, const OitWorkspace& workspace, const std::string& item, const std::string& text,
                              const std::string& url, const std::string& actor, const std::string& today);

// Whether an evidence URL is one an auditor can open: http:// or https:// and a host.
bool is_web_address(std::string_view url);

}  // namespace ita::service
