#include <ita/evidence/readiness.hpp>

#include <ita/evidence/agency_sites.hpp>
#include <ita/evidence/robots.hpp>

#include <ita/thai/dates.hpp>
#include <ita/thai/digits.hpp>
#include <ita/thai/search_key.hpp>
#include <ita/util/text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
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

// October to December, in full and abbreviated: they open the fiscal year named after the next.
constexpr std::array<std::string_view, 6> last_quarter_months = {thai::month_names[9],          thai::month_names[10],
                                                                 thai::month_names[11],         thai::month_abbreviations[9],
                                                                 thai::month_abbreviations[10], thai::month_abbreviations[11]};
constexpr std::array<std::string_view, 1> academic_year_words = {"ปีการศึกษา"};
constexpr std::array<std::string_view, 4> year_words = {"ปีงบประมาณ", "พ.ศ.", "ปี", "ปีงบ"};
constexpr std::array<std::string_view, 5> range_joins = {"-", "\u2013", "\u2014", "ถึง", "/"};

std::string_view before(std::string_view text, std::size_t at, std::size_t bytes) {
    const std::size_t from = at > bytes ? at - bytes : 0;
    return text.substr(from, at - from);
}

struct RangeEnd {
    int year = 0;
    std::size_t at = 0;  // where the second year starts in the text
};

// A span "2563 - 2567" (or – — ถึง) starting at the first year's end.
std::optional<RangeEnd> range_end(std::string_view text, std::size_t after_first) {
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
            if (end - at == 4) return RangeEnd{std::stoi(std::string(rest.substr(at, 4))), after_first + at};
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
    // Where the years of spans start: a span's years are the span's, not the document's.
    std::vector<std::size_t> in_spans;
    digit_runs(text, 4, [&](int value, std::size_t at, std::size_t end) {
        if (value < 2400 || value > 2699) return;
        if (const auto last = range_end(text, end); last && last->year > value && last->year - value <= 20) {
            in_spans.push_back(at);
            in_spans.push_back(last->at);
        }
    });
    const auto spanned = [&](std::size_t at) { return std::find(in_spans.begin(), in_spans.end(), at) != in_spans.end(); };
    bool found = false;
    digit_runs(text, 4, [&](int value, std::size_t at, std::size_t end) {
        if (found) return;
        if (ranges && value <= year)
            if (const auto last = range_end(text, end); last && last->year >= year && last->year - value <= 20) found = true;
        if (found || spanned(at)) return;
        if (value == year) found = true;
        // October to December of the year before open the fiscal year; a school's academic year
        // (May to March) runs into the next fiscal year.
        else if (value == year - 1 &&
                 (ends_with_any(before(text, at, 40), last_quarter_months) || ends_with_any(before(text, at, 40), academic_year_words)))
            found = true;
    });
    if (found) return true;
    // Two digits are a year after a year word ("ปีงบประมาณ 65") or a month ("1 ต.ค. 67", as
    // dates are written in lists and spreadsheets).
    digit_runs(text, 2, [&](int value, std::size_t at, std::size_t) {
        if (found) return;
        const auto preceding = before(text, at, 40);
        if (value == year % 100 && (ends_with_any(preceding, year_words) || ends_with_any(preceding, thai::month_names) ||
                                    ends_with_any(preceding, thai::month_abbreviations)))
            found = true;
        if (value == (year - 1) % 100 && ends_with_any(preceding, last_quarter_months)) found = true;
    });
    return found;
}

EvidenceRules EvidenceRules::of(const core::OitItem& item, int fiscal_year, std::vector<std::string> agency_sites) {
    return {fiscal_year, item.keywords, item.period, item.signs, item.online_service, std::move(agency_sites)};
}

