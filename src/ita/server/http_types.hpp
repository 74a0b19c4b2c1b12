// HttpRequest and HttpResponse: the server's own view of HTTP, so that handlers never see the
// HTTP library (RESTinio stays inside restinio_server.cpp). Plain values.
#pragma once

#include <map>
#include <string>
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
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

HttpResponse text_response(int status, std::string body);
HttpResponse json_response(int status, std::string body);
// A JSON error body {"error":{"status":…,"message":…}}.
HttpResponse json_error(int status, const std::string& message);

// Splits "a=1&b=x%20y" into decoded pairs.
std::map<std::string, std::string> parse_query(std::string_view query);
std::string percent_decode(std::string_view text);
// Splits a Cookie header ("a=1; b=2").
std::map<std::string, std::string> parse_cookies(std::string_view header);

}  // namespace ita::server
