#include <ita/app/doctor_command.hpp>

#include <ita/app/version.hpp>
#include <ita/ingest/methodology_reader.hpp>
#include <ita/report/fonts.hpp>
#include <ita/server/public_url.hpp>
#include <ita/service/methodology_in_force.hpp>
#include <ita/storage/migrations.hpp>
#include <ita/storage/secrets.hpp>
#include <ita/storage/store.hpp>
#include <ita/util/clock.hpp>
#include <ita/util/log.hpp>
#include <ita/util/text.hpp>

#include <arpa/inet.h>
#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <iostream>

namespace ita::app {

namespace {

enum class Verdict { ok, warn, fail };

class Report {
public:
    void line(Verdict verdict, const std::string& subject, const std::string& text) {
        const char* mark = verdict == Verdict::ok ? "ok  " : verdict == Verdict::warn ? "warn" : "FAIL";
        std::cout << mark << "  " << subject << ": " << text << "\n";
        m_failed = m_failed || verdict == Verdict::fail;
    }
    [[nodiscard]] bool failed() const { return m_failed; }

private:
    bool m_failed = false;
};

bool is_ip_address(const std::string& text) {
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, text.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

void check_settings(Report& report, const DoctorCommand& command) {
    if (command.config_file)
        report.line(Verdict::ok, "settings", *command.config_file + " read, every key known");
    else
        report.line(Verdict::warn, "settings", "no settings file (--config or ITA_CONFIG): flags and environment only");
}

void check_secrets(Report& report) {
    const auto path = storage::secrets_path();
    if (!path) {
        report.line(Verdict::fail, "secrets", path.error().message);
        return;
    }
    struct stat status {};
    if (::stat(path->c_str(), &status) != 0) {
        report.line(Verdict::fail, "secrets", *path + " does not exist (a new database creates it; an existing one needs its own)");
        return;
    }
    if ((status.st_mode & 077) != 0) {
        report.line(Verdict::fail, "secrets", *path + " is readable by others than its owner: chmod 600 " + *path);
        return;
    }
    if (auto read = storage::read_secrets(*path); !read) {
        report.line(Verdict::fail, "secrets", read.error().to_string());
        return;
    }
    report.line(Verdict::ok, "secrets", *path + " (owner only)");
}

// Opens the database as ita serve would (an older schema refused, nothing migrated); returns it
// for the checks that read it. A SQLite file that does not exist is reported, not created.
std::unique_ptr<storage::Store> check_database(Report& report, const DoctorCommand& command) {
    if (!command.db || command.db->empty()) {
        report.line(Verdict::fail, "database", "none given: db in the settings file, --db or ITA_DB");
        return nullptr;
    }
    if (storage::database_kind(*command.db) == storage::DatabaseKind::sqlite && ::access(command.db->c_str(), F_OK) != 0) {
        report.line(Verdict::fail, "database", "the SQLite file " + *command.db + " does not exist (ita migrate creates it)");
        return nullptr;
    }
    auto store = storage::open_store(*command.db, storage::Migrations::refuse_older);
    if (!store) {
        report.line(Verdict::fail, "database", store.error().to_string());
        return nullptr;
    }
    const auto schema = (*store)->schema_version();
    if (!schema) {
        report.line(Verdict::fail, "database", schema.error().to_string());
        return nullptr;
    }
    const int known = storage::newest_schema_version();
    if (*schema > known)
        report.line(Verdict::warn, "database",
                    std::string((*store)->backend()) + " answers at schema " + std::to_string(*schema) + ", newer than this ita's " +
                        std::to_string(known) + " but declared runnable by it: finish the upgrade (install the newer ita)");
    else
        report.line(Verdict::ok, "database",
                    std::string((*store)->backend()) + " answers at schema " + std::to_string(*schema) +
                        ", the one this ita needs; its key matches the secrets file");
    return std::move(*store);
}

void check_serving(Report& report, const ServeCommand& serve) {
    const auto colon = serve.listen.rfind(':');
    const auto port = colon == std::string::npos ? std::nullopt : util::parse_integer(serve.listen.substr(colon + 1));
    std::string address = colon == std::string::npos ? "" : serve.listen.substr(0, colon);
    if (address.size() > 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
    if (!port || *port < 1 || *port > 65535 || !(is_ip_address(address) || address == "localhost"))
        report.line(Verdict::fail, "listen", "'" + serve.listen + "' is not ADDRESS:PORT, such as 127.0.0.1:8081");
    else
        report.line(Verdict::ok, "listen",
                    serve.listen + (serve.threads ? ", " + std::to_string(serve.threads) + " threads" : ", a thread per core"));
    std::string proxies;
    for (const auto& proxy : serve.trusted_proxies) {
        if (!is_ip_address(proxy)) {
            report.line(Verdict::fail, "trusted-proxy", "'" + proxy + "' is not an IP address (X-Forwarded-For is matched by address)");
            return;
        }
        proxies += (proxies.empty() ? "" : ", ") + proxy;
    }
    if (proxies.empty())
        report.line(Verdict::warn, "trusted-proxy", "none: behind nginx every client looks like nginx (sign-in limits, the log)");
    else
        report.line(Verdict::ok, "trusted-proxy", proxies);
}

void check_public_url(Report& report, const ServeCommand& serve) {
    if (serve.public_url.empty())
        report.line(Verdict::warn, "public-url", "not set: code cards and posters print the address the browser used");
    else if (server::is_public_base_url(serve.public_url))
        report.line(Verdict::ok, "public-url", serve.public_url);
    else
        report.line(Verdict::fail, "public-url", "'" + serve.public_url + "' is not http:// or https:// and a host");
}

void check_files(Report& report, const ServeCommand& serve) {
    if (serve.log_file.empty()) {
        report.line(Verdict::ok, "log", "standard error (journald)");
    } else {
        // access(2), not std::filesystem: a folder this user cannot search is a finding, not an exception.
        const auto folder = std::filesystem::path(serve.log_file).parent_path();
        const bool writable = ::access(serve.log_file.c_str(), F_OK) == 0 ? ::access(serve.log_file.c_str(), W_OK) == 0
                                                                          : ::access((folder.empty() ? "." : folder.c_str()), W_OK) == 0;
        if (writable)
            report.line(Verdict::ok, "log", serve.log_file + " (reopened on SIGHUP)");
        else
            report.line(Verdict::fail, "log", "cannot write " + serve.log_file);
    }
    if (!serve.template_dir.empty()) {
        std::error_code unreadable;
        if (std::filesystem::is_directory(serve.template_dir, unreadable))
            report.line(Verdict::ok, "templates", serve.template_dir);
        else
            report.line(Verdict::fail, "templates", serve.template_dir + " is not a folder");
    }
}

void check_fonts(Report& report) {
    if (report::font_family_installed("Laksaman"))
        report.line(Verdict::ok, "fonts", "Laksaman (the report's Thai font)");
    else
        report.line(Verdict::fail, "fonts", "Laksaman is not installed (apt install fonts-thai-tlwg): reports would lose their Thai font");
}

void check_methodologies(Report& report, storage::Store* store, const std::optional<std::string>& methodology_dir) {
    std::error_code unreadable;
    if (methodology_dir && !std::filesystem::is_directory(*methodology_dir, unreadable)) {
        report.line(Verdict::fail, "methodology", *methodology_dir + " is not a folder");
        return;
    }
    const auto years = service::methodology_years(store, methodology_dir);
    if (!years) {
        report.line(Verdict::fail, "methodology", years.error().to_string());
        return;
    }
    for (const int year : *years) {
        const auto loaded =
            store ? service::methodology_in_force(*store, year, methodology_dir) : ingest::load_methodology(year, methodology_dir);
        if (!loaded) {
            report.line(Verdict::fail, "methodology", std::to_string(year) + ": " + loaded.error().to_string());
            return;
        }
    }
    if (years->empty())
        report.line(Verdict::fail, "methodology", "no year loads");
    else
        report.line(Verdict::ok, "methodology",
                    std::to_string(*years->begin()) + "–" + std::to_string(*years->rbegin()) + " load (" + std::to_string(years->size()) +
                        " years)");
}

void check_clock(Report& report, const std::string& evidence_check_at) {
    const std::string stamp = util::bangkok_timestamp_now();
    const int year = std::stoi(stamp.substr(0, 4));
    // Sessions, survey windows and the fiscal year all read the clock: one years off is a
    // machine without time synchronisation.
    if (year < 2024 || year > 2100)
        report.line(Verdict::fail, "clock", "the clock says " + stamp + ": set the time (systemd-timesyncd or chrony)");
    else
        report.line(Verdict::ok, "clock", "Bangkok time " + stamp + " (ita uses UTC+7 whatever the host's zone)");
    if (evidence_check_at != "off" && !util::minutes_of_day(evidence_check_at))
        report.line(Verdict::fail, "evidence-check-at", "'" + evidence_check_at + "' is neither HH:MM nor off");
}

void check_backup_tool(Report& report, const std::optional<std::string>& db) {
    if (!db || storage::database_kind(*db) != storage::DatabaseKind::postgresql) return;
    if (std::system("pg_dump --version >/dev/null 2>&1") == 0)
        report.line(Verdict::ok, "backup", "pg_dump found (ita backup)");
    else
        report.line(Verdict::warn, "backup", "pg_dump is not on the PATH: ita backup needs postgresql-client");
}

}  // namespace

int run_doctor_command(const DoctorCommand& command) {
    Report report;
    std::cout << version_text() << "\n";
    check_settings(report, command);
    check_secrets(report);
    const auto store = check_database(report, command);
    check_serving(report, command.serve);
    check_files(report, command.serve);
    check_public_url(report, command.serve);
    check_fonts(report);
    check_methodologies(report, store.get(), command.methodology_dir);
    check_clock(report, command.evidence_check_at);
    check_backup_tool(report, command.db);
    return report.failed() ? 1 : 0;
}

}  // namespace ita::app