namespace {

// JSON, XML and script bodies: data for programs rather than a page (type parameters ignored).
bool is_machine_format(std::string_view content_type) {
    const auto type = util::ascii_lower(content_type.substr(0, content_type.find(';')));
    return type == "application/json" || type.ends_with("+json") || type == "application/xml" || type == "text/xml" ||
           type.ends_with("+xml") || type == "application/javascript" || type == "text/javascript";
}

// Thai text repeats its first byte (0xE0) at every letter, which makes a plain find() compare at
// each; Boyer–Moore–Horspool skips ahead by the phrase's length.
bool contains(std::string_view text, std::string_view word) {
    return std::search(text.begin(), text.end(), std::boyer_moore_horspool_searcher(word.begin(), word.end())) != text.end();
}

// Whether `text` has at least `wanted` letters, reading no further than it must.
bool has_letters(std::string_view text, std::size_t wanted) {
    for (std::size_t at = 0, found = 0; at < text.size() && found < wanted; at += 4096) {
        found += util::count_letters(text.substr(at, 4096)).letters;
        if (found >= wanted) return true;
    }
    return false;
}

// The letters of the content an auditor would read: the main content without its headings.
std::size_t content_letters(const DocumentText& document) {
    const auto all = util::count_letters(document.content()).letters;
    const auto headings = util::count_letters(document.main_headings).letters;
    return all > headings ? all - headings : 0;
}

// The OIT item codes a text names ("O1", "o 12", "OIT 3"), each once.
std::size_t item_codes_named(std::string_view raw) {
    const std::string text = thai::to_arabic_digits(raw);
    std::vector<int> codes;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] != 'O' && text[at] != 'o') continue;
        if (at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1]))) continue;
        std::size_t digits = at + 1;
        if (text.substr(digits, 2) == "IT" || text.substr(digits, 2) == "it") digits += 2;
        while (digits < text.size() && (text[digits] == ' ' || text[digits] == '.')) ++digits;
        std::size_t end = digits;
        while (end < text.size() && is_digit(text[end]) && end - digits < 3) ++end;
        if (end == digits || end - digits > 2 || (end < text.size() && is_digit(text[end]))) continue;
        codes.push_back(std::stoi(text.substr(digits, end - digits)));
    }
    std::sort(codes.begin(), codes.end());
    return static_cast<std::size_t>(std::unique(codes.begin(), codes.end()) - codes.begin());
}

// Words of a page that says it has nothing yet: a content system's empty category, a page
// "under construction".
constexpr std::array<std::string_view, 8> placeholder_words = {"ยังไม่มีข้อมูล",          "อยู่ระหว่างปรับปรุง",       "อยู่ระหว่างการปรับปรุง",
                                                               "อยู่ระหว่างจัดทำ",       "อยู่ระหว่างดำเนินการจัดทำ", "coming soon",
                                                               "under construction", "there are no articles"};

// Phrases of the ITA criteria themselves (the OIT manual's columns and wording): a page that
// copies them describes what the evidence must be rather than being it.
constexpr std::array<std::string_view, 10> criteria_phrases = {
    "องค์ประกอบด้านข้อมูล", "รายละเอียดข้อมูลขั้นต่ำ", "คำอธิบายเพิ่มเติม", "ประกอบด้วยข้อมูลอย่างน้อย", "เกณฑ์การพิจารณา",
    "แนวทางการตรวจ",    "หน่วยงานจะต้อง",      "ต้องเปิดเผยข้อมูล", "เกณฑ์การประเมิน",        "ข้อมูลที่ต้องเปิดเผย"};

// The content a reader sees first: what the document says of itself.
bool judge_content(const DocumentText& document, Assessment& assessment) {
    const std::size_t letters = content_letters(document);
    if (letters < 400 &&
        std::any_of(placeholder_words.begin(), placeholder_words.end(),
                    [&, lower = util::ascii_lower(document.content())](std::string_view word) { return contains(lower, word); })) {
        assessment.add(Readiness::suspicious, "placeholder",
                       "หน้านี้ยังไม่มีเนื้อหา (แจ้งว่ายังไม่มีข้อมูลหรืออยู่ระหว่างปรับปรุง) ให้นำข้อมูลของรายการนี้ขึ้นเว็บไซต์ก่อนส่ง");
        return false;
    }
    if (letters < 40 && document.main_media == 0) {
        assessment.add(Readiness::suspicious, "heading_only",
                       "หน้านี้มีเพียงหัวเรื่อง ไม่มีเนื้อหาของรายการ ให้ใส่ข้อมูลหรือเอกสารที่หัวเรื่องบอกไว้ในหน้านี้ หรือใส่ลิงก์ของเอกสารนั้นโดยตรง");
        return false;
    }
    if (const std::size_t codes = item_codes_named(document.content()); codes >= 5) {
        assessment.add(Readiness::suspicious, "index_page",
                       "หน้านี้เป็นสารบัญรายการ OIT (เนื้อหาระบุรหัสรายการ " + std::to_string(codes) +
                           " รายการ) ไม่ใช่ข้อมูลของรายการนี้ ให้ใส่ลิงก์ของหน้าที่แสดงข้อมูลของรายการนี้โดยตรง");
        return false;
    }
    const auto criteria = std::count_if(criteria_phrases.begin(), criteria_phrases.end(),
                                        [&](std::string_view phrase) { return contains(document.content(), phrase); });
    if (criteria >= 2) {
        assessment.add(Readiness::suspicious, "criteria_page",
                       "หน้านี้ยกข้อความเกณฑ์การประเมิน ITA มาแสดง ไม่ใช่ข้อมูลของหน่วยงานเอง ให้ใส่ข้อมูลจริงของหน่วยงานตามที่เกณฑ์กำหนด");
        return false;
    }
    return true;
}

