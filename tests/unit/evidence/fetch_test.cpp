// The fetcher and the whole check against pages and PDFs this test serves on 127.0.0.1 (no
// other address is ever contacted): statuses, redirect chains, slow and endless bodies, wrong
// years, sign-in pages, robots.txt, and the refusal of private addresses.
#include <ita/evidence/evidence_check.hpp>
#include <ita/report/pdf_writer.hpp>

#include <httplib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace ita;
using namespace std::chrono_literals;
using evidence::Readiness;

namespace {

std::string html(const std::string& title, const std::string& body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title><style>.x{}</style></head><body>" + body +
           "<script>var year = 2565;</script></body></html>";
}

// A PDF with Thai text, made with ita's own report writer.
std::string thai_pdf(const std::string& line) {
    report::Document document;
    document.title = "หลักฐาน";
    document.blocks.push_back(report::Heading{1, line});
    const auto path = std::filesystem::temp_directory_path() / ("ita-evidence-" + std::to_string(::getpid()) + ".pdf");
    EXPECT_TRUE(report::write_pdf(document, path.string()));
    std::ifstream file(path, std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    std::filesystem::remove(path);
    return bytes.str();
}

// UTF-8 Thai as TIS-620 (one byte a letter: U+0E01–U+0E5B → 0xA1–0xFB), as older sites serve it.
std::string tis620(const std::string& utf8) {
    std::string bytes;
    for (std::size_t at = 0; at < utf8.size(); ++at) {
        const auto lead = static_cast<unsigned char>(utf8[at]);
        if (lead == 0xE0 && at + 2 < utf8.size()) {
            const unsigned code = ((lead & 0x0F) << 12) | ((static_cast<unsigned char>(utf8[at + 1]) & 0x3F) << 6) |
                                  (static_cast<unsigned char>(utf8[at + 2]) & 0x3F);
            bytes += static_cast<char>(code - 0x0E00 + 0xA0);
            at += 2;
        } else {
            bytes += utf8[at];
        }
    }
    return bytes;
}

class EvidenceServer : public ::testing::Test {
protected:
    void SetUp() override {
        m_pdf = thai_pdf("แผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รวมทั้งสิ้นสิบสองล้านห้าแสนบาทถ้วน");
        m_server.Get("/robots.txt", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("User-agent: *\nDisallow: /private/\n", "text/plain");
        });
        m_server.Get("/structure", [this](const httplib::Request&, httplib::Response& response) {
            ++m_requests;
            response.set_content(
                html(
                    "โครงสร้างหน่วยงาน",
                    "<h1>แผนผังโครงสร้างหน่วยงาน</h1><p>กองคลัง</p><p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p>"),
                "text/html; charset=utf-8");
        });
        m_server.Get("/tis-620", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(
                tis620(
                    "<html><body><h1>แผนผังโครงสร้างหน่วยงาน</h1><p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>"),
                "text/html; charset=TIS-620");
        });
        m_server.Get("/windows-874-meta", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(
                tis620(
                    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-874\"></head>"
                    "<body>แผนผังโครงสร้างหน่วยงาน<p>สำนักปลัดมีหัวหน้าสำนักปลัดเป็นผู้บังคับบัญชา แบ่งงานเป็นงานธุรการและงานนโยบายและแผน</p></body></html>"),
                "text/html");
        });
        m_server.Get("/plan-2563", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(
                html("แผนดำเนินงาน",
                     "<p>แผนดำเนินงานประจำปีงบประมาณ พ.ศ. ๒๕๖๓</p><p>โครงการก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองบัว งบประมาณ ๕๐๐,๐๐๐ บาท</p>"),
                "text/html");
        });
        m_server.Get("/budget.pdf",
                     [this](const httplib::Request&, httplib::Response& response) { response.set_content(m_pdf, "application/pdf"); });
        m_server.Get("/broken.pdf", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("%PDF-1.4\nnot really a pdf", "application/pdf");
        });
        m_server.Get("/missing", [](const httplib::Request&, httplib::Response& response) {
            response.status = 404;
            response.set_content("no", "text/plain");
        });
        m_server.Get("/hop1", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/hop2", 302); });
        m_server.Get("/hop2", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/structure", 301); });
        m_server.Get("/loop", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/loop", 302); });
        m_server.Get("/refresh", [this](const httplib::Request&, httplib::Response& response) {
            response.set_content("<html><head><meta http-equiv=\"Refresh\" content=\"0; URL='" + url("/structure") +
                                     "'\"><title>กำลังไปยังเอกสาร</title></head><body></body></html>",
                                 "text/html; charset=utf-8");
        });
        m_server.Get("/to-ftp",
                     [](const httplib::Request&, httplib::Response& response) { response.set_redirect("ftp://127.0.0.1/x", 302); });
        m_server.Get("/login", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(html("เข้าสู่ระบบ", "<form><input name=u><input type=\"PASSWORD\" name=p></form> โครงสร้าง"), "text/html");
        });
        m_server.Get("/soft-404", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(html("404 Not Found", "<p>ไม่พบหน้าที่ท่านต้องการ</p>"), "text/html");
        });
        m_server.Get("/private/structure", [this](const httplib::Request&, httplib::Response& response) {
            ++m_requests;
            response.set_content(html("โครงสร้าง", "โครงสร้าง"), "text/html");
        });
        m_server.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
            std::this_thread::sleep_for(3s);
            response.set_content("late", "text/plain");
        });
        m_server.Get("/endless", [](const httplib::Request&, httplib::Response& response) {
            // A body that never ends, sent in chunks: the fetch must stop at its limit.
            response.set_chunked_content_provider("text/html", [](std::size_t, httplib::DataSink& sink) {
                static const std::string chunk(64 * 1024, 'a');
                return sink.write(chunk.data(), chunk.size());
            });
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        ASSERT_GT(m_port, 0);
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(1ms);
    }
    void TearDown() override {
        m_server.stop();
        m_thread.join();
    }

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }

    static evidence::FetchLimits limits() {
        evidence::FetchLimits limits;
        limits.allow_private_addresses = true;  // this test's pages are on loopback
        limits.connect_timeout = 1000ms;
        limits.total_timeout = 1500ms;
        limits.max_bytes = 256 * 1024;
        return limits;
    }

    evidence::EvidenceCheck check(const std::string& path, core::EvidencePeriod period, std::vector<std::string> keywords) {
        evidence::RobotsCache robots(limits());
        return evidence::check_evidence(url(path),
                                        evidence::EvidenceRules{.fiscal_year = 2565,
                                                                .keywords = std::move(keywords),
                                                                .period = period,
                                                                .signs = {},
                                                                .online_service = false,
                                                                .agency_sites = {}},
                                        limits(), robots);
    }

    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::string m_pdf;
    std::atomic<int> m_requests{0};
};

}  // namespace

