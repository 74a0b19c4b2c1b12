// How scores read on the web pages: two decimals rounded half away from zero, "—" when absent,
// changes with their sign. Pure.
#pragma once

#include <ita/util/decimal.hpp>

#include <optional>
#include <string>

namespace ita::server {

inline std::string shown(const std::optional<double>& score) { return score ? util::format_fixed(*score) : std::string("—"); }

inline std::string signed_change(double change) { return (change >= 0 ? "+" : "") + util::format_fixed(change); }

}  // namespace ita::server
