// Error and Diagnostic: the failure values of ita. Plain values, safe to copy between threads.
// Expected failures travel as std::expected<T, Error>; exceptions are for bugs and start-up only.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <vector>

namespace ita {

// not_open: the season's window for the step is not open on the day (HTTP 403).
// used_up: a one-time thing already spent: a survey code, a browser's one answer (HTTP 410).
enum class ErrorCode { invalid_input, not_found, io, conflict, rate_limited, not_open, used_up, internal };

// One problem in one place of an input: file, line (0 when the input has no lines, such as a
// JSON path), field (a CSV column name or a JSON path) and the reason, in plain words.
struct Diagnostic {
    std::string file;
    std::size_t line = 0;
    std::string field;
    std::string message;

    // "file:line:field: message", leaving out the parts that are empty.
    [[nodiscard]] std::string to_string() const;
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::vector<Diagnostic> diagnostics;
    std::size_t diagnostics_dropped = 0;  // problems found beyond the listing cap

    // The message followed by one diagnostic a line.
    [[nodiscard]] std::string to_string() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) { return std::unexpected(Error{code, std::move(message), {}, 0}); }

// The success or failure of a Result, without its value (GCC 12 has no expected::transform).
template <typename T>
Result<void> without_value(Result<T>&& result) {
    if (!result) return std::unexpected(std::move(result).error());
    return {};
}

}  // namespace ita

// ITA_TRY(var, expr): evaluates an expression giving a Result; returns its error from the
// enclosing function, else moves the value into a new variable.
#define ITA_CONCAT_INNER(a, b) a##b
#define ITA_CONCAT(a, b) ITA_CONCAT_INNER(a, b)
// NOLINTBEGIN(bugprone-macro-parentheses): `var` names the variable the macro declares.
#define ITA_TRY(var, expr)                                                                                          \
    auto ITA_CONCAT(ita_try_, __LINE__) = (expr);                                                                   \
    if (!ITA_CONCAT(ita_try_, __LINE__)) return std::unexpected(std::move(ITA_CONCAT(ita_try_, __LINE__)).error()); \
    auto var = std::move(*ITA_CONCAT(ita_try_, __LINE__))
// NOLINTEND(bugprone-macro-parentheses)

// ITA_TRY_VOID(expr): returns the error of a Result<void> from the enclosing function.
#define ITA_TRY_VOID(expr)                                                             \
    if (auto ITA_CONCAT(ita_try_, __LINE__) = (expr); !ITA_CONCAT(ita_try_, __LINE__)) \
    return std::unexpected(std::move(ITA_CONCAT(ita_try_, __LINE__)).error())