TEST_F(EvidenceServer, APageThatNamesItsItemIsOkAndItsBytesAreNamedByTheirHash) {
    const auto result = check("/structure", core::EvidencePeriod::standing, {"โครงสร้าง"});
    EXPECT_EQ(result.assessment.status, Readiness::ok) << result.assessment.reason();
    EXPECT_EQ(result.fetched.http_status, 200);
    EXPECT_EQ(result.sha256, evidence::sha256_hex(result.fetched.body));
    EXPECT_EQ(result.sha256.size(), 64u);
}

TEST_F(EvidenceServer, PagesInTheOldThaiEncodingsAreReadAsThai) {
    EXPECT_EQ(check("/tis-620", core::EvidencePeriod::standing, {"โครงสร้าง"}).assessment.status, Readiness::ok);
    const auto declared = check("/windows-874-meta", core::EvidencePeriod::standing, {"โครงสร้าง"});
    EXPECT_EQ(declared.assessment.status, Readiness::ok) << declared.assessment.reason();
}

TEST_F(EvidenceServer, RedirectsAreFollowedAndEachHopRecorded) {
    const auto result = check("/hop1", core::EvidencePeriod::standing, {"โครงสร้าง"});
    EXPECT_EQ(result.assessment.status, Readiness::ok) << result.assessment.reason();
    EXPECT_EQ(result.fetched.final_url, url("/structure"));
    ASSERT_EQ(result.fetched.redirects.size(), 2u);
    EXPECT_EQ(result.fetched.redirects[0].url, url("/hop1"));
    EXPECT_EQ(result.fetched.redirects[0].http_status, 302);
    EXPECT_EQ(result.fetched.redirects[1].http_status, 301);
}

// A page that sends the browser on with a meta refresh is judged where the auditor lands.
TEST_F(EvidenceServer, AMetaRefreshIsFollowedLikeARedirect) {
    const auto result = check("/refresh", core::EvidencePeriod::standing, {"โครงสร้าง"});
    EXPECT_EQ(result.assessment.status, Readiness::ok) << result.assessment.reason();
    EXPECT_EQ(result.fetched.url, url("/refresh"));
    EXPECT_EQ(result.fetched.final_url, url("/structure"));
    ASSERT_EQ(result.fetched.redirects.size(), 1u);
    EXPECT_EQ(result.fetched.redirects[0].url, url("/refresh"));
    EXPECT_EQ(result.fetched.redirects[0].http_status, 200);
}

