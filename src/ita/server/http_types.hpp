// HttpRequest and HttpResponse: the server's own view of HTTP, so that handlers never see the
// HTTP library (RESTinio stays inside restinio_server.cpp). Plain values.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ita::server {

// A decoded application/x-www-form-urlencoded body (or query): field name → value.
using FormFields = std::map<std::string, std::string>;

struct HttpRequest {
    std::string method;  // GET, POST, …
    std::string path;    // decoded, without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> path_params;  // filled by the router
    std::string body;
    std::string remote;
    std::map<std::string, std::string> cookies;
    std::string forwarded_proto;  // X-Forwarded-Proto from the TLS-terminating proxy
    std::string host;             // the Host header
    std::string bearer;           // the token of "Authorization: Bearer <token>" (the API's sign-in)
    std::string if_none_match;    // the If-None-Match header, for 304 answers to cached pages
    std::string accept;           // the Accept header: a browser asks for text/html
    // The body's fields when it is a form (application/x-www-form-urlencoded, or undeclared):
    // decoded once, at the door, where a body that does not decode is refused.
    std::map<std::string, std::string> form;
};

// Writes one piece of a streamed body; called as often as the producer likes.
using BodyWriter = std::function<void(std::string_view)>;

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // When set, the body is produced by this function while the response is being sent
    // (chunked transfer), instead of `body`: large downloads never sit whole in memory.
    std::function<void(const BodyWriter&)> stream;
};

HttpResponse text_response(int status, std::string body);
HttpResponse json_response(int status, std::string body);
// The stable English code of an error status ("not_found", "forbidden", …) and a short Thai
// sentence for people.
std::string_view error_code_of(int status);
std::string_view thai_error_of(int status);
// A JSON error body {"error":{"status":…,"code":…,"message":…,"message_th":…}}.
HttpResponse json_error(int status, const std::string& message);

// Splits "a=1&b=x%20y" into decoded pairs; nothing when any part does not decode (a malformed
// escape, or bytes that are not UTF-8). The server decodes the query and a form body once, at
// the door (HttpRequest::query and ::form), and refuses with 400 what does not decode.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view query);
// One percent-encoded component decoded, or nothing (see parse_form).
std::optional<std::string> percent_decode(std::string_view text);
// Splits a Cookie header ("a=1; b=2").
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace ita::server
