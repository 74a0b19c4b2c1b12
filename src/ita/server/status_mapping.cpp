#include <ita/server/status_mapping.hpp>
#include <ita/util/log.hpp>

#include <cstdio>

namespace ita::server {

int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return 400;
        case ErrorCode::not_found: return 404;
        case ErrorCode::conflict: return 409;
        case ErrorCode::io: return 503;
        case ErrorCode::rate_limited: return 429;
        case ErrorCode::not_open: return 403;
        case ErrorCode::used_up: return 410;
        case ErrorCode::internal: return 500;
    }
    return 500;
}

int form_status_for(ErrorCode code) { return code == ErrorCode::invalid_input ? form_problems_status : status_for(code); }

HttpResponse error_response(const Error& error) {
    const int status = status_for(error.code);
    if (status < 500) return json_error(status, error.to_string());
    return server_fault(status, error.to_string());
}

HttpResponse server_fault(int status, const std::string& detail) {
    // The detail (a database's message, a path, an exception's text) goes to the server's log
    // only: the client learns that something failed, never what the server holds.
    util::log_message(util::LogLevel::error, "ita serve: " + std::to_string(status) + ": " + detail);
    return json_error(status,
                      status == 503 ? "the service is unavailable for a moment: try again" : "internal error (logged on the server)");
}

}  // namespace ita::server