void judge_site(const FetchResult& fetched, const EvidenceRules& rules, Assessment& assessment) {
    if (rules.agency_sites.empty()) return;
    const std::string host = address_parts(fetched.final_url.empty() ? fetched.url : fetched.final_url).host;
    if (host.empty() || on_sites(host, rules.agency_sites) || is_shared_host(host)) return;
    std::string sites;
    for (const auto& site : rules.agency_sites) sites += (sites.empty() ? "" : ", ") + site;
    assessment.add(Readiness::suspicious, "other_site",
                   "หน้านี้อยู่บนเว็บไซต์ " + host + " ไม่ใช่เว็บไซต์ของหน่วยงาน (" + sites +
                       ") ผู้ตรวจรับเฉพาะข้อมูลที่หน่วยงานเผยแพร่เอง ให้นำข้อมูลขึ้นเว็บไซต์ของหน่วยงานแล้วใส่ลิงก์นั้น "
                       "ถ้าเว็บไซต์นี้เป็นของหน่วยงานเอง ให้เพิ่มโดเมนนี้ในข้อมูลเว็บไซต์ของหน่วยงาน");
}

// Years a document can have been written in: a year after the next is a typing slip ("2596").
std::vector<int> plausible_years(std::string_view text, int fiscal_year) {
    auto years = years_in(text);
    std::erase_if(years, [&](int value) { return value > fiscal_year + 1; });
    return years;
}

std::string years_text(const std::vector<int>& years) {
    std::string text;
    for (const int year : years) text += (text.empty() ? "" : ", ") + std::to_string(year);
    return text;
}

void judge_year(const DocumentText& document, const EvidenceRules& rules, Assessment& assessment) {
    const int year = rules.fiscal_year;
    std::string wanted = "ปี พ.ศ. " + std::to_string(year);
    bool spans = false;
    int accepted = year;  // the year an auditor takes besides `year`
    switch (rules.period) {
        case core::EvidencePeriod::standing: return;
        case core::EvidencePeriod::fiscal_year:
        case core::EvidencePeriod::six_month:
        case core::EvidencePeriod::monthly: break;
        case core::EvidencePeriod::previous_year:
            accepted = year - 1;
            wanted = "ผลของปี พ.ศ. " + std::to_string(year - 1);
            break;
        case core::EvidencePeriod::span:
            spans = true;
            wanted = "แผนที่ครอบคลุมปี พ.ศ. " + std::to_string(year);
            break;
    }
    const auto speaks_of = [&](std::string_view text) {
        return mentions_fiscal_year(text, year, spans) || (accepted != year && mentions_fiscal_year(text, accepted, spans));
    };
    // The document's own year is the one its headline names; years its body mentions (a plan's
    // span, last year's comparison) do not make it that year's.
    const auto own = plausible_years(document.headline, year);
    if (!own.empty()) {
        // A headline naming only the assessed year is that year's plan or work, not the report
        // of the year before an annual item asks for.
        const bool of_year_before =
            rules.period != core::EvidencePeriod::previous_year || mentions_fiscal_year(document.headline, accepted, false);
        if (speaks_of(document.headline) && of_year_before) return;
        assessment.add(Readiness::stale, "stale_year",
                       "หัวเรื่องของเอกสารระบุปี พ.ศ. " + years_text(own) + " ไม่ใช่" + wanted + " ที่รายการนี้ต้องการ ให้ใส่เอกสารของ" + wanted);
        return;
    }
    const std::string content = document.title + "\n" + document.headline + "\n" + document.content();
    if (speaks_of(content)) return;
    if (!spans && mentions_fiscal_year(content, year, true)) {
        assessment.add(Readiness::stale, "stale_year",
                       "ปี พ.ศ. " + std::to_string(year) + " ปรากฏเพียงในช่วงปีของแผนที่เอกสารกล่าวถึง ไม่ใช่ปีของเอกสารนี้ ให้ใส่เอกสารของ" + wanted);
        return;
    }
    const auto years = plausible_years(content, year);
    const auto all = years_in(content);
    std::string seen = years.empty() ? "ไม่พบปี พ.ศ. ใดเลย" : "ปีล่าสุดที่พบคือ " + std::to_string(years.back());
    if (!all.empty() && all.back() > year + 1) seen += " ส่วนปี " + std::to_string(all.back()) + " ยังมาไม่ถึง อาจพิมพ์ผิด";
    assessment.add(Readiness::stale, "stale_year", "ไม่พบ" + wanted + " (" + seen + ") ให้ใส่ข้อมูลของ" + wanted + " และระบุปีให้เห็น");
}

