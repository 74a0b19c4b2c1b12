#include <ita/evidence/readiness.hpp>

#include <ita/thai/digits.hpp>
#include <ita/thai/search_key.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>

namespace ita::evidence {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Each run of exactly `length` ASCII digits: its value and where it starts.
template <typename Visit>
void digit_runs(std::string_view text, std::size_t length, Visit&& visit) {
    for (std::size_t at = 0; at < text.size();) {
        if (!is_digit(text[at])) {
            ++at;
            continue;
        }
        std::size_t end = at;
        while (end < text.size() && is_digit(text[end])) ++end;
        if (end - at == length) visit(std::stoi(std::string(text.substr(at, length))), at, end);
        at = end;
    }
}

bool ends_with_any(std::string_view before, std::span<const std::string_view> words) {
    while (!before.empty() && (before.back() == ' ' || before.back() == '.')) before.remove_suffix(1);
    return std::any_of(words.begin(), words.end(), [&](std::string_view word) {
        std::string_view trimmed = word;
        while (!trimmed.empty() && trimmed.back() == '.') trimmed.remove_suffix(1);
        return before.ends_with(trimmed);
    });
}

constexpr std::array<std::string_view, 6> last_quarter_months = {"ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ต.ค.", "พ.ย.", "ธ.ค."};
constexpr std::array<std::string_view, 4> year_words = {"ปีงบประมาณ", "พ.ศ.", "ปี", "ปีงบ"};
constexpr std::array<std::string_view, 5> range_joins = {"-", "\u2013", "\u2014", "ถึง", "/"};

std::string_view before(std::string_view text, std::size_t at, std::size_t bytes) {
    const std::size_t from = at > bytes ? at - bytes : 0;
    return text.substr(from, at - from);
}

// A span "2563 - 2567" (or – — ถึง) starting at the first year's end.
std::optional<int> range_end(std::string_view text, std::size_t after_first) {
    std::string_view rest = text.substr(after_first, 24);
    std::size_t at = 0;
    while (at < rest.size() && rest[at] == ' ') ++at;
    for (const auto join : range_joins) {
        if (rest.substr(at).starts_with(join)) {
            at += join.size();
            if (rest.substr(at).starts_with("พ.ศ.")) at += std::string_view("พ.ศ.").size();
            while (at < rest.size() && rest[at] == ' ') ++at;
            std::size_t end = at;
            while (end < rest.size() && is_digit(rest[end])) ++end;
            if (end - at == 4) return std::stoi(std::string(rest.substr(at, 4)));
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
    return text;
}

bool names_any(const std::string& page_key, const std::vector<std::string>& keywords) {
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& keyword) {
        const std::string key = thai::search_key(keyword);
        return !key.empty() && page_key.find(key) != std::string::npos;
    });
}

bool says_not_found(const DocumentText& document) {
    const std::string head = util::ascii_lower(document.title + " " + document.text.substr(0, 600));
    const bool status = head.find("404") != std::string::npos;
    return (status && (head.find("not found") != std::string::npos || head.find("ไม่พบ") != std::string::npos)) ||
           head.find("page not found") != std::string::npos || head.find("ไม่พบหน้าที่") != std::string::npos ||
           head.find("ไม่พบหน้าเว็บ") != std::string::npos;
}

bool looks_like_sign_in(const std::string& url) {
    const std::string path = util::ascii_lower(url);
    for (const std::string_view word : {"/login", "/signin", "/sign-in", "/auth/", "login.php", "/wp-login", "/sso/"})
        if (path.find(word) != std::string::npos) return true;
    return false;
}

void assess_failure(const FetchResult& fetched, Assessment& assessment) {
    static const std::pair<std::string_view, std::string_view> messages[] = {
        {"timeout", "เปิดไม่ได้: เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด"},
        {"dns", "เปิดไม่ได้: ไม่พบชื่อโดเมนนี้"},
        {"connect", "เปิดไม่ได้: เชื่อมต่อเว็บไซต์ไม่ได้"},
        {"tls", "เปิดไม่ได้: ใบรับรองความปลอดภัย (https) ของเว็บไซต์ไม่ถูกต้อง"},
        {"refused_address", "เปิดไม่ได้: ที่อยู่นี้อยู่ในเครือข่ายภายใน ประชาชนและผู้ตรวจเปิดไม่ได้"},
        {"too_many_redirects", "เปิดไม่ได้: ถูกส่งต่อ (redirect) หลายทอดเกินไป"},
        {"bad_address", "ที่อยู่นี้ไม่ใช่หน้าเว็บ http หรือ https"}};
    for (const auto& [code, message] : messages)
        if (fetched.error == code) {
            assessment.add(Readiness::broken, std::string(code), std::string(message));
            return;
        }
    assessment.add(Readiness::broken, "fetch_failed", "เปิดไม่ได้: " + fetched.error_detail);
}

void assess_status(long status, Assessment& assessment) {
    const std::string code = "http_" + std::to_string(status);
    const std::string number = std::to_string(status);
    if (status == 401 || status == 403)
        assessment.add(Readiness::broken, code, "เปิดไม่ได้: เว็บไซต์ไม่อนุญาตให้เข้าถึง (" + number + ") ผู้ตรวจต้องเปิดได้โดยไม่ต้องเข้าสู่ระบบ");
    else if (status == 404 || status == 410)
        assessment.add(Readiness::broken, code, "เปิดไม่ได้: ไม่พบหน้านี้ (" + number + ")");
    else if (status >= 500)
        assessment.add(Readiness::broken, code, "เปิดไม่ได้: เว็บไซต์ขัดข้อง (" + number + ")");
    else
        assessment.add(Readiness::broken, code, "เปิดไม่ได้: เว็บไซต์ตอบรหัส " + number);
}

void assess_year(const std::string& text, const EvidenceRules& rules, Assessment& assessment) {
    const int year = rules.fiscal_year;
    bool found = false;
    std::string wanted = "ปี พ.ศ. " + std::to_string(year);
    switch (rules.period) {
        case core::EvidencePeriod::standing: return;
        case core::EvidencePeriod::fiscal_year:
        case core::EvidencePeriod::six_month:
        case core::EvidencePeriod::monthly: found = mentions_fiscal_year(text, year); break;
        case core::EvidencePeriod::previous_year:
            found = mentions_fiscal_year(text, year - 1) || mentions_fiscal_year(text, year);
            wanted = "ผลของปี พ.ศ. " + std::to_string(year - 1);
            break;
        case core::EvidencePeriod::span:
            found = mentions_fiscal_year(text, year, true);
            wanted = "แผนที่ครอบคลุมปี พ.ศ. " + std::to_string(year);
            break;
    }
    if (found) return;
    const auto years = years_in(text);
    std::string seen = years.empty() ? "ไม่พบปี พ.ศ. ใดเลย" : "ปีล่าสุดที่พบคือ " + std::to_string(years.back());
    assessment.add(Readiness::stale, "stale_year", "ไม่พบ" + wanted + " (" + seen + ")");
}

}  // namespace

