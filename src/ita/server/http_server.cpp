// The only translation unit that includes RESTinio (it is slow to compile).
#include <ita/server/http_server.hpp>

#include <ita/server/access_log.hpp>
#include <ita/server/forwarded.hpp>
#include <ita/server/security_headers.hpp>
#include <ita/util/log.hpp>
#include <ita/util/metrics.hpp>

#include <restinio/all.hpp>

#include <pthread.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <functional>
#include <thread>

namespace ita::server {

namespace {

// The body limit RESTinio itself enforces, by closing the connection: well above ours, so
// that a too-large body normally gets our 413 with an explanation.
std::uint64_t hard_body_limit(std::size_t max_body) {
    return std::max<std::uint64_t>(std::uint64_t{16} << 20, std::uint64_t{max_body} * 2);
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 413: return "Payload Too Large";
        case 429: return "Too Many Requests";
        case 303: return "See Other";
        case 401: return "Unauthorized";
        case 410: return "Gone";
        case 403: return "Forbidden";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "";
    }
}

// A method from a fixed set, so a client cannot add label values to the metrics.
std::string_view metric_method(std::string_view method) {
    for (const std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
        if (method == known) return known;
    return "other";
}

void record_metrics(const HttpRequest& request, const HttpResponse& response, const std::string& matched, double milliseconds) {
    const std::string route = matched.empty() ? "(none)" : matched;
    const std::string method(metric_method(request.method));
    util::metrics::count("ita_http_requests_total", "HTTP requests answered, by route pattern, method and status class",
                         {{"route", route}, {"method", method}, {"status", std::to_string(response.status / 100) + "xx"}});
    util::metrics::observe_seconds("ita_http_request_duration_seconds", "Time to answer a request (until its body is handed over)",
                                   milliseconds / 1000, {{"route", route}});
}

void access_log(const HttpRequest& request, int status, std::size_t bytes, double milliseconds) {
    util::log_fields(status >= 500 ? util::LogLevel::error : util::LogLevel::info,
                     access_log_fields(request.method, request.path, status, bytes, milliseconds, request.remote));
}

// A body the handlers will read as form fields: declared as a form, or not declared at all.
bool form_body(const restinio::request_t& raw) {
    if (raw.body().empty()) return false;
    if (!raw.header().has_field(restinio::http_field::content_type)) return true;
    return raw.header().get_field(restinio::http_field::content_type).starts_with("application/x-www-form-urlencoded");
}

}  // namespace

namespace {

// The request as the router sees it: addresses and forms percent-decoded once, here, the client
// as the trusted proxy reports it. `undecodable` when the address or query is not UTF-8.
HttpRequest request_of(const restinio::request_handle_t& raw, const std::vector<std::string>& trusted_proxies, bool& undecodable) {
    HttpRequest request;
    request.method = raw->header().method().c_str();
    auto path = percent_decode(raw->header().path());
    auto query = parse_form(raw->header().query());
    undecodable = !path || !query;
    request.path = path ? std::move(*path) : std::string(raw->header().path());
    if (query) request.query = std::move(*query);
    const auto field = [&](std::string_view name) {
        return raw->header().has_field(name) ? std::string(raw->header().get_field(name)) : std::string();
    };
    auto client = forwarded_client(raw->remote_endpoint().address().to_string(), field("X-Forwarded-For"), field("X-Forwarded-Proto"),
                                   trusted_proxies);
    request.remote = std::move(client.remote);
    request.forwarded_proto = std::move(client.proto);
    if (raw->header().has_field(restinio::http_field::host)) request.host = raw->header().get_field(restinio::http_field::host);
    if (raw->header().has_field(restinio::http_field::cookie))
        request.cookies = parse_cookies(raw->header().get_field(restinio::http_field::cookie));
    if (raw->header().has_field(restinio::http_field::authorization)) {
        const std::string authorization = raw->header().get_field(restinio::http_field::authorization);
        if (authorization.starts_with("Bearer ")) request.bearer = authorization.substr(7);
    }
    if (raw->header().has_field(restinio::http_field::accept)) request.accept = raw->header().get_field(restinio::http_field::accept);
    if (raw->header().has_field(restinio::http_field::if_none_match))
        request.if_none_match = raw->header().get_field(restinio::http_field::if_none_match);
    return request;
}

// What the server answers before any route (stopping, too large, not decodable), else the
// router's answer; then the security headers, and a 500 for a header that is not safe to send.
HttpResponse response_to(const restinio::request_handle_t& raw, HttpRequest& request, bool undecodable, const Router& router,
                         std::size_t max_body, bool stopping, std::string& matched) {
    HttpResponse response;
    if (stopping) {
        response = json_error(503, "the server is stopping");
        response.headers.emplace_back("Connection", "close");
    } else if (raw->body().size() > max_body) {
        response = json_error(413, "the request body is larger than " + std::to_string(max_body) + " bytes");
    } else if (auto form = form_body(*raw) ? parse_form(raw->body())
                                           : std::optional<std::map<std::string, std::string>>(std::map<std::string, std::string>{});
               undecodable || !form) {
        response = json_error(400, "the address or form is not valid percent-encoded UTF-8");
    } else {
        request.form = std::move(*form);
        request.body = raw->body();
        response = router.dispatch(request, &matched);
    }
    add_security_headers(response);
    if (!headers_are_safe(response)) {
        util::log_message(util::LogLevel::error, "ita serve: a response header held a control byte; answered 500 instead");
        response = json_error(500, "internal error");
    }
    return response;
}

// Writes the response (a streamed one in chunks of about 64 KiB, as they are produced); `done`
// runs when it has been written. Returns the body's size in bytes, for the access log.
std::size_t write_response(const restinio::request_handle_t& raw, HttpResponse& response, bool head, std::function<void()> done) {
    const auto status_line = restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                                          reason_phrase(response.status)};
    std::size_t bytes = response.body.size();
    if (response.stream && !head) {
        auto reply = raw->create_response<restinio::chunked_output_t>(status_line);
        reply.append_header(restinio::http_field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers) reply.append_header(name, value);
        reply.append_header("X-Content-Type-Options", "nosniff");
        std::string pending;
        bytes = 0;
        response.stream([&](std::string_view piece) {
            pending.append(piece);
            bytes += piece.size();
            if (pending.size() >= (64u << 10)) {
                reply.append_chunk(std::move(pending));
                reply.flush();
                pending = std::string();
            }
        });
        if (!pending.empty()) reply.append_chunk(std::move(pending));
        reply.done([done = std::move(done)](const auto&) { done(); });
    } else {
        auto reply = raw->create_response(status_line);
        reply.append_header(restinio::http_field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers) reply.append_header(name, value);
        reply.append_header("X-Content-Type-Options", "nosniff");
        if (!head) reply.set_body(std::move(response.body));
        reply.done([done = std::move(done)](const auto&) { done(); });
    }
    return bytes;
}

}  // namespace

