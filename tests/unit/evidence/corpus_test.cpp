// The evidence checker against pages an auditor judged (tests/evidence_corpus: labels.csv says
// what each page is, where it was published, for which item and year, and whether an auditor
// accepts it). Checked: agreement on accept/reject, pages called "ok" that an auditor rejects,
// and that a rejected page flagged is flagged for its class's reason (what the working group
// must fix). bench/evidence prints the same summary.
#include <ita/evidence/agency_sites.hpp>
#include <ita/evidence/document_text.hpp>
#include <ita/evidence/readiness.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/util/csv_reader.hpp>
#include <ita/util/text.hpp>
#include <ita/util/web_url.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

using namespace ita;

namespace {

const std::string corpus = std::string(ITA_SOURCE_DIR) + "/tests/evidence_corpus/";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
}

struct Page {
    std::string name, frame, url, content_type, item, sites, verdict, klass, auditor_reason;
    int year = 0;
};

std::vector<Page> labelled_pages() {
    const std::string text = read_file(corpus + "labels.csv");
    util::CsvReader reader(text);
    std::vector<Page> pages;
    reader.next();  // header
    while (reader.next()) {
        const auto& f = reader.fields();
        if (f.size() != 10) {
            ADD_FAILURE() << "labels.csv line " << reader.line() << ": 10 fields expected";
            continue;
        }
        pages.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), std::string(f[5]), std::string(f[6]),
                         std::string(f[7]), std::string(f[8]), std::string(f[9]), std::stoi(std::string(f[4]))});
    }
    return pages;
}

// The site's menu of the year's OIT items, as agencies' sites list them beside every page.
std::string item_menu(const core::Methodology& methodology, bool as_list) {
    std::string menu;
    for (std::size_t index = 0; index < methodology.items.size(); ++index) {
        const auto& item = methodology.items[index];
        const std::string link = item.code + " " + item.name;
        menu += as_list ? "<li><a href=\"/ita/" + std::to_string(methodology.fiscal_year) + "/" + util::ascii_lower(item.code) + "\">" +
                              link + "</a></li>\n"
                        : "<a href=\"index.php?op=ita&amp;id=" + std::to_string(index + 1) + "\">" + link + "</a><br>\n";
    }
    return menu;
}

// The page's bytes as its site serves them: a fragment is put in its site's frame (menus,
// header and footer of that content system, the year's item menu), its first line a comment
// naming its title.
std::string served_bytes(const Page& page, const core::Methodology& methodology) {
    std::string body = read_file(corpus + "pages/" + page.name);
    if (page.frame.empty()) return body;
    std::string title;
    if (body.starts_with("<!-- title: ")) {
        const auto end = body.find(" -->\n");
        title = body.substr(12, end - 12);
        body.erase(0, end + 5);
    }
    std::string framed = read_file(corpus + "frames/" + page.frame + ".html");
    replace_all(framed, "{{content}}", body);
    replace_all(framed, "{{title}}", title);
    replace_all(framed, "{{menu}}", item_menu(methodology, true));
    replace_all(framed, "{{menu_links}}", item_menu(methodology, false));
    replace_all(framed, "{{year}}", std::to_string(page.year));
    return framed;
}

// The finding codes that say what to fix for a page of each class an auditor rejects.
const std::map<std::string, std::set<std::string>> reasons_of_class = {
    {"index_page", {"index_page"}},
    {"criteria_page", {"criteria_page"}},
    {"heading_only", {"heading_only"}},
    {"site_furniture", {"placeholder", "stale_year", "keywords_missing", "heading_only", "not_found_page"}},
    {"other_site", {"other_site"}},
    {"years", {"stale_year"}},
    {"formats", {"not_for_readers", "stale_year"}},
    {"false_alarm", {"keywords_missing", "sign_in_wall"}},
};

struct Tally {
    int pages = 0, agree = 0, rejected = 0, false_ok = 0, accepted = 0, false_alarm = 0, flagged = 0, right_reason = 0;
};

}  // namespace

