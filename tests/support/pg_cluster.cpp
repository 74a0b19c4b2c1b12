#include "pg_cluster.hpp"
#include "ports.hpp"

#include <glob.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace ita::test {

namespace {

// Runs a shell command; returns its output, throwing with it when the command fails.
std::string run(const std::string& command) {
    std::string output;
    std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), read);
    if (::pclose(pipe) != 0) throw std::runtime_error(command + " failed:\n" + output);
    return output;
}

std::string find_bin_dir() {
    glob_t found{};
    std::string dir;
    if (::glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &found) == 0 && found.gl_pathc > 0)
        dir = std::filesystem::path(found.gl_pathv[found.gl_pathc - 1]).parent_path().string();
    ::globfree(&found);
    if (dir.empty()) throw std::runtime_error("PostgreSQL server binaries not found (install the Debian package postgresql)");
    return dir;
}

}  // namespace

PgCluster::PgCluster() : m_bin(find_bin_dir()), m_port(free_port()) {
    char pattern[] = "/tmp/ita-pg-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
    m_as_postgres = ::geteuid() == 0;
    if (m_as_postgres) {
        const passwd* owner = ::getpwnam("postgres");
        if (!owner) throw std::runtime_error("running as root needs the postgres user to own the test cluster");
        if (::chown(m_dir.c_str(), owner->pw_uid, owner->pw_gid) != 0) throw std::runtime_error("chown of the cluster folder failed");
    }
    run_as_owner(m_bin + "/initdb -D " + m_dir + "/data -U ita -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
    run_as_owner(m_bin + "/pg_ctl -D " + m_dir + "/data -l " + m_dir + "/log -w -t 60 -o \"-c listen_addresses='' -k " + m_dir + " -p " +
                 std::to_string(m_port) + " -c fsync=off -c full_page_writes=off\" start");
}

PgCluster::~PgCluster() {
    try {
        if (m_replica_port) run_as_owner(m_bin + "/pg_ctl -D " + m_dir + "/replica -m immediate -w stop");
    } catch (...) {
    }
    try {
        run_as_owner(m_bin + "/pg_ctl -D " + m_dir + "/data -m immediate -w stop");
    } catch (...) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

std::string PgCluster::run_as_owner(const std::string& command) const {
    if (!m_as_postgres) return run(command);
    std::string quoted = "'";
    for (const char c : command) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return run("runuser -u postgres -- sh -c " + quoted + "'");
}

std::string PgCluster::conninfo(const std::string& database) const {
    return "host=" + m_dir + " port=" + std::to_string(m_port) + " user=ita dbname=" + database;
}

std::string PgCluster::new_database() {
    const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++m_databases);
    run(m_bin + "/createdb -h " + m_dir + " -p " + std::to_string(m_port) + " -U ita " + name);
    return conninfo(name);
}

std::string PgCluster::replica_conninfo(const std::string& database) {
    if (!m_replica_port) {
        m_replica_port = free_port();
        run_as_owner(m_bin + "/pg_basebackup -h " + m_dir + " -p " + std::to_string(m_port) + " -U ita -D " + m_dir +
                     "/replica -R -X stream -c fast --no-sync");
        run_as_owner(m_bin + "/pg_ctl -D " + m_dir + "/replica -l " + m_dir + "/replica.log -w -t 60 -o \"-c listen_addresses='' -k " +
                     m_dir + " -p " + std::to_string(m_replica_port) + " -c fsync=off -c hot_standby=on\" start");
    }
    return "host=" + m_dir + " port=" + std::to_string(m_replica_port) + " user=ita dbname=" + database;
}

PgCluster& PgCluster::shared() {
    static PgCluster cluster;
    return cluster;
}

}  // namespace ita::test
