// Whether fetched evidence would stand an auditor's review, and why not: the rules of the
// OIT evidence checker, pure and separate from fetching so each is tested on its own.
// broken — the auditor would not see it (no answer, an error status, a sign-in wall, a
// "page not found" served as 200); stale — it is not of the year its item needs, which an
// auditor rejects; suspicious — it is likely not the evidence (another site's page, a heading
// or an empty template, an index of items, the criteria restated, none of the item's words,
// data for programs, no text to read, robots.txt forbids checking), for a person to look at;
// ok — none of these. Each rule judges the page's own content, not the site's menus and footer.
// tests/evidence_corpus holds pages an auditor judged; the rules are measured against them.
#pragma once

#include <ita/core/methodology.hpp>
#include <ita/evidence/document_text.hpp>
#include <ita/evidence/http_fetch.hpp>

#include <string>
#include <vector>

namespace ita::evidence {

enum class Readiness { ok, suspicious, stale, broken };  // worst last

struct Finding {
    std::string code;     // e.g. "http_404", "stale_year", "keywords_missing"
    std::string message;  // Thai, for the working group and the auditor
};

struct Assessment {
    Readiness status = Readiness::ok;
    std::vector<Finding> findings;

    void add(Readiness level, std::string code, std::string message);
    [[nodiscard]] std::string reason() const;  // the findings' messages joined by "; "
};

[[nodiscard]] std::string to_string(Readiness readiness);  // ok, stale, suspicious, broken

// Whether `text` (Thai or Arabic digits) speaks of Buddhist-era fiscal year `year`: the year
// itself; the months of October–December of the year before, which belong to it; a short
// "ปีงบประมาณ 65" or "พ.ศ. 65". With `ranges`, also a span such as 2563–2567 that covers it;
// without, the years of a span are the span's, not the document's ("(พ.ศ. 2566–2570)" in a
// 2564 forum's minutes does not make them 2566's).
[[nodiscard]] bool mentions_fiscal_year(std::string_view text, int year, bool ranges = false);
// The Buddhist-era years 2400–2699 written in `text`, ascending, each once.
[[nodiscard]] std::vector<int> years_in(std::string_view text);

struct EvidenceRules {
    int fiscal_year = 0;
    std::vector<std::string> keywords;
    core::EvidencePeriod period = core::EvidencePeriod::standing;
    core::EvidenceSigns signs;
    bool online_service = false;
    // The agency's website domains (util::website_domain); empty: not known, so where evidence is hosted
    // is not judged.
    std::vector<std::string> agency_sites;

    // The rules of an OIT item for an agency.
    static EvidenceRules of(const core::OitItem& item, int fiscal_year, std::vector<std::string> agency_sites = {});
};

Assessment assess(const FetchResult& fetched, const DocumentText& document, const EvidenceRules& rules);

}  // namespace ita::evidence
