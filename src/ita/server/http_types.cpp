#include <ita/server/http_types.hpp>

namespace ita::server {

namespace {
std::string json_escape(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        switch (c) {
            case '"': escaped += "\\\""; break;
            case '\\': escaped += "\\\\"; break;
            case '\n': escaped += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) escaped += ' ';
                else escaped += c;
        }
    }
    return escaped;
}
}  // namespace

HttpResponse text_response(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body), {}, {}}; }
HttpResponse json_response(int status, std::string body) { return {status, "application/json", std::move(body), {}, {}}; }
HttpResponse json_error(int status, const std::string& message) {
    return json_response(status, R"({"error":{"status":)" + std::to_string(status) + R"(,"message":")" + json_escape(message) + "\"}}\n");
}

std::string percent_decode(std::string_view text) {
    std::string decoded;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char c = text[index];
        if (c == '+') {
            decoded += ' ';
        } else if (c == '%' && index + 2 < text.size()) {
            const auto hex = [](char digit) { return digit >= 'a' ? digit - 'a' + 10 : digit >= 'A' ? digit - 'A' + 10 : digit - '0'; };
            decoded += static_cast<char>(hex(text[index + 1]) * 16 + hex(text[index + 2]));
            index += 2;
        } else {
            decoded += c;
        }
    }
    return decoded;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
    std::map<std::string, std::string> cookies;
    while (!header.empty()) {
        const auto semicolon = header.find(';');
        std::string_view pair = header.substr(0, semicolon);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos) cookies[std::string(pair.substr(0, equals))] = std::string(pair.substr(equals + 1));
        if (semicolon == std::string_view::npos) break;
        header.remove_prefix(semicolon + 1);
    }
    return cookies;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> values;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto equals = pair.find('=');
        if (!pair.empty())
            values[percent_decode(pair.substr(0, equals))] = equals == std::string_view::npos ? "" : percent_decode(pair.substr(equals + 1));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return values;
}

}  // namespace ita::server
