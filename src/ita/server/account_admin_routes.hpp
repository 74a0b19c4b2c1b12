// Accounts run from the web. National admins (/national/accounts): every account with its role
// and state, one working-group account per agency created in bulk with printable first-sign-in
// letters, a single account added, a temporary password reset, accounts disabled and enabled,
// and what each role may do. Everyone signed in (/account/password): their own password; a
// password someone else set must be changed before any other page opens (server/agency_access).
// CSRF-checked; every change audited by the store.
#pragma once

#include <ita/server/results_routes.hpp>

namespace ita::server {

void add_account_admin_routes(Router& router, const ResultsContext& context);

}  // namespace ita::server
