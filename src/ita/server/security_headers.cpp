#include <ita/server/security_headers.hpp>

#include <algorithm>

namespace ita::server {

namespace {
bool has_header(const HttpResponse& response, std::string_view name) {
    return std::ranges::any_of(response.headers, [&](const auto& header) { return header.first == name; });
}
}  // namespace

void add_security_headers(HttpResponse& response) {
    if (response.content_type.starts_with("text/html") && !has_header(response, "Content-Security-Policy"))
        response.headers.emplace_back("Content-Security-Policy", page_policy);
    if (!has_header(response, "Referrer-Policy")) response.headers.emplace_back("Referrer-Policy", "same-origin");
}

}  // namespace ita::server