// How many of `words` a page names (its search key against theirs).
std::size_t words_named(const std::string& page_key, const std::vector<std::string>& words) {
    return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), [&](const std::string& word) {
        const std::string key = thai::search_key(word);
        return !key.empty() && page_key.find(key) != std::string::npos;
    }));
}

void judge_words(const DocumentText& document, const EvidenceRules& rules, Assessment& assessment) {
    if (rules.keywords.empty() && rules.signs.at_least <= 0) return;
    const std::string key = thai::search_key(document.title) + "\n" + thai::search_key(document.content());
    if (words_named(key, rules.keywords) > 0 ||
        (rules.signs.at_least > 0 && words_named(key, rules.signs.words) >= static_cast<std::size_t>(rules.signs.at_least)))
        return;
    assessment.add(Readiness::suspicious, "keywords_missing",
                   "เนื้อหาของหน้าไม่มีคำที่เกี่ยวกับรายการนี้ (" + joined(rules.keywords) + ") ตรวจว่าลิงก์ชี้ไปยังหน้าของรายการนี้ ไม่ใช่หน้าอื่นของเว็บไซต์");
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
    if (const auto host = address_parts(fetched.final_url.empty() ? fetched.url : fetched.final_url).host; is_social_network(host)) {
        // A social network shows a program its sign-in wall; the auditor opens the agency's page
        // there in a browser and sees it.
        assessment.add(Readiness::ok, "social_network_not_read", "เปิดได้ เป็นหน้าบน " + host + " ซึ่งโปรแกรมอ่านเนื้อหาไม่ได้ ผู้ตรวจจะเปิดดูเอง");
        return assessment;
    }
    const bool sign_in = document.has_password_field || looks_like_sign_in(fetched.final_url);
    if (sign_in && !rules.online_service) {
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
    judge_site(fetched, rules, assessment);
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
    if (sign_in) {
        // An online service's own sign-in page shows the service exists; it must still be the
        // service, not the site's administration login.
        assessment.add(Readiness::ok, "service_sign_in", "หน้าเข้าสู่ระบบของบริการออนไลน์ (ผู้ตรวจเห็นว่ามีบริการ)");
        judge_words(document, rules, assessment);
        return assessment;
    }
    if (!has_letters(document.text, 4)) {  // a title alone is not content
        assessment.add(Readiness::suspicious, "no_text", "ไม่มีข้อความให้อ่าน (หน้าอาจแสดงด้วย JavaScript หรือเป็นภาพสแกน) ให้ตรวจด้วยตนเอง");
        return assessment;
    }
    if (!judge_content(document, assessment)) return assessment;
    judge_year(document, rules, assessment);
    judge_words(document, rules, assessment);
    return assessment;
}

}  // namespace ita::evidence
