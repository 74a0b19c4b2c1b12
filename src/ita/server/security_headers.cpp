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

namespace {
bool token_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
bool safe_value(std::string_view value) {
    return std::ranges::none_of(value, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && c != '\t') || byte == 0x7F;
    });
}
}  // namespace

bool headers_are_safe(const HttpResponse& response) {
    if (!safe_value(response.content_type)) return false;
    return std::ranges::all_of(response.headers, [](const auto& header) {
        return !header.first.empty() && std::ranges::all_of(header.first, token_char) && safe_value(header.second);
    });
}

}  // namespace ita::server
