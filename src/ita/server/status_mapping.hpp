// The one place where an ita::Error becomes an HTTP status (services never choose statuses).
#pragma once

#include <ita/server/http_types.hpp>
#include <ita/util/error.hpp>

namespace ita::server {

int status_for(ErrorCode code);
// 4xx with the error's message; 5xx with a generic one, the detail written to stderr only.
HttpResponse error_response(const Error& error);
HttpResponse server_fault(int status, const std::string& detail);

}  // namespace ita::server
