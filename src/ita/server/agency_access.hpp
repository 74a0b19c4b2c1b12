// The one check in front of every working-group page: a signed-in session, a matching CSRF
// token on state-changing requests, and the agency the user may act for (an agency admin: its
// own; a national admin: the one named by ?agency= or the form's `agency`; anyone else: none).
#pragma once

#include <ita/server/http_types.hpp>
#include <ita/server/store_lease.hpp>
#include <ita/storage/store.hpp>

#include <expected>
#include <map>
#include <string>

namespace ita::server {

// A signed-in session, with the CSRF token of a POST checked; else a redirect to /login or a
// 400 page for a stale form. The role checks below start from it.
std::expected<storage::Session, HttpResponse> signed_in(storage::Store& store, const HttpRequest& request, const FormFields& fields);

struct AgencyAccess {
    storage::Session session;
    std::string agency_id;
};

// `fields` is the decoded form of a POST (its csrf is checked) and ignored for a GET. The
// refusal is a redirect to /login, a 400 page for a stale form, or a 403 page.
std::expected<AgencyAccess, HttpResponse> agency_access(storage::Store& store, const HttpRequest& request,
                                                        const std::map<std::string, std::string>& fields);

// An auditor or a national admin (the roles that review OIT evidence), with the CSRF check of
// a POST; otherwise the same refusals as agency_access.
std::expected<storage::Session, HttpResponse> reviewer_access(storage::Store& store, const HttpRequest& request,
                                                              const std::map<std::string, std::string>& fields);

// A national admin, else 403.
std::expected<storage::Session, HttpResponse> national_access(storage::Store& store, const HttpRequest& request, const FormFields& fields);

// The fiscal year of ?year= (or the form's `year`), else the open one; or a Thai refusal page.
std::expected<int, HttpResponse> requested_fiscal_year(storage::Store& store, const HttpRequest& request,
                                                       const std::map<std::string, std::string>& fields);

// The year a national page opens on when none is asked for: the open one, else the fiscal year
// of today (Bangkok).
int open_or_current_fiscal_year(storage::Store& store);
// ?year= when given (or its refusal page), else open_or_current_fiscal_year.
std::expected<int, HttpResponse> page_fiscal_year(storage::Store& store, const HttpRequest& request);

HttpResponse see_other(const std::string& location);

// A working-group request once allowed: the store, who acts for which agency, the fiscal year
// (requested_fiscal_year) and the decoded form of a POST.
struct AgencyRequest {
    StoreLease store;
    AgencyAccess access;
    int fiscal_year = 0;
    FormFields fields;

    // "&agency=<id>" when a national admin acts for the agency, for links; else "".
    [[nodiscard]] std::string agency_param() const;
};
std::expected<AgencyRequest, HttpResponse> agency_request(const std::string& db, const HttpRequest& request);

// A reviewer's or national admin's request once `check` (reviewer_access or national_access)
// allowed it: the store, the session, the fiscal year and the decoded form of a POST.
struct SessionRequest {
    StoreLease store;
    storage::Session session;
    int fiscal_year = 0;
    FormFields fields;
};
using SessionCheck = std::expected<storage::Session, HttpResponse> (*)(storage::Store&, const HttpRequest&, const FormFields&);
std::expected<SessionRequest, HttpResponse> session_request(const std::string& db, const HttpRequest& request, SessionCheck check);

}  // namespace ita::server
