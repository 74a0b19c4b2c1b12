#include <ita/server/http_types.hpp>

#include <restinio/utils/percent_encoding.hpp>

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
                if (static_cast<unsigned char>(c) < 0x20)
                    escaped += ' ';
                else
                    escaped += c;
        }
    }
    return escaped;
}
}  // namespace

HttpResponse text_response(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body), {}, {}}; }
HttpResponse json_response(int status, std::string body) { return {status, "application/json", std::move(body), {}, {}}; }
std::string_view error_code_of(int status) {
    switch (status) {
        case 400:
        case 422: return "invalid_input";
        case 401: return "unauthorized";
        case 403: return "forbidden";
        case 404: return "not_found";
        case 405: return "method_not_allowed";
        case 409: return "conflict";
        case 410: return "used_up";
        case 413: return "too_large";
        case 429: return "rate_limited";
        case 503: return "unavailable";
        default: return status >= 500 ? "internal" : "error";
    }
}

std::string_view thai_error_of(int status) {
    switch (status) {
        case 400:
        case 422: return "ข้อมูลที่ส่งมาไม่ถูกต้อง";
        case 401: return "โปรดเข้าสู่ระบบก่อน";
        case 403: return "ไม่มีสิทธิ์ใช้งานส่วนนี้";
        case 404: return "ไม่พบสิ่งที่ขอ";
        case 405: return "ใช้ที่อยู่นี้ด้วยวิธีนี้ไม่ได้";
        case 409: return "ข้อมูลขัดกับที่บันทึกไว้แล้ว";
        case 410: return "ใช้ไปแล้ว ใช้ซ้ำไม่ได้";
        case 413: return "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป";
        case 429: return "มีการส่งคำขอมากเกินไป โปรดลองใหม่ภายหลัง";
        case 503: return "ระบบไม่พร้อมให้บริการชั่วคราว โปรดลองใหม่";
        default: return status >= 500 ? "ระบบขัดข้อง เจ้าหน้าที่ได้รับแจ้งแล้ว" : "ทำรายการไม่สำเร็จ";
    }
}

HttpResponse json_error(int status, const std::string& message) {
    // `code` is stable for scripts, `message` says what happened in English, `message_th` is for
    // people (pages show it).
    return json_response(status, R"({"error":{"status":)" + std::to_string(status) + R"(,"code":")" + std::string(error_code_of(status)) +
                                     R"(","message":")" + json_escape(message) + R"(","message_th":")" +
                                     std::string(thai_error_of(status)) + "\"}}\n");
}

std::optional<std::string> percent_decode(std::string_view text) {
    // RESTinio's decoder: a malformed escape, a raw byte outside the URL's characters or a
    // decoded byte sequence that is not UTF-8 is refused, never turned into bytes.
    auto decoded = restinio::utils::try_unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
        restinio::string_view_t(text.data(), text.size()));
    if (!decoded) return std::nullopt;
    return std::move(*decoded);
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

std::optional<std::map<std::string, std::string>> parse_form(std::string_view query) {
    std::map<std::string, std::string> values;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const auto equals = pair.find('=');
        if (!pair.empty()) {
            auto name = percent_decode(pair.substr(0, equals));
            auto value = equals == std::string_view::npos ? std::optional<std::string>("") : percent_decode(pair.substr(equals + 1));
            if (!name || !value) return std::nullopt;
            values[std::move(*name)] = std::move(*value);
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return values;
}

}  // namespace ita::server
