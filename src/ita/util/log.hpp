// The server's log: one JSON object a line, each stamped with its Bangkok time and a level, on
// stderr (journald keeps it) or in a file that SIGHUP makes the process reopen (logrotate).
// Commands other than `ita serve` keep plain text for the person at the terminal: the log is
// in JSON only once `use_json_log` was called. Thread-safe: a line is written whole.
#pragma once

#include <ita/util/error.hpp>

#include <string>
#include <string_view>

namespace ita::util {

enum class LogLevel { info, warning, error };

// From now on, lines are JSON (ita serve). `file`: append to it (created 0640) instead of
// stderr; empty keeps stderr.
Result<void> use_json_log(const std::string& file);

// Reopens the log file (after logrotate moved it); nothing to do on stderr.
Result<void> reopen_log();

// A message for the operator: JSON {"time","level","msg"} or, in plain mode, the text itself.
void log_message(LogLevel level, std::string_view text);

// A line whose fields are already a JSON object's members (`"method":"GET",…`, escaped by the
// caller): the log adds the time and level in front. Plain mode writes the same JSON line.
void log_fields(LogLevel level, std::string_view json_members);

// The whole line: {"time":…,"level":…, members}.
std::string log_line(LogLevel level, std::string_view json_members, long long milliseconds_since_epoch);

// `text` as a JSON string's contents: quotes, backslashes, control bytes and anything not ASCII
// escaped, at most `limit` bytes of it, so a line stays one valid line whatever it held.
void append_json_escaped(std::string& out, std::string_view text, std::size_t limit);

}  // namespace ita::util
