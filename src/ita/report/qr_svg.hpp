// A QR code (libqrencode) as an inline SVG of dark modules, for code sheets and posters.
// Pure; thread-safe.
#pragma once

#include <string>

namespace ita::report {

// Empty when the text cannot be encoded.
std::string qr_svg(const std::string& text, int size_px = 132);

}  // namespace ita::report
