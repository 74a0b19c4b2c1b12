#include <ita/util/web_url.hpp>

#include <ita/util/text.hpp>

#include <algorithm>

namespace ita::util {

bool is_web_url(std::string_view url) {
    if (url.empty() || url.size() > 2048) return false;
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
    }
    const auto colon = url.find("://");
    if (colon == std::string_view::npos) return false;
    // Compared without a lower-case copy: every OIT row of a national file passes here.
    const auto scheme_is = [&](std::string_view name) {
        return colon == name.size() && std::equal(name.begin(), name.end(), url.begin(), [](char wanted, char c) {
                   return wanted == (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
               });
    };
    if (!scheme_is("http") && !scheme_is("https")) return false;
    const auto rest = url.substr(colon + 3);
    const auto host_end = rest.find_first_of("/?#");
    const auto authority = rest.substr(0, host_end);
    const auto at = authority.rfind('@');
    const auto host = at == std::string_view::npos ? authority : authority.substr(at + 1);
    return !host.empty() && host.front() != ':' && host.front() != '.';
}

std::string web_url_or_empty(std::string_view url) { return is_web_url(url) ? std::string(url) : std::string(); }

std::string website_domain(std::string_view website) {
    std::string text = ascii_lower(trim(website));
    if (const auto scheme = text.find("://"); scheme != std::string::npos) text.erase(0, scheme + 3);
    text = text.substr(0, text.find_first_of("/?#"));
    if (const auto at = text.rfind('@'); at != std::string::npos) text.erase(0, at + 1);
    text = text.substr(0, text.find(':'));
    while (!text.empty() && text.back() == '.') text.pop_back();
    if (text.starts_with("www.")) text.erase(0, 4);
    const bool letters = !text.empty() && text.size() <= 253 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    if (!letters || text.find('.') == std::string::npos || text.starts_with('.') || text.starts_with('-') ||
        text.find("..") != std::string::npos)
        return {};
    return text;
}

}  // namespace ita::util
