// The OIT pages: the working group's list of its items with their review state, one item's
// entry and clarification forms, and the auditor's review of an agency's items.
#pragma once

#include <ita/server/agency_page_scope.hpp>
#include <ita/server/http_types.hpp>
#include <ita/server/measure_form.hpp>
#include <ita/service/oit_review.hpp>
#include <ita/service/review_queue.hpp>

#include <string>
#include <vector>

namespace ita::server {

struct OitPageMessages {
    std::string notice;
    std::vector<std::string> errors;
    FormFields values;  // refills a rejected form
};

HttpResponse oit_items_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const OitPageMessages& messages,
                            int status = 200);
// `checks`: the evidence checker's checks of the item, newest first.
HttpResponse oit_item_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const std::string& item,
                           const OitPageMessages& messages, const std::vector<core::UrlCheck>& checks = {}, int status = 200);
HttpResponse oit_review_page(const service::OitWorkspace& workspace, const AgencyPageScope& scope, const OitPageMessages& messages,
                             int status = 200);
// The auditor's queue (service/review_queue): agencies with items waiting, re-reviews first,
// with the search and scope that chose them. `notice`: a line shown above (an unknown agency).
struct ReviewQueueView {
    int fiscal_year = 0;
    std::string query;
    bool mine = false;  // only the auditor's own agencies
    bool waiting_only = true;
    bool national = false;  // a national admin: a link to assigning agencies
    std::string notice;
};
HttpResponse oit_review_index_page(const std::vector<service::QueueEntry>& queue, const ReviewQueueView& view);

}  // namespace ita::server
