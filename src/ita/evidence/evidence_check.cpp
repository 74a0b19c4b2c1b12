#include <ita/evidence/evidence_check.hpp>

#include <ita/evidence/document_text.hpp>

#include <sodium.h>

#include <array>

namespace ita::evidence {

std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

EvidenceCheck check_evidence(const std::string& url, const EvidenceRules& rules, const FetchLimits& limits, RobotsCache& robots) {
    EvidenceCheck check;
    if (!robots.allows(url)) {
        check.fetched.url = check.fetched.final_url = url;
        check.assessment.add(Readiness::suspicious, "robots_disallowed", "robots.txt ของเว็บไซต์ไม่ให้โปรแกรมตรวจหน้านี้ ผู้ตรวจต้องเปิดดูเอง");
        return check;
    }
    check.fetched = fetch(url, limits);
    auto document = read_document(check.fetched.content_type, check.fetched.body);
    // A page that sends the browser on (<meta http-equiv="refresh">) is judged where the auditor
    // lands, one such hop at most; the hop is recorded like a redirect.
    if (check.fetched.error.empty() && document.kind == DocumentKind::html && !document.refresh_url.empty() &&
        robots.allows(document.refresh_url)) {
        auto next = fetch(document.refresh_url, limits);
        std::vector<Redirect> hops = std::move(check.fetched.redirects);
        hops.push_back({check.fetched.final_url, check.fetched.http_status});
        hops.insert(hops.end(), next.redirects.begin(), next.redirects.end());
        next.redirects = std::move(hops);
        next.url = url;
        check.fetched = std::move(next);
        document = read_document(check.fetched.content_type, check.fetched.body);
    }
    check.assessment = assess(check.fetched, document, rules);
    if (check.fetched.error.empty() && !check.fetched.body.empty()) check.sha256 = sha256_hex(check.fetched.body);
    return check;
}

}  // namespace ita::evidence