TEST_F(EvidenceServer, ARedirectLoopOrAnotherProtocolIsBroken) {
    EXPECT_EQ(check("/loop", core::EvidencePeriod::standing, {}).fetched.error, "too_many_redirects");
    const auto ftp = check("/to-ftp", core::EvidencePeriod::standing, {});
    EXPECT_EQ(ftp.assessment.status, Readiness::broken);
    EXPECT_EQ(ftp.fetched.error, "bad_address");
}

TEST_F(EvidenceServer, NotFoundAndSignInPagesAreBroken) {
    EXPECT_EQ(check("/missing", core::EvidencePeriod::standing, {}).assessment.findings.at(0).code, "http_404");
    EXPECT_EQ(check("/login", core::EvidencePeriod::standing, {"โครงสร้าง"}).assessment.findings.at(0).code, "sign_in_wall");
    EXPECT_EQ(check("/soft-404", core::EvidencePeriod::standing, {}).assessment.findings.at(0).code, "not_found_page");
}

TEST_F(EvidenceServer, APageOfAnEarlierYearIsStale) {
    const auto result = check("/plan-2563", core::EvidencePeriod::fiscal_year, {"แผนดำเนินงาน"});
    EXPECT_EQ(result.assessment.status, Readiness::stale) << result.assessment.reason();
    EXPECT_NE(result.assessment.reason().find("2563"), std::string::npos);
}

TEST_F(EvidenceServer, APdfsThaiTextIsReadForTheYearAndKeywords) {
    const auto result = check("/budget.pdf", core::EvidencePeriod::fiscal_year, {"แผนการใช้จ่ายงบประมาณ"});
    EXPECT_EQ(result.assessment.status, Readiness::ok) << result.assessment.reason();
    const auto wrong_year = evidence::check_evidence(url("/budget.pdf"),
                                                     evidence::EvidenceRules{.fiscal_year = 2566,
                                                                             .keywords = {"งบประมาณ"},
                                                                             .period = core::EvidencePeriod::fiscal_year,
                                                                             .signs = {},
                                                                             .online_service = false,
                                                                             .agency_sites = {}},
                                                     limits(), *std::make_unique<evidence::RobotsCache>(limits()));
    EXPECT_EQ(wrong_year.assessment.status, Readiness::stale);
    EXPECT_EQ(check("/broken.pdf", core::EvidencePeriod::standing, {}).assessment.findings.at(0).code, "unreadable");
}

TEST_F(EvidenceServer, RobotsTxtIsObeyedWithoutFetchingThePage) {
    const auto result = check("/private/structure", core::EvidencePeriod::standing, {"โครงสร้าง"});
    EXPECT_EQ(result.assessment.status, Readiness::suspicious);
    EXPECT_EQ(result.assessment.findings.at(0).code, "robots_disallowed");
    EXPECT_EQ(m_requests.load(), 0);
}

TEST_F(EvidenceServer, ASlowSiteTimesOutWithinTheLimit) {
    // The page answers after 3 s; the limit is 1.5 s. What is checked is the outcome (no timing
    // is asserted): the fetch ended as a timeout, with none of the page's bytes.
    const auto result = check("/slow", core::EvidencePeriod::standing, {});
    EXPECT_EQ(result.fetched.error, "timeout");
    EXPECT_TRUE(result.fetched.body.empty());
    EXPECT_EQ(result.assessment.status, Readiness::broken);
}

TEST_F(EvidenceServer, AnEndlessBodyIsCutAtTheLimitAndNoMoreIsKept) {
    const auto result = check("/endless", core::EvidencePeriod::standing, {});
    EXPECT_TRUE(result.fetched.truncated);
    EXPECT_EQ(result.fetched.body.size(), limits().max_bytes);
    EXPECT_TRUE(result.fetched.error.empty()) << result.fetched.error_detail;
}

TEST_F(EvidenceServer, PrivateAddressesAreRefusedBeforeConnectingUnlessAllowed) {
    auto strict = limits();
    strict.allow_private_addresses = false;
    const auto result = evidence::fetch(url("/structure"), strict);
    EXPECT_EQ(result.error, "refused_address");
    EXPECT_EQ(m_requests.load(), 0);
    for (const std::string address :
         {"http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/", "http://192.168.0.1/"})
        EXPECT_EQ(evidence::fetch(address, strict).error, "refused_address") << address;
}