TEST(EvidenceCorpus, AgreesWithTheAuditor) {
    const auto pages = labelled_pages();
    ASSERT_GE(pages.size(), 60u);
    std::map<int, core::Methodology> methodologies;
    std::map<std::string, Tally> by_class;
    Tally total;
    std::ostringstream disagreements;
    for (const auto& page : pages) {
        if (!methodologies.contains(page.year)) {
            auto loaded = ingest::load_methodology(page.year, std::nullopt);
            ASSERT_TRUE(loaded) << page.year;
            methodologies.emplace(page.year, std::move(*loaded));
        }
        const auto& methodology = methodologies.at(page.year);
        const auto item_at = methodology.item_index(page.item);
        ASSERT_TRUE(item_at) << page.name << ": " << page.item << " of " << page.year;
        const auto* item = &methodology.items[*item_at];
        std::vector<std::string> sites;
        std::istringstream words(page.sites);
        for (std::string word; words >> word;)
            if (auto domain = util::website_domain(word); !domain.empty()) sites.push_back(domain);

        evidence::FetchResult fetched;
        fetched.url = fetched.final_url = page.url;
        fetched.http_status = 200;
        fetched.content_type = page.content_type;
        fetched.body = served_bytes(page, methodology);
        auto document = evidence::read_document(fetched.content_type, fetched.body);
        // A page that sends the browser on: the checker lands where the auditor does (another
        // labelled page at that address), as check_evidence follows one refresh.
        if (!document.refresh_url.empty())
            for (const auto& target : pages)
                if (target.url == document.refresh_url) {
                    fetched.final_url = target.url;
                    fetched.content_type = target.content_type;
                    fetched.body = served_bytes(target, methodology);
                    document = evidence::read_document(fetched.content_type, fetched.body);
                }
        const auto assessment = evidence::assess(fetched, document, evidence::EvidenceRules::of(*item, page.year, sites));

        const bool auditor_accepts = page.verdict == "accept";
        const bool checker_accepts = assessment.status == evidence::Readiness::ok;
        for (Tally* tally : {&total, &by_class[page.klass]}) {
            ++tally->pages;
            tally->agree += auditor_accepts == checker_accepts;
            if (auditor_accepts) {
                ++tally->accepted;
                tally->false_alarm += !checker_accepts;
            } else {
                ++tally->rejected;
                tally->false_ok += checker_accepts;
                if (!checker_accepts) {
                    ++tally->flagged;
                    const auto& wanted = reasons_of_class.at(page.klass);
                    const bool right = std::any_of(assessment.findings.begin(), assessment.findings.end(),
                                                   [&](const auto& finding) { return wanted.contains(finding.code); });
                    tally->right_reason += right;
                    if (!right && tally == &total)
                        disagreements << "  " << page.name << " (" << page.klass << "): rejected for another reason — "
                                      << assessment.reason() << "\n";
                }
            }
        }
        if (auditor_accepts != checker_accepts)
            disagreements << "  " << page.name << " (" << page.klass << ", auditor " << page.verdict
                          << "): " << evidence::to_string(assessment.status) << " — " << assessment.reason() << "\n";
    }
    const auto percent = [](int part, int whole) { return whole ? 100.0 * part / whole : 0.0; };
    std::ostringstream summary;
    summary.setf(std::ios::fixed);
    summary.precision(1);
    summary << "evidence corpus: " << total.pages << " pages, agreement " << percent(total.agree, total.pages) << " %, false ok "
            << total.false_ok << "/" << total.rejected << " (" << percent(total.false_ok, total.rejected)
            << " % of the pages an auditor rejects), false alarms " << total.false_alarm << "/" << total.accepted << " ("
            << percent(total.false_alarm, total.accepted) << " %), flagged for their class's reason " << total.right_reason << "/"
            << total.flagged << "\n";
    for (const auto& [klass, tally] : by_class)
        summary << "  class " << klass << ": " << tally.pages << " pages, agree " << tally.agree << ", false ok " << tally.false_ok
                << ", false alarms " << tally.false_alarm << "\n";
    std::cout << summary.str() << (disagreements.str().empty() ? "" : "disagreements:\n" + disagreements.str());

    EXPECT_GE(percent(total.agree, total.pages), 90.0);
    EXPECT_LT(percent(total.false_ok, total.rejected), 5.0);
    EXPECT_EQ(total.right_reason, total.flagged)
        << "a rejected page flagged for another class's reason tells the working group the wrong fix";
}
