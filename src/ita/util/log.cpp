#include <ita/util/log.hpp>

#include <ita/util/clock.hpp>
#include <ita/util/text.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace ita::util {

namespace {

struct LogState {
    std::mutex mutex;
    bool json = false;
    std::string path;  // empty: stderr
    int fd = STDERR_FILENO;
};

LogState& state() {
    static LogState log;
    return log;
}

Result<int> open_append(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) return fail(ErrorCode::io, "cannot open the log file " + path);
    return fd;
}

const char* level_name(LogLevel level) {
    switch (level) {
        case LogLevel::info: return "info";
        case LogLevel::warning: return "warning";
        case LogLevel::error: return "error";
    }
    return "info";
}

long long now_milliseconds() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// One write(2) per line: with O_APPEND two processes sharing a file never interleave a line.
void write_line(const std::string& line) {
    auto& log = state();
    const std::lock_guard lock(log.mutex);
    std::size_t written = 0;
    while (written < line.size()) {
        const auto result = ::write(log.fd, line.data() + written, line.size() - written);
        if (result <= 0) return;  // nowhere left to say it
        written += static_cast<std::size_t>(result);
    }
}

}  // namespace

std::string log_line(LogLevel level, std::string_view members, long long milliseconds_since_epoch) {
    std::string line = "{\"time\":\"" + bangkok_timestamp(milliseconds_since_epoch) + "\",\"level\":\"" + level_name(level) + "\"";
    if (!members.empty()) {
        line += ',';
        line += members;
    }
    line += "}\n";
    return line;
}

namespace {
std::string stamped(LogLevel level, std::string_view members) { return log_line(level, members, now_milliseconds()); }
}  // namespace

Result<void> use_json_log(const std::string& file) {
    auto& log = state();
    if (!file.empty()) {
        ITA_TRY(fd, open_append(file));
        const std::lock_guard lock(log.mutex);
        if (log.fd != STDERR_FILENO) ::close(log.fd);
        log.fd = fd;
        log.path = file;
    }
    const std::lock_guard lock(log.mutex);
    log.json = true;
    return {};
}

Result<void> reopen_log() {
    auto& log = state();
    std::string path;
    {
        const std::lock_guard lock(log.mutex);
        path = log.path;
    }
    if (path.empty()) return {};
    ITA_TRY(fd, open_append(path));
    const std::lock_guard lock(log.mutex);
    ::close(log.fd);
    log.fd = fd;
    return {};
}

void log_message(LogLevel level, std::string_view text) {
    bool json = false;
    {
        const std::lock_guard lock(state().mutex);
        json = state().json;
    }
    if (!json) {
        write_line(std::string(text) + "\n");
        return;
    }
    std::string members = "\"msg\":\"";
    append_json_escaped(members, text, 4000);
    members += '"';
    write_line(stamped(level, members));
}

void log_fields(LogLevel level, std::string_view json_members) { write_line(stamped(level, json_members)); }

void append_json_escaped(std::string& out, std::string_view text, std::size_t limit) {
    if (text.size() > limit) {
        // Cut on a character boundary, so Thai text stays readable up to the cut.
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        append_json_escaped(out, text.substr(0, cut), limit);
        out += "\\u2026";
        return;
    }
    // Well-formed UTF-8 (Thai messages) is kept as it is; a text that is not has every byte
    // above ASCII replaced, so the line is valid JSON whatever the request sent.
    const bool utf8 = !invalid_utf8_at(text);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte >= 0x80 && utf8) {
            out += c;
        } else if (byte >= 0x80) {
            out += "\\ufffd";
        } else if (byte < 0x20 || byte == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
}

}  // namespace ita::util
