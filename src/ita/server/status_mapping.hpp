// The one place where an ita::Error becomes an HTTP status: services never choose statuses, and
// routes turn an Error into one only through these functions. What a route finds wrong itself,
// before any service runs (a role not allowed, a form field missing, an unknown page), it
// answers with the status of that HTTP condition where it finds it.
#pragma once

#include <ita/server/http_types.hpp>
#include <ita/util/error.hpp>

namespace ita::server {

int status_for(ErrorCode code);
// A form shown again, filled in, with a Thai message per wrong field.
inline constexpr int form_problems_status = 422;
// For a form's service: invalid input is the form shown again (422); the rest as status_for.
int form_status_for(ErrorCode code);
// 4xx with the error's message; 5xx with a generic one, the detail written to stderr only.
HttpResponse error_response(const Error& error);
HttpResponse server_fault(int status, const std::string& detail);

}  // namespace ita::server