Result<void> run_until_signalled(const ServerOptions& options, const Router& router) {
    // Block the stop signals in every thread (RESTinio's threads inherit this mask); this
    // thread then waits for them with sigwait.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGHUP);  // log rotation's signal: the log file is reopened
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    const std::size_t max_body = options.max_body_bytes;
    // Graceful stop: once stopping, new requests get 503 while the ones in flight finish; the
    // server is closed only when none is left (or after a grace period).
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};
    const auto& trusted_proxies = options.trusted_proxies;
    auto handler = [&router, max_body, &stopping, &in_flight, &trusted_proxies](const restinio::request_handle_t& raw) {
        const auto started = std::chrono::steady_clock::now();
        ++in_flight;  // until the response is written
        bool undecodable = false;
        HttpRequest request = request_of(raw, trusted_proxies, undecodable);
        std::string matched;
        HttpResponse response = response_to(raw, request, undecodable, router, max_body, stopping, matched);
        const int status = response.status;
        const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        record_metrics(request, response, matched, milliseconds);
        const std::size_t bytes = write_response(raw, response, request.method == "HEAD", [&in_flight] { --in_flight; });
        access_log(request, status, bytes, milliseconds);
        return restinio::request_accepted();
    };
    try {
        auto server = restinio::run_async(
            restinio::own_io_context(),
            restinio::server_settings_t<>{}
                .address(options.address)
                .port(options.port)
                .request_handler(std::move(handler))
                .read_next_http_message_timelimit(std::chrono::seconds(options.request_timeout_seconds))
                .write_http_response_timelimit(std::chrono::seconds(options.request_timeout_seconds))
                .handle_request_timeout(std::chrono::seconds(options.request_timeout_seconds))
                .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(hard_body_limit(max_body))),
            options.threads);
        util::log_message(util::LogLevel::info, "ita serve: listening on http://" + options.address + ":" + std::to_string(options.port));
        int signal_number = 0;
        // SIGHUP (logrotate's signal) reopens the log file and carries on.
        while (sigwait(&stop_signals, &signal_number) == 0 && signal_number == SIGHUP)
            if (auto reopened = util::reopen_log(); !reopened)
                util::log_message(util::LogLevel::error, "ita serve: SIGHUP: " + reopened.error().to_string());
        util::log_message(util::LogLevel::info, "ita serve: stopping (signal " + std::to_string(signal_number) + ")");
        stopping = true;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.request_timeout_seconds);
        while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server->stop();
        server->wait();
    } catch (const std::exception& error) {
        return fail(ErrorCode::io, "cannot serve on " + options.address + ":" + std::to_string(options.port) + ": " + error.what());
    }
    return {};
}

}  // namespace ita::server
