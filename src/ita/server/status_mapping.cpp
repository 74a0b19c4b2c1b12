#include <ita/server/status_mapping.hpp>

namespace ita::server {

int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return 400;
        case ErrorCode::not_found: return 404;
        case ErrorCode::conflict: return 409;
        case ErrorCode::io: return 503;
        case ErrorCode::rate_limited: return 429;
        case ErrorCode::not_open: return 403;
        case ErrorCode::internal: return 500;
    }
    return 500;
}

HttpResponse error_response(const Error& error) { return json_error(status_for(error.code), error.to_string()); }

}  // namespace ita::server