void Assessment::add(Readiness level, std::string code, std::string message) {
    status = std::max(status, level);
    findings.push_back({std::move(code), std::move(message)});
}

std::string Assessment::reason() const {
    std::string text;
    for (const auto& finding : findings) text += (text.empty() ? "" : "; ") + finding.message;
    return text;
}

std::string to_string(Readiness readiness) {
    switch (readiness) {
        case Readiness::ok: return "ok";
        case Readiness::stale: return "stale";
        case Readiness::suspicious: return "suspicious";
        case Readiness::broken: return "broken";
    }
    return "broken";
}

std::vector<int> years_in(std::string_view raw) {
    const std::string text = thai::to_arabic_digits(raw);
    std::vector<int> years;
    digit_runs(text, 4, [&](int value, std::size_t, std::size_t) {
        if (value >= 2400 && value <= 2699) years.push_back(value);
    });
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

bool mentions_fiscal_year(std::string_view raw, int year, bool ranges) {
    const std::string text = thai::to_arabic_digits(raw);
    bool found = false;
    digit_runs(text, 4, [&](int value, std::size_t at, std::size_t end) {
        if (found) return;
        if (value == year) found = true;
        // October to December of the year before open the fiscal year.
        else if (value == year - 1 && ends_with_any(before(text, at, 40), last_quarter_months))
            found = true;
        else if (ranges && value < year)
            if (const auto last = range_end(text, end); last && *last >= year && *last - value <= 20) found = true;
    });
    if (found) return true;
    digit_runs(text, 2, [&](int value, std::size_t at, std::size_t) {
        if (!found && value == year % 100 && ends_with_any(before(text, at, 40), year_words)) found = true;
    });
    return found;
}

namespace {

// JSON, XML and script bodies: data for programs rather than a page (type parameters ignored).
bool is_machine_format(std::string_view content_type) {
    const auto type = util::ascii_lower(content_type.substr(0, content_type.find(';')));
    return type == "application/json" || type.ends_with("+json") || type == "application/xml" || type == "text/xml" ||
           type.ends_with("+xml") || type == "application/javascript" || type == "text/javascript";
}

}  // namespace

Assessment assess(const FetchResult& fetched, const DocumentText& document, const EvidenceRules& rules) {
    Assessment assessment;
    if (!fetched.error.empty()) {
        assess_failure(fetched, assessment);
        return assessment;
    }
    if (fetched.http_status < 200 || fetched.http_status >= 300) {
        assess_status(fetched.http_status, assessment);
        return assessment;
    }
    if (document.has_password_field || looks_like_sign_in(fetched.final_url)) {
        assessment.add(Readiness::broken, "sign_in_wall", "หน้านี้ให้เข้าสู่ระบบก่อน ผู้ตรวจและประชาชนจะไม่เห็นข้อมูล");
        return assessment;
    }
    if (document.kind == DocumentKind::other && is_machine_format(fetched.content_type)) {
        // An auditor reads evidence as a person would: data for programs (JSON, XML, scripts)
        // is not a page anyone can read, whatever it contains.
        assessment.add(Readiness::suspicious, "not_for_readers",
                       "ลิงก์นี้เป็นข้อมูลสำหรับโปรแกรม (" + fetched.content_type + ") ไม่ใช่หน้าเว็บหรือเอกสารที่ผู้ตรวจอ่านได้ ให้ใส่ลิงก์หน้าที่แสดงข้อมูลแทน");
        return assessment;
    }
    if (document.kind == DocumentKind::other) {
        const std::string type = fetched.content_type.empty() ? "ไม่ระบุชนิด" : fetched.content_type;
        assessment.add(Readiness::ok, "content_not_read", "เปิดได้ แต่ไม่ได้อ่านเนื้อหา (ไฟล์ชนิด " + type + ")");
        return assessment;
    }
    if (!document.readable) {
        if (fetched.truncated)
            assessment.add(
                Readiness::suspicious, "too_large",
                "ไฟล์ใหญ่เกิน " + std::to_string(fetched.body.size() / (std::size_t{1024} * 1024)) + " MB อ่านได้ไม่ครบ ให้ตรวจด้วยตนเอง");
        else
            assessment.add(Readiness::suspicious, "unreadable", "อ่านเนื้อหาไฟล์ไม่ได้ (ไฟล์เสียหรือมีรหัสผ่าน)");
        return assessment;
    }
    if (says_not_found(document)) {
        assessment.add(Readiness::broken, "not_found_page", "หน้าเว็บแจ้งว่าไม่พบข้อมูล (404) แม้เว็บไซต์ตอบว่าเปิดได้");
        return assessment;
    }
    // One key of the text (the costly part of judging a page), for both checks below.
    const std::string text_key = thai::search_key(document.text);
    if (text_key.size() < 12) {  // a title alone is not content
        assessment.add(Readiness::suspicious, "no_text", "ไม่มีข้อความให้อ่าน (หน้าอาจแสดงด้วย JavaScript หรือเป็นภาพสแกน) ให้ตรวจด้วยตนเอง");
        return assessment;
    }
    assess_year(document.title + " " + document.text, rules, assessment);
    if (!rules.keywords.empty() && !names_any(thai::search_key(document.title) + "\n" + text_key, rules.keywords))
        assessment.add(Readiness::suspicious, "keywords_missing", "ไม่พบคำที่เกี่ยวกับรายการนี้ (" + joined(rules.keywords) + ")");
    return assessment;
}

}  // namespace ita::evidence
