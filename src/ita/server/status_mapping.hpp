// The one place where an ita::Error becomes an HTTP status (services never choose statuses).
#pragma once

#include <ita/server/http_types.hpp>
#include <ita/util/error.hpp>

namespace ita::server {

int status_for(ErrorCode code);
HttpResponse error_response(const Error& error);

}  // namespace ita::server
